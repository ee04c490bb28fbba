// The README's example ("A frontend with the TypeScript client"), kept here so that every build type-checks it;
// test/readme.test.ts checks the README shows these lines. Never run: session and the UI are the frontend's.
// README:start
import { createOnboardingClient, isProblem, ok } from "@onboarding/client";

const onboarding = createOnboardingClient({ baseUrl: "http://127.0.0.1:7071", token: () => session.accessToken });
const params = { path: { orgId: session.orgId } };
const wizard = await ok(onboarding.api.GET("/api/orgs/{orgId}/onboarding/wizard", { params })); // keeps its ETag
try {
  await ok(onboarding.api.PUT("/api/orgs/{orgId}/onboarding/wizard/steps/{step}", {
    params: { path: { orgId: session.orgId, step: 1 } }, body: { organizationName: "Acme", timezone: "Europe/Paris" },
  })); // sent with If-Match: the ETag last read
} catch (error) {
  if (isProblem(error, "validation_failed")) showFieldErrors(error.errors); // { organizationName: ["Required."] }
  else if (!isProblem(error, "precondition_failed")) throw error; // 412: changed elsewhere, read it again
}
const { tasks, percent } = await ok(onboarding.api.GET("/api/orgs/{orgId}/onboarding/checklist", { params }));
// README:end

declare const session: { accessToken: string; orgId: string };
declare function showFieldErrors(errors: Readonly<Record<string, readonly string[]>>): void;

export { wizard, tasks, percent };
