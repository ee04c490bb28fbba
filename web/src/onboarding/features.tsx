// Feature unlocks: what is unlocked, what is left for each locked one, and "show all features".
import { useState } from "preact/hooks";
import { ok } from "@onboarding/client";
import { api } from "../api";
import { config } from "../config";
import { ProblemMessage } from "../ui/problem";
import { humanize, formatDateTime } from "../ui/labels";
import { useResource } from "../ui/use-resource";

export function Features({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const params = { path: { orgId } };
  const features = useResource(() => ok(api().api.GET("/api/orgs/{orgId}/onboarding/features", { params })), { refreshSeconds: config.refreshSeconds * 2 });
  const [error, setError] = useState<unknown>();
  const data = features.data;
  const setShowAll = async (showAll: boolean) => {
    try {
      features.set((await ok(api().api.PUT("/api/orgs/{orgId}/onboarding/features", { params, body: { showAll } }))).features);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="features-title" class="card">
      <h2 id="features-title">Features</h2>
      <ProblemMessage error={error ?? features.error} onReload={() => { setError(undefined); void features.reload(); }} />
      {data && (
        <>
          <ul class="features">
            {data.unlocked.map((f) => <li key={f.id} class="done">{humanize(f.titleKey)}: unlocked {formatDateTime(f.unlockedAt)}</li>)}
            {data.locked.filter((f) => f.visible || data.showAll).map((f) => (
              <li key={f.id}>{humanize(f.titleKey)}: locked, {f.remaining} more {humanize(f.milestone).toLowerCase()} to go ({f.currentCount} of {f.threshold})</li>
            ))}
          </ul>
          {!data.showAll && data.locked.length > 0 && <p>{data.locked.length} more features unlock as you use the product.</p>}
          {canEdit && (
            <button type="button" class="secondary" onClick={() => setShowAll(!data.showAll)}>
              {data.showAll ? "Hide locked features" : "Show all features"}
            </button>
          )}
        </>
      )}
    </section>
  );
}
