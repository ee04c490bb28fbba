// One input per catalog field, with the API's messages for it (aria-invalid, aria-describedby).
import type { components, operations } from "@onboarding/client";
import { humanize } from "../ui/labels";

type Wizard = operations["GetWizard"]["responses"][200]["content"]["application/json"];
export type WizardStep = Wizard["steps"][number];
export type Field = WizardStep["fields"][number];
export type StepValues = Record<string, string | boolean>;
export type { components };

// The browser's IANA zones; its list leaves out UTC, which organizations choose too.
const timeZones: readonly string[] = ["UTC", ...(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC") : [])];

export function FieldInput({ step, field, value, errors, onChange }: {
  step: number; field: Field; value: string | boolean | undefined; errors: readonly string[] | undefined; onChange: (value: string | boolean) => void;
}) {
  const id = `step${step}-${field.name}`;
  const errorId = `${id}-errors`;
  const common = { id, name: field.name, "aria-invalid": errors ? true : undefined, "aria-describedby": errors ? errorId : undefined };
  const text = typeof value === "string" ? value : "";
  let input;
  // The API names the types as the catalog does, in whatever case its serializer chose (timeZone, localDateTime).
  switch (field.type.toLowerCase()) {
    case "boolean":
      input = <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
      break;
    case "choice":
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {(field.choices ?? []).map((choice) => <option key={choice} value={choice}>{humanize(choice)}</option>)}
        </select>
      );
      break;
    case "timezone":
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {timeZones.map((zone) => <option key={zone} value={zone}>{zone}</option>)}
        </select>
      );
      break;
    case "localdatetime":
      input = <input type="datetime-local" {...common} value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
      break;
    case "integer":
      input = <input type="number" inputMode="numeric" step={1} min={field.min ?? undefined} max={field.max ?? undefined} {...common} value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
      break;
    default:
      input = <input type="text" {...common} value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
  }
  return (
    <div class={`field${field.type.toLowerCase() === "boolean" ? " field-inline" : ""}`}>
      <label for={id}>{humanize(field.name)}{field.required ? " (required)" : ""}</label>
      {input}
      {errors && <p class="field-error" id={errorId}>{errors.join(" ")}</p>}
    </div>
  );
}

/** The form's values as the API's body: integers as numbers, empty optional fields left out. */
export function bodyOf(fields: readonly Field[], values: StepValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type.toLowerCase() === "boolean") body[field.name] = value === true;
    else if (typeof value === "string" && value !== "") body[field.name] = field.type.toLowerCase() === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return body;
}

/** A step's saved data as form values. */
export function valuesOf(step: WizardStep): StepValues {
  const data = (step.data ?? {}) as Record<string, unknown>;
  const values: StepValues = {};
  for (const field of step.fields) {
    const saved = data[field.name];
    if (typeof saved === "boolean") values[field.name] = saved;
    else if (saved !== undefined && saved !== null) values[field.name] = field.type.toLowerCase() === "localdatetime" ? String(saved).slice(0, 16) : String(saved);
  }
  return values;
}
