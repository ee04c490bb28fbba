// Refusals of the API (RFC 9457 problem details) as typed errors, and ok() to turn a call's result into its data.
import type { components } from "./generated/api.js";
import { retryAfterSeconds } from "./retry-after.js";

/** Every code the API answers with; each operation's error type narrows it to the codes it can carry. */
export type ProblemCode = components["schemas"]["ProblemCode"];

type ProblemBody = components["schemas"]["Problem"];

/** A refusal: `code` to branch on, `errors` with the messages for each invalid field (validation_failed). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode | `http_${number}`;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: Readonly<Record<string, readonly string[]>>;
  readonly traceId: string | undefined;
  /** From the Retry-After header of a 429 or 503 that was not retried (or no longer). */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: Partial<ProblemBody> | undefined, retryAfter?: number) {
    const code = typeof body?.code === "string" ? (body.code as ProblemCode) : (`http_${status}` as const);
    super(body?.detail ?? body?.title ?? `The API answered ${status} (${code}).`);
    this.name = "ApiProblem";
    this.status = status;
    this.code = code;
    this.type = body?.type ?? "about:blank";
    this.title = body?.title ?? `HTTP ${status}`;
    this.detail = body?.detail;
    this.errors = body?.errors ?? {};
    this.traceId = body?.traceId;
    this.retryAfterSeconds = retryAfter;
  }

  /** The problem an answer carries; `body` is what openapi-fetch parsed as the error, when it did. */
  static async from(response: Response, body?: unknown): Promise<ApiProblem> {
    let parsed = body;
    if (parsed === undefined && !response.bodyUsed) {
      parsed = await response.json().catch(() => undefined);
    }
    const problem = typeof parsed === "object" && parsed !== null ? (parsed as Partial<ProblemBody>) : undefined;
    return new ApiProblem(response.status, problem, retryAfterSeconds(response));
  }
}

/** Whether `error` is a problem of the API, with the given code if one is named. */
export function isProblem<C extends ProblemCode>(error: unknown, code?: C): error is ApiProblem & { code: C } {
  return error instanceof ApiProblem && (code === undefined || error.code === code);
}

type Result = { data?: unknown; error?: unknown; response: Response };
type DataOf<T> = T extends { data: infer D; error?: never } ? D : never;

/** The data of a successful call; a refusal is thrown as an {@link ApiProblem}. */
export async function ok<T extends Result>(call: Promise<T>): Promise<DataOf<T>> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    throw await ApiProblem.from(response, error);
  }
  return data as DataOf<T>;
}
