// The platform team's dashboard: a date range, then the funnel, completion time, daily activity, the checklist
// cohort and the stalled list, each from its analytics route.
import { useState } from "preact/hooks";
import { ok } from "@onboarding/client";
import { api } from "../api";
import { ProblemMessage } from "../ui/problem";
import { useResource } from "../ui/use-resource";
import { FunnelPanel } from "./funnel";
import { CompletionTimePanel } from "./completion-time";
import { DailyActivePanel } from "./daily-active";
import { ChecklistCohortPanel } from "./checklist-cohort";
import { StalledPanel } from "./stalled";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export function AnalyticsPage() {
  const [range, setRange] = useState({ from: day(-13), to: day(0) });
  const [draft, setDraft] = useState(range);
  const report = useResource(async () => {
    const query = { params: { query: range } };
    const [funnel, times, daily, cohort] = await Promise.all([
      ok(api().api.GET("/api/analytics/funnel", query)),
      ok(api().api.GET("/api/analytics/completion-time", query)),
      ok(api().api.GET("/api/analytics/daily-active", query)),
      ok(api().api.GET("/api/analytics/checklist", query)),
    ]);
    return { funnel, times, daily, cohort };
  }, { key: range });
  const data = report.data;
  return (
    <div class="analytics">
      <h1>Onboarding analytics</h1>
      <form class="range card wide" onSubmit={(e) => { e.preventDefault(); setRange(draft); }}>
        <div class="field field-inline"><label for="range-from">From</label><input id="range-from" type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} /></div>
        <div class="field field-inline"><label for="range-to">To</label><input id="range-to" type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} /></div>
        <button type="submit">Show</button>
      </form>
      <ProblemMessage error={report.error} />
      {data && (
        <div class="grid" data-testid="analytics-ready" data-range={`${data.funnel.from}..${data.funnel.to}`}>
          <FunnelPanel funnel={data.funnel} />
          <CompletionTimePanel times={data.times} />
          <ChecklistCohortPanel cohort={data.cohort} />
          <DailyActivePanel daily={data.daily} />
          <StalledPanel />
        </div>
      )}
      {!data && !report.error && <p>Loading…</p>}
    </div>
  );
}
