export { createOnboardingClient, type OnboardingClient, type OnboardingClientOptions } from "./client.js";
export { ApiProblem, isProblem, ok, type ProblemCode } from "./problem.js";
export { ETagStore } from "./etags.js";
export { eraseOrganization, type ErasureOptions, type ErasureStatus } from "./erasure.js";
export type { RetryOptions } from "./retry-after.js";
export type { TokenProvider } from "./auth.js";
export type { components, operations, paths } from "./generated/api.js";
import type { components, operations } from "./generated/api.js";

/** The wizard's step numbers, as the catalog the document came from has them. */
export type WizardStepNumber = operations["SubmitWizardStep"]["parameters"]["path"]["step"];

/** The body of wizard step N, e.g. `WizardStepBody<1>` is `{ organizationName, location?, timezone }`. */
export type WizardStepBody<N extends WizardStepNumber> = components["schemas"][`WizardStep${N}Body`];
