// Retry-After honoured: against the running app's tracking rate limit (client-tests.sh sets Tracking__RequestsPerMinute=3),
// and against a small HTTP server that answers 503 with Retry-After once.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { createOnboardingClient, isProblem, ok } from "../src/index.js";
import { clientFor, uniqueOrg } from "./support/app.js";

test("a 429 whose Retry-After is longer than the client waits is thrown as rate_limited with its retryAfterSeconds", async () => {
  const orgId = uniqueOrg();
  const params = { path: { orgId } };
  let sent = 0;
  const member = clientFor(orgId, "org_member", {
    retry: { maxRetries: 3, maxWaitSeconds: 0.5 },
    fetch: (request) => { sent++; return fetch(request); },
  });

  const answers: unknown[] = [];
  for (let i = 0; i < 4; i++) {
    answers.push(await ok(member.api.POST("/api/orgs/{orgId}/onboarding/events", { params, body: { type: "view_reports" } })).catch((e: unknown) => e));
  }

  const refused = answers[3];
  assert.ok(isProblem(refused, "rate_limited"), `the fourth request in a minute should be refused: ${String(refused)}`);
  assert.equal(refused.status, 429);
  assert.ok((refused.retryAfterSeconds ?? 0) >= 1);
  assert.equal(sent, 4, "a Retry-After beyond maxWaitSeconds is not waited for");
});

test("a 503 with Retry-After is sent again after that many seconds, with its body, and then succeeds", async () => {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      bodies.push(body);
      if (bodies.length === 1) {
        response.writeHead(503, { "Content-Type": "application/problem+json", "Retry-After": "2" });
        response.end(JSON.stringify({ type: "urn:onboarding:problem:storage_unavailable", title: "Service unavailable", status: 503, code: "storage_unavailable" }));
        return;
      }
      response.writeHead(202, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ accepted: 1, eventIds: ["e-1"] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const slept: number[] = [];
  try {
    const client = createOnboardingClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      retry: { sleep: async (ms) => { slept.push(ms); } },
    });

    const receipt = await ok(client.api.POST("/api/orgs/{orgId}/onboarding/events", { params: { path: { orgId: "acme" } }, body: { type: "view_reports" } }));

    assert.equal(receipt.accepted, 1);
    assert.deepEqual(slept, [2000]);
    assert.deepEqual(bodies, ['{"type":"view_reports"}', '{"type":"view_reports"}']);
  } finally {
    server.close();
  }
});
