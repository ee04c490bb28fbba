// Erasure over the running app, which client-tests.sh starts with no time budget for a DELETE (Erasure__RequestBudgetSeconds=0):
// every erasure answers 202 with a Location, and the queue function finishes it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { eraseOrganization, ok, type ErasureStatus } from "../src/index.js";
import { clientFor, uniqueOrg } from "./support/app.js";

test("erasing follows the 202's Location until the erasure completes, then nothing is held", async () => {
  const orgId = uniqueOrg();
  const params = { path: { orgId } };
  const admin = clientFor(orgId);
  await ok(admin.api.POST("/api/orgs/{orgId}/onboarding/wizard/start", { params }));
  await ok(admin.api.POST("/api/orgs/{orgId}/onboarding/sample-data", { params }));
  const pending: ErasureStatus[] = [];

  const erased = await eraseOrganization(admin, orgId, { pollIntervalMs: 200, timeoutMs: 60_000, onPending: (s) => pending.push(s) });
  const status = await ok(admin.api.GET("/api/orgs/{orgId}/onboarding/erasure", { params }));
  const wizard = await ok(admin.api.GET("/api/orgs/{orgId}/onboarding/wizard", { params }));

  assert.equal(erased.status, "completed");
  assert.ok(pending.length > 0 && pending[0]?.status === "in_progress", "the DELETE answered 200 at once: the app should run with Erasure__RequestBudgetSeconds=0");
  assert.equal(status.status, "completed");
  assert.equal(wizard.status, "not_started");
});

test("an erasure refused to a member is thrown as role_required", async () => {
  const orgId = uniqueOrg();
  const member = clientFor(orgId, "org_member");

  await assert.rejects(eraseOrganization(member, orgId), (error: { code?: string; status?: number }) => error.code === "role_required" && error.status === 403);
});
