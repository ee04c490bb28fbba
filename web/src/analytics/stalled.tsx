// Organizations whose wizard stalled, a page at a time (the API's continuation token).
import { useState } from "preact/hooks";
import { ok } from "@onboarding/client";
import { api } from "../api";
import { ProblemMessage } from "../ui/problem";
import { formatDateTime } from "../ui/labels";
import { useResource } from "../ui/use-resource";

export function StalledPanel({ pageSize = 10 }: { pageSize?: number }) {
  const [olderThanHours, setOlderThanHours] = useState(48);
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const page = tokens.length;
  const stalled = useResource(() => ok(api().api.GET("/api/analytics/stalled", {
    params: { query: { olderThanHours, pageSize, ...(tokens[page - 1] ? { continuationToken: tokens[page - 1] } : {}) } },
  })), { key: [olderThanHours, tokens] });
  const reloadWith = (next: (string | undefined)[], hours = olderThanHours) => { setTokens(next); setOlderThanHours(hours); };
  const data = stalled.data;
  return (
    <section aria-labelledby="stalled-title" class="card wide">
      <h2 id="stalled-title">Stalled organizations</h2>
      <div class="field field-inline">
        <label for="stalled-hours">Wizard started more than (hours) ago</label>
        <input id="stalled-hours" type="number" min={1} value={olderThanHours}
          onChange={(e) => { const hours = Number(e.currentTarget.value); if (hours >= 1) reloadWith([undefined], hours); }} />
      </div>
      <ProblemMessage error={stalled.error} />
      {data && (
        <>
          <table data-testid="stalled-table">
            <caption>Page {page}: wizards in progress, newest start first</caption>
            <thead><tr><th scope="col">Organization</th><th scope="col">Current step</th><th scope="col">Started</th><th scope="col">Hours since start</th><th scope="col">Last activity</th></tr></thead>
            <tbody>
              {data.items.length === 0 && <tr><td colSpan={5}>None on this page.</td></tr>}
              {data.items.map((item) => (
                <tr key={item.organizationId}>
                  <th scope="row">{item.organizationId}</th><td>{item.currentStep ?? "—"}</td><td>{formatDateTime(item.startedAt)}</td>
                  <td>{item.hoursSinceStart}</td><td>{formatDateTime(item.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="actions">
            <button type="button" class="secondary" disabled={page <= 1} onClick={() => reloadWith(tokens.slice(0, -1))}>Previous page</button>
            <button type="button" class="secondary" disabled={!data.continuationToken} onClick={() => reloadWith([...tokens, data.continuationToken ?? undefined])}>Next page</button>
          </div>
        </>
      )}
    </section>
  );
}
