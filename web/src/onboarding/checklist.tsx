// The checklist: progress, each task done or with its live progress, a quick action, manual completion.
import { useState } from "preact/hooks";
import { ok } from "@onboarding/client";
import { api } from "../api";
import { config } from "../config";
import { ProblemMessage } from "../ui/problem";
import { humanize, formatDateTime } from "../ui/labels";
import { useResource } from "../ui/use-resource";

/** The wizard's own task links into this app; the others into the product. */
const quickActionHref = (url: string) => (url === "/onboarding/wizard" ? "#/onboarding" : url);

export function Checklist({ orgId, canEdit, version }: { orgId: string; canEdit: boolean; version: number }) {
  const params = { path: { orgId } };
  const checklist = useResource(() => ok(api().api.GET("/api/orgs/{orgId}/onboarding/checklist", { params })), { refreshSeconds: config.refreshSeconds, key: version });
  const [error, setError] = useState<unknown>();

  const complete = async (taskId: string) => {
    try {
      checklist.set((await ok(api().api.POST("/api/orgs/{orgId}/onboarding/checklist/{taskId}/complete", { params: { path: { orgId, taskId } } }))).checklist);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };
  const data = checklist.data;
  return (
    <section aria-labelledby="checklist-title" class="card">
      <h2 id="checklist-title">Getting started</h2>
      <ProblemMessage error={error ?? checklist.error} onReload={() => { setError(undefined); void checklist.reload(); }} />
      {data && (
        <>
          <p>{data.completedCount} of {data.totalCount} done</p>
          <progress max={100} value={data.percent} aria-label="Checklist progress" data-testid="checklist-percent">{data.percent}%</progress>
          <ul class="checklist">
            {data.tasks.map((task) => (
              <li key={task.id} data-task={task.id} data-completed={String(task.isCompleted)} class={task.isCompleted ? "done" : ""}>
                <span class="task-state" aria-hidden="true">{task.isCompleted ? "✓" : "○"}</span>
                <span class="task-name">{humanize(task.titleKey)}</span>
                <span class="task-detail">
                  {task.isCompleted ? <>Done {formatDateTime(task.completedAt)}</> : task.progress ? <>{task.progress.current} of {task.progress.target}</> : "Not yet"}
                  <span class="visually-hidden">{task.isCompleted ? " (completed)" : " (not completed)"}</span>
                </span>
                {!task.isCompleted && <a href={quickActionHref(task.quickActionUrl)}>Go to {humanize(task.titleKey).toLowerCase()}</a>}
                {!task.isCompleted && task.isManual && canEdit && <button type="button" onClick={() => complete(task.id)}>Mark done</button>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
