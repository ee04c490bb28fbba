// The wizard funnel: organizations that reached and completed each step, and the drop-off between steps.
import type { operations } from "@onboarding/client";
import { humanize } from "../ui/labels";
import { ChartCanvas, palette } from "./chart";

type Funnel = operations["GetAnalyticsFunnel"]["responses"][200]["content"]["application/json"];

export function FunnelPanel({ funnel }: { funnel: Funnel }) {
  const labels = funnel.steps.map((s) => `${s.step}. ${humanize(s.key)}`);
  // Step 0 is the sign-up; the wizard's first step is step 1.
  const first = funnel.steps.find((s) => s.step === 1)?.reached ?? 0;
  return (
    <section aria-labelledby="funnel-title" class="card wide">
      <h2 id="funnel-title">Wizard funnel</h2>
      <ChartCanvas testId="funnel-chart" label={`Wizard funnel: ${first} organizations reached step 1; ${funnel.steps.map((s) => `step ${s.step} ${s.completed} completed, ${s.dropOffPercent}% dropped`).join("; ")}.`}
        config={{
          type: "bar",
          data: {
            labels,
            datasets: [
              { label: "Reached", data: funnel.steps.map((s) => s.reached), backgroundColor: palette[0] },
              { label: "Completed", data: funnel.steps.map((s) => s.completed), backgroundColor: palette[2] },
              { label: "Dropped", data: funnel.steps.map((s) => s.dropped), backgroundColor: palette[1] },
            ],
          },
          options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        }} />
      <table data-testid="funnel-table">
        <caption>Per step: organizations that reached it, completed it, dropped there, and the median time on it</caption>
        <thead><tr><th scope="col">Step</th><th scope="col">Reached</th><th scope="col">Completed</th><th scope="col">Dropped</th><th scope="col">Drop-off</th><th scope="col">Median time</th></tr></thead>
        <tbody>
          {funnel.steps.map((s, i) => (
            <tr key={s.step} data-step={s.step}>
              <th scope="row">{labels[i]}</th>
              <td data-col="reached">{s.reached}</td>
              <td data-col="completed">{s.completed}</td>
              <td data-col="dropped">{s.dropped}</td>
              <td data-col="dropOffPercent">{s.dropOffPercent}%</td>
              <td>{s.medianDurationSeconds === null ? "—" : `${Math.round(s.medianDurationSeconds)} s`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
