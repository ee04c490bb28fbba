// Shows what went wrong as the API said it (RFC 9457): the detail, each invalid field's messages, and for a
// conflict (412 changed elsewhere, 409 a rule refused) a way to read the state again and retry.
import { isProblem } from "@onboarding/client";
import { humanize } from "./labels";

export function describe(error: unknown): { title: string; detail: string; errors: Record<string, readonly string[]>; conflict: boolean } {
  if (isProblem(error)) {
    const conflict = error.status === 412 || error.status === 409;
    const title = error.status === 412 ? "Changed elsewhere" : error.title;
    const detail = error.status === 412
      ? `${error.detail ?? "Someone changed this since you loaded it."} Reload to see the latest and try again.`
      : error.detail ?? error.message;
    return { title, detail, errors: { ...error.errors }, conflict };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { title: "Something went wrong", detail: detail === "Failed to fetch" ? "The API could not be reached." : detail, errors: {}, conflict: false };
}

export function ProblemMessage({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (error === undefined || error === null) return null;
  const { title, detail, errors, conflict } = describe(error);
  const fields = Object.entries(errors);
  return (
    <div class="problem" role="alert" data-testid="problem">
      <strong>{title}</strong>
      <p>{detail}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, messages]) => <li key={field}>{humanize(field)}: {messages.join(" ")}</li>)}
        </ul>
      )}
      {conflict && onReload && <button type="button" onClick={onReload}>Reload and retry</button>}
    </div>
  );
}
