// The 5-step wizard: start, each step's form from the catalog, skip, resume (submitting a step after a skip).
import { useEffect, useState } from "preact/hooks";
import { ok, isProblem, type WizardStepNumber } from "@onboarding/client";
import { api } from "../api";
import { ProblemMessage } from "../ui/problem";
import { humanize, formatDateTime } from "../ui/labels";
import { useResource } from "../ui/use-resource";
import { FieldInput, bodyOf, valuesOf, type StepValues } from "./wizard-fields";

export function Wizard({ orgId, canEdit, onChanged }: { orgId: string; canEdit: boolean; onChanged: () => void }) {
  const params = { path: { orgId } };
  const wizard = useResource(() => ok(api().api.GET("/api/orgs/{orgId}/onboarding/wizard", { params })));
  const [selected, setSelected] = useState<number>();
  const [values, setValues] = useState<StepValues>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();

  const data = wizard.data;
  const stepNumber = selected ?? data?.currentStep ?? data?.steps.length ?? 1;
  const step = data?.steps.find((s) => s.number === stepNumber);
  useEffect(() => { if (step) setValues(valuesOf(step)); }, [step?.number, step?.lastSubmittedAt]);

  const act = async (change: () => Promise<void>, done: string) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await change();
      setError(undefined);
      setNotice(done);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reloadAfterConflict = async () => { setError(undefined); setNotice(undefined); await wizard.reload(); };

  if (!data) return <section aria-labelledby="wizard-title"><h2 id="wizard-title">Setup wizard</h2><ProblemMessage error={wizard.error} />{!wizard.error && <p>Loading…</p>}</section>;

  const start = () => act(async () => { wizard.set((await ok(api().api.POST("/api/orgs/{orgId}/onboarding/wizard/start", { params }))).wizard); }, "Wizard started.");
  const skip = () => act(async () => { wizard.set((await ok(api().api.POST("/api/orgs/{orgId}/onboarding/wizard/skip", { params }))).wizard); }, "Wizard skipped; submit a step to resume.");
  const submit = (e: Event) => {
    e.preventDefault();
    if (!step) return;
    void act(async () => {
      const answer = await ok(api().api.PUT("/api/orgs/{orgId}/onboarding/wizard/steps/{step}", {
        params: { path: { orgId, step: step.number as WizardStepNumber } },
        body: bodyOf(step.fields, values) as never,
      }));
      wizard.set(answer.wizard);
      setSelected(answer.wizard.currentStep ?? step.number);
    }, `Step ${step.number} saved.`);
  };
  const fieldErrors = isProblem(error, "validation_failed") ? error.errors : {};

  return (
    <section aria-labelledby="wizard-title" class="card">
      <h2 id="wizard-title">Setup wizard</h2>
      <p data-testid="wizard-status">
        Status: <strong>{humanize(data.status)}</strong> · {data.completedSteps} of {data.totalSteps} steps done
        {data.completedAt && <> · completed {formatDateTime(data.completedAt)}</>}
        {data.skippedAt && <> · skipped at step {data.droppedAtStep}</>}
      </p>
      <ol class="stepper">
        {data.steps.map((s) => (
          <li key={s.number}>
            <button type="button" aria-current={s.number === stepNumber ? "step" : undefined} class={s.completed ? "done" : ""}
              disabled={!s.completed && s.number !== data.currentStep} onClick={() => { setSelected(s.number); setValues(valuesOf(s)); setError(undefined); }}>
              {s.number}. {humanize(s.key)}{s.completed ? " ✓" : ""}
            </button>
          </li>
        ))}
      </ol>
      <ProblemMessage error={error} onReload={reloadAfterConflict} />
      {notice && <p role="status" class="notice">{notice}</p>}
      {canEdit && data.status === "not_started" && <button type="button" disabled={busy} onClick={start}>Start the wizard</button>}
      {step && data.status !== "not_started" && (
        <form onSubmit={submit} aria-labelledby="step-title" noValidate>
          <h3 id="step-title">Step {step.number}: {humanize(step.key)}</h3>
          <fieldset disabled={!canEdit || busy}>
            {step.fields.map((field) => (
              <FieldInput key={field.name} step={step.number} field={field} value={values[field.name]} errors={fieldErrors[field.name]}
                onChange={(value) => setValues({ ...values, [field.name]: value })} />
            ))}
            <div class="actions">
              <button type="submit">{step.completed ? "Save changes" : data.status === "skipped" ? "Resume with this step" : "Save and continue"}</button>
              {data.status === "in_progress" && <button type="button" class="secondary" onClick={skip}>Skip setup for now</button>}
            </div>
          </fieldset>
        </form>
      )}
      {!canEdit && <p>Only an administrator of the organization can change the setup.</p>}
    </section>
  );
}
