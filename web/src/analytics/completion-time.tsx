// How long onboarding takes: count, median, p90, min and max of the wizard's and the checklist's completion.
import type { operations } from "@onboarding/client";
import { ChartCanvas, palette } from "./chart";

type CompletionTime = operations["GetAnalyticsCompletionTime"]["responses"][200]["content"]["application/json"];
type Stats = CompletionTime["wizard"];

const minutes = (value: number | null) => (value === null ? "—" : `${Math.round(value * 10) / 10} min`);
const keys = ["min", "median", "p90", "max"] as const;

export function CompletionTimePanel({ times }: { times: CompletionTime }) {
  const rows: [string, Stats][] = [["Wizard", times.wizard], ["Checklist", times.checklist]];
  return (
    <section aria-labelledby="completion-title" class="card">
      <h2 id="completion-title">Time to complete</h2>
      <ChartCanvas label={`Completion time in minutes: wizard median ${minutes(times.wizard.median)}, p90 ${minutes(times.wizard.p90)}; checklist median ${minutes(times.checklist.median)}, p90 ${minutes(times.checklist.p90)}.`}
        config={{
          type: "bar",
          data: {
            labels: ["Min", "Median", "p90", "Max"],
            datasets: rows.map(([name, stats], i) => ({ label: name, data: keys.map((k) => stats[k] ?? 0), backgroundColor: palette[i * 2] })),
          },
          options: { scales: { y: { beginAtZero: true, title: { display: true, text: "minutes" } } } },
        }} />
      <table data-testid="completion-table">
        <caption>Completion time of the organizations that completed in the range (the API gives no finer distribution)</caption>
        <thead><tr><th scope="col">Completion of</th><th scope="col">Count</th><th scope="col">Median</th><th scope="col">p90</th><th scope="col">Min</th><th scope="col">Max</th></tr></thead>
        <tbody>
          {rows.map(([name, s]) => (
            <tr key={name}><th scope="row">{name}</th><td>{s.count}</td><td>{minutes(s.median)}</td><td>{minutes(s.p90)}</td><td>{minutes(s.min)}</td><td>{minutes(s.max)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
