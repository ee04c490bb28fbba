// Daily active organizations and users as lines, and the day's events by type as stacked bars.
import type { operations } from "@onboarding/client";
import { humanize } from "../ui/labels";
import { ChartCanvas, palette } from "./chart";

type DailyActive = operations["GetAnalyticsDailyActive"]["responses"][200]["content"]["application/json"];

export function DailyActivePanel({ daily }: { daily: DailyActive }) {
  const labels = daily.days.map((d) => d.day);
  const types = [...new Set(daily.days.flatMap((d) => Object.keys(d.eventsByType)))].sort();
  const peak = Math.max(0, ...daily.days.map((d) => d.activeOrganizations));
  const peakUsers = Math.max(0, ...daily.days.map((d) => d.activeUsers));
  return (
    <section aria-labelledby="daily-title" class="card wide">
      <h2 id="daily-title">Daily active organizations</h2>
      <p>{daily.distinctUsers} distinct users in the range.</p>
      <ChartCanvas testId="daily-chart" label={`Daily active organizations and users from ${daily.from} to ${daily.to}: at most ${peak} organizations and ${peakUsers} users a day.`}
        config={{
          type: "line",
          data: {
            labels,
            datasets: [
              { label: "Active organizations", data: daily.days.map((d) => d.activeOrganizations), borderColor: palette[0], backgroundColor: palette[0] },
              { label: "Active users", data: daily.days.map((d) => d.activeUsers), borderColor: palette[1], backgroundColor: palette[1] },
            ],
          },
          options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        }} />
      <ChartCanvas label={`Events by type per day from ${daily.from} to ${daily.to}: ${types.map(humanize).join(", ") || "none"}.`}
        config={{
          type: "bar",
          data: {
            labels,
            datasets: types.map((type, i) => ({ label: humanize(type), data: daily.days.map((d) => d.eventsByType[type] ?? 0), backgroundColor: palette[i % palette.length] })),
          },
          options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
        }} />
      <details>
        <summary>Daily numbers</summary>
        <table>
          <caption>Active organizations, active users and events per day</caption>
          <thead><tr><th scope="col">Day</th><th scope="col">Active organizations</th><th scope="col">Active users</th><th scope="col">Events</th></tr></thead>
          <tbody>
            {daily.days.map((d) => (
              <tr key={d.day}><th scope="row">{d.day}</th><td>{d.activeOrganizations}</td><td>{d.activeUsers}</td><td>{Object.values(d.eventsByType).reduce((a, b) => a + b, 0)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
