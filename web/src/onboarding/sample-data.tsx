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
          {sample.data?.data && <SampleObjects collections={sample.data.data.collections} />}
          {!sample.data?.offered && <p>This product's onboarding offers no sample data.</p>}
          {canEdit && sample.data?.offered && (status.status === "active"
            ? <button type="button" class="secondary" onClick={() => change(() => ok(api().api.DELETE("/api/orgs/{orgId}/onboarding/sample-data", { params })))}>Clear sample data</button>
            : <button type="button" onClick={() => change(() => ok(api().api.POST("/api/orgs/{orgId}/onboarding/sample-data", { params })))}>Generate sample data</button>)}
        </>
      )}
    </section>
  );
}

type SampleObject = { key: string; [field: string]: unknown };

// The catalog decides what an object holds, so each is shown by its key and its first text field (a name or title).
function SampleObjects({ collections }: { collections: Record<string, SampleObject[]> }) {
  return (
    <>
      {Object.entries(collections).map(([counter, objects]) => (
        <details key={counter} data-testid={`sample-${counter}`}>
          <summary>{humanize(counter)} ({objects.length})</summary>
          <ul>{objects.map((o) => <li key={o.key}>{label(o)}</li>)}</ul>
        </details>
      ))}
    </>
  );
}

function label(object: SampleObject): string {
  const text = Object.entries(object).find(([field, value]) => field !== "key" && typeof value === "string" && !field.endsWith("Key"));
  return text ? `${text[1] as string} (${object.key})` : object.key;
}
