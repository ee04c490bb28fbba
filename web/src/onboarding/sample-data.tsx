// Sample data: generate, see what it holds and when it expires, clear.
import { useState } from "preact/hooks";
import { ok } from "@onboarding/client";
import { api } from "../api";
import { ProblemMessage } from "../ui/problem";
import { formatDateTime, humanize } from "../ui/labels";
import { useResource } from "../ui/use-resource";

export function SampleData({ orgId, canEdit, version, onChanged }: { orgId: string; canEdit: boolean; version: number; onChanged: () => void }) {
  const params = { path: { orgId } };
  const sample = useResource(() => ok(api().api.GET("/api/orgs/{orgId}/onboarding/sample-data", { params })), { key: version });
  const [error, setError] = useState<unknown>();
  const change = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setError(undefined);
      await sample.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const status = sample.data?.status;
  return (
    <section aria-labelledby="sample-title" class="card">
      <h2 id="sample-title">Sample data</h2>
      <ProblemMessage error={error ?? sample.error} onReload={() => { setError(undefined); void sample.reload(); }} />
      {status && (
        <>
          <p data-testid="sample-status">
            {humanize(status.status)}
            {status.status === "active" && <> · {status.itemCount ?? 0} items · expires {formatDateTime(status.expiresAt)} ({status.daysUntilExpiry} days left)</>}
          </p>
          {status.status === "active" && status.counts && (
            <p>{Object.entries(status.counts).map(([counter, count]) => `${count} ${humanize(counter).toLowerCase()}`).join(", ")}</p>
          )}
          {!sample.data?.offered && <p>This product's onboarding offers no sample data.</p>}
          {canEdit && sample.data?.offered && (status.status === "active"
            ? <button type="button" class="secondary" onClick={() => change(() => ok(api().api.DELETE("/api/orgs/{orgId}/onboarding/sample-data", { params })))}>Clear sample data</button>
            : <button type="button" onClick={() => change(() => ok(api().api.POST("/api/orgs/{orgId}/onboarding/sample-data", { params })))}>Generate sample data</button>)}
        </>
      )}
    </section>
  );
}
