// The client over the running app: typed calls, the bearer token, ETags sent as If-Match, problems as typed errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiProblem, createOnboardingClient, isProblem, ok } from "../src/index.js";
import { apiUrl, clientFor, uniqueOrg } from "./support/app.js";

test("a change sends the ETag last read as If-Match: a change made elsewhere since is refused with 412", async () => {
  const orgId = uniqueOrg();
  const params = { path: { orgId } };
  const mine = clientFor(orgId);
  const theirs = clientFor(orgId);

  await ok(mine.api.GET("/api/orgs/{orgId}/onboarding/wizard", { params }));
  const read = mine.etags.get(orgId, "wizard");
  await ok(theirs.api.POST("/api/orgs/{orgId}/onboarding/wizard/start", { params }));
  const stale = await mine.api.PUT("/api/orgs/{orgId}/onboarding/wizard/steps/{step}", {
    params: { path: { orgId, step: 1 } },
    body: { organizationName: "Acme", timezone: "Europe/Paris" },
  });

  assert.ok(read, "the read's ETag was kept");
  assert.equal(stale.response.status, 412);
  assert.equal(stale.error?.code, "precondition_failed");
  assert.equal(mine.etags.get(orgId, "wizard"), read, "a refused change keeps the ETag last read");
});

test("after reading again the same change succeeds and its answer's ETag replaces the one sent", async () => {
  const orgId = uniqueOrg();
  const params = { path: { orgId } };
  const client = clientFor(orgId);

  const started = await ok(client.api.POST("/api/orgs/{orgId}/onboarding/wizard/start", { params }));
  const afterStart = client.etags.get(orgId, "wizard");
  const submitted = await ok(client.api.PUT("/api/orgs/{orgId}/onboarding/wizard/steps/{step}", {
    params: { path: { orgId, step: 1 } },
    body: { organizationName: "Acme", location: "Lyon", timezone: "Europe/Paris" },
  }));

  assert.equal(started.wizard.status, "in_progress");
  assert.equal(submitted.wizard.completedSteps, 1);
  assert.equal(submitted.wizard.steps[0]?.completed, true);
  assert.deepEqual(submitted.events.map((e) => e.type), ["wizard_step_completed"]);
  assert.ok(afterStart && client.etags.get(orgId, "wizard") && client.etags.get(orgId, "wizard") !== afterStart);
});

test("a refusal is thrown as an ApiProblem with its code and the messages of each invalid field", async () => {
  const orgId = uniqueOrg();
  const client = clientFor(orgId);

  const refusal = await ok(client.api.PUT("/api/orgs/{orgId}/onboarding/wizard/steps/{step}", {
    params: { path: { orgId, step: 1 } },
    body: { organizationName: "", timezone: "Mars/Olympus" },
  })).catch((error: unknown) => error);

  assert.ok(refusal instanceof ApiProblem);
  assert.ok(isProblem(refusal, "validation_failed"));
  assert.equal(refusal.status, 400);
  assert.equal(refusal.type, "urn:onboarding:problem:validation_failed");
  assert.deepEqual(Object.keys(refusal.errors).sort(), ["organizationName", "timezone"]);
  assert.ok((refusal.errors["organizationName"]?.length ?? 0) > 0);
});

test("the token provider is asked for every request; without a token the API answers unauthenticated", async () => {
  const orgId = uniqueOrg();
  const anonymous = createOnboardingClient({ baseUrl: apiUrl });
  const asked: string[] = [];
  const member = clientFor(orgId, "org_member", { token: () => { asked.push("token"); return undefined; } });

  const refusal = await ok(anonymous.api.GET("/api/orgs/{orgId}/onboarding/checklist", { params: { path: { orgId } } })).catch((e: unknown) => e);
  const alsoRefused = await member.api.GET("/api/orgs/{orgId}/onboarding/checklist", { params: { path: { orgId } } });

  assert.ok(isProblem(refusal, "unauthenticated"));
  assert.equal(refusal.status, 401);
  assert.equal(alsoRefused.error?.code, "unauthenticated");
  assert.deepEqual(asked, ["token"]);
});

test("a member reads the features and reports a tracking event; the onboarding state and an admin-only change are role_required", async () => {
  const orgId = uniqueOrg();
  const params = { path: { orgId } };
  const member = clientFor(orgId, "org_member");

  const features = await ok(member.api.GET("/api/orgs/{orgId}/onboarding/features", { params }));
  const receipt = await ok(member.api.POST("/api/orgs/{orgId}/onboarding/events", { params, body: { type: "view_reports", sessionId: "s-1" } }));
  const checklist = await ok(member.api.GET("/api/orgs/{orgId}/onboarding/checklist", { params })).catch((e: unknown) => e);
  const refusal = await ok(member.api.POST("/api/orgs/{orgId}/onboarding/wizard/skip", { params })).catch((e: unknown) => e);

  assert.ok(features.locked.length + features.unlocked.length > 0);
  assert.equal(receipt.accepted, 1);
  assert.equal(receipt.eventIds.length, 1);
  assert.ok(isProblem(checklist, "role_required"));
  assert.ok(isProblem(refusal, "role_required"));
});

test("each resource keeps its own ETag: reading the tutorials last does not make the next wizard change stale", async () => {
  const orgId = uniqueOrg();
  const params = { path: { orgId } };
  const client = clientFor(orgId);

  await ok(client.api.POST("/api/orgs/{orgId}/onboarding/wizard/start", { params }));
  await ok(client.api.GET("/api/orgs/{orgId}/onboarding/tutorials", { params }));
  const submitted = await client.api.PUT("/api/orgs/{orgId}/onboarding/wizard/steps/{step}", {
    params: { path: { orgId, step: 1 } },
    body: { organizationName: "Acme", timezone: "Europe/Paris" },
  });

  assert.ok(client.etags.get(orgId, "tutorials"), "the tutorials' ETag was kept");
  assert.notEqual(client.etags.get(orgId, "tutorials"), client.etags.get(orgId, "wizard"));
  assert.equal(submitted.response.status, 200);
});
