// Erasing an organization: DELETE answers 200 when done, or 202 with a Location to poll until it is.
import type { OnboardingClient } from "./client.js";
import type { paths } from "./generated/api.js";
import { ApiProblem } from "./problem.js";
import { retryAfterSeconds } from "./retry-after.js";

export type ErasureStatus = paths["/api/orgs/{orgId}/onboarding/erasure"]["get"]["responses"][200]["content"]["application/json"];

export interface ErasureOptions {
  /** Between two reads of the status when the answer gives no Retry-After (default 1000). */
  pollIntervalMs?: number;
  /** How long to wait for the background erasure in all (default 120000). */
  timeoutMs?: number;
  /** Told of each pending status read, e.g. to show progress. */
  onPending?: (status: ErasureStatus) => void;
  sleep?: (milliseconds: number) => Promise<void>;
}

/** Erases everything held for the organization and resolves once nothing is left. */
export async function eraseOrganization(client: OnboardingClient, orgId: string, options: ErasureOptions = {}): Promise<ErasureStatus> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const { data, error, response } = await client.api.DELETE("/api/orgs/{orgId}/onboarding", { params: { path: { orgId } } });
  if (error !== undefined || data === undefined) {
    throw await ApiProblem.from(response, error);
  }
  client.etags.forget(orgId);
  if (response.status !== 202) {
    return data;
  }
  const location = response.headers.get("Location");
  if (location === null) {
    throw new Error("The erasure was accepted (202) without a Location to follow.");
  }
  options.onPending?.(data);
  const status = new URL(location, client.baseUrl);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let wait = (retryAfterSeconds(response) ?? (options.pollIntervalMs ?? 1000) / 1000) * 1000;
  while (Date.now() + wait <= deadline) {
    await sleep(wait);
    const polled = await client.send(new Request(status, { headers: { Accept: "application/json" } }));
    if (!polled.ok) {
      throw await ApiProblem.from(polled);
    }
    const current = (await polled.json()) as ErasureStatus;
    if (current.status === "completed") {
      return current;
    }
    options.onPending?.(current);
    wait = (retryAfterSeconds(polled) ?? (options.pollIntervalMs ?? 1000) / 1000) * 1000;
  }
  throw new Error(`The erasure of ${orgId} did not complete within ${options.timeoutMs ?? 120_000} ms; GET ${status.pathname} for its status.`);
}
