// The tutorials: start (or replay), record progress one step at a time, complete, skip.
import { useState } from "preact/hooks";
import { ok } from "@onboarding/client";
import { api } from "../api";
import { ProblemMessage } from "../ui/problem";
import { humanize } from "../ui/labels";
import { useResource } from "../ui/use-resource";

type Action = "start" | "progress" | "complete" | "skip";

export function Tutorials({ orgId }: { orgId: string }) {
  const params = { path: { orgId } };
  const tutorials = useResource(() => ok(api().api.GET("/api/orgs/{orgId}/onboarding/tutorials", { params })));
  const [error, setError] = useState<unknown>();
  const data = tutorials.data;

  const run = async (tutorialId: string, action: Action, stepsCompleted = 0) => {
    const p = { path: { orgId, tutorialId } };
    try {
      const client = api().api;
      const { tutorials: list, completedCount, totalCount } =
        action === "start" ? await ok(client.POST("/api/orgs/{orgId}/onboarding/tutorials/{tutorialId}/start", { params: p }))
        : action === "progress" ? await ok(client.POST("/api/orgs/{orgId}/onboarding/tutorials/{tutorialId}/progress", { params: p, body: { stepsCompleted } }))
        : action === "complete" ? await ok(client.POST("/api/orgs/{orgId}/onboarding/tutorials/{tutorialId}/complete", { params: p }))
        : await ok(client.POST("/api/orgs/{orgId}/onboarding/tutorials/{tutorialId}/skip", { params: p }));
      tutorials.set({ tutorials: list, completedCount, totalCount });
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="tutorials-title" class="card">
      <h2 id="tutorials-title">Tutorials</h2>
      <ProblemMessage error={error ?? tutorials.error} onReload={() => { setError(undefined); void tutorials.reload(); }} />
      {data && (
        <>
          <p>{data.completedCount} of {data.totalCount} completed</p>
          <ul class="tutorials">
            {data.tutorials.map((t) => {
              const name = humanize(t.titleKey);
              const running = t.status === "in_progress";
              return (
                <li key={t.tutorialId}>
                  <span class="task-name">{name}</span>
                  <span>{humanize(t.status)} · step {t.stepsCompleted} of {t.totalSteps}{t.replayCount > 0 ? ` · replayed ${t.replayCount}×` : ""}</span>
                  <span class="actions">
                    {!running && <button type="button" aria-label={`${t.status === "not_started" ? "Start" : "Replay"} ${name}`} onClick={() => run(t.tutorialId, "start")}>{t.status === "not_started" ? "Start" : "Replay"}</button>}
                    {running && t.stepsCompleted < t.totalSteps && <button type="button" aria-label={`Next step of ${name}`} onClick={() => run(t.tutorialId, "progress", t.stepsCompleted + 1)}>Next step</button>}
                    {running && <button type="button" aria-label={`Complete ${name}`} onClick={() => run(t.tutorialId, "complete")}>Complete</button>}
                    {running && <button type="button" class="secondary" aria-label={`Skip ${name}`} onClick={() => run(t.tutorialId, "skip")}>Skip</button>}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
