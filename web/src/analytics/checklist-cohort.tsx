// The checklist as a cohort: of the organizations that started the wizard in the range, who completed each task.
import type { operations } from "@onboarding/client";
import { humanize } from "../ui/labels";

type Cohort = operations["GetAnalyticsChecklist"]["responses"][200]["content"]["application/json"];

export function ChecklistCohortPanel({ cohort }: { cohort: Cohort }) {
  return (
    <section aria-labelledby="cohort-title" class="card">
      <h2 id="cohort-title">Checklist cohort</h2>
      <p>{cohort.organizations} organizations started the wizard in the range.</p>
      <table data-testid="cohort-table">
        <caption>Tasks completed by the cohort</caption>
        <thead><tr><th scope="col">Task</th><th scope="col">Organizations</th><th scope="col">Share</th><th scope="col">Median from wizard start</th></tr></thead>
        <tbody>
          {cohort.tasks.map((t) => (
            <tr key={t.taskId}>
              <th scope="row">{humanize(t.taskId)}</th><td>{t.completedOrganizations}</td><td>{t.completedPercent}%</td>
              <td>{t.medianMinutesFromWizardStart === null ? "—" : `${Math.round(t.medianMinutesFromWizardStart * 10) / 10} min`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
