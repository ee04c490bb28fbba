// Chromium (the Debian package, driven by playwright-core) calls the running app from pages on other
// origins, as the web frontend does. scripts/lib/browser-tests.sh starts the app with Host.CORS set to
// the allowed page's origin (http://localhost:BROWSER_TEST_PAGE_PORT) and runs this with `node --test`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { mintDevToken } from './dev-token.mjs';
import { servePage } from './page-server.mjs';

const api = required('ONBOARDING_API_URL');
const allowedPort = Number(required('BROWSER_TEST_PAGE_PORT'));
const executablePath = required('CHROMIUM_PATH');

let browser;
let allowedServer;
let otherServer;

before(async () => {
  allowedServer = await servePage(allowedPort);
  otherServer = await servePage(0);
  browser = await chromium.launch({ executablePath, headless: true });
});

after(async () => {
  await browser?.close();
  await allowedServer?.close();
  await otherServer?.close();
});

test('a page on an allowed origin walks wizard start, step 1 with If-Match and the checklist, reading each ETag', async () => {
  const org = `browser-${randomUUID()}`;
  const page = await openPage(`http://localhost:${allowedPort}/`);

  const walk = await page.evaluate(([base, token, id]) => walkWizard(base, token, id), [api, mintDevToken({ organizationId: org }), org]);

  assert.equal(walk.started.status, 200, JSON.stringify(walk.started.body));
  assert.match(walk.started.etag ?? '', /^(W\/)?".+"$/, 'the page reads the ETag of the started wizard');
  assert.equal(walk.step.status, 200, JSON.stringify(walk.step.body));
  assert.match(walk.step.etag ?? '', /^(W\/)?".+"$/);
  assert.notEqual(walk.step.etag, walk.started.etag);
  assert.equal(walk.step.body.wizard.currentStep, 2);
  assert.equal(walk.stale.status, 412, 'If-Match reached the app: the ETag from before step 1 is stale');
  assert.equal(walk.stale.contentType, 'application/problem+json');
  assert.equal(walk.stale.body.code, 'precondition_failed');
  assert.equal(walk.checklist.status, 200, JSON.stringify(walk.checklist.body));
  assert.match(walk.checklist.etag ?? '', /^(W\/)?".+"$/);
  assert.ok(walk.checklist.body.tasks.length > 0);
  await page.close();
});

test('a page on an allowed origin can call every route of the OpenAPI document, with a bearer token, JSON and If-Match', async () => {
  const org = `browser-${randomUUID()}`;
  const document = await (await fetch(`${api}/openapi/v1.json`)).json();
  const values = { orgId: org, step: '1', tutorialId: 'events_intro', taskId: 'view_reports', subscriptionId: 'whsub_missing', asset: 'missing.js' };
  const calls = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations)
    .filter((method) => ['get', 'post', 'put', 'delete'].includes(method))
    .map((method) => ({ method: method.toUpperCase(), url: new URL(path.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? 'x'), api).href })));
  const page = await openPage(`http://localhost:${allowedPort}/`);
  const token = mintDevToken({ organizationId: org });

  const answers = await page.evaluate(([list, bearer]) => Promise.all(list.map(async ({ method, url }) => ({
    method, url, ...await attempt(url, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', 'If-Match': '*' },
      body: method === 'POST' || method === 'PUT' ? '{}' : undefined,
    }),
  }))), [calls, token]);

  assert.ok(calls.length >= 30, `only ${calls.length} operations in the document`);
  for (const answer of answers) {
    assert.ok(answer.fetched, `${answer.method} ${answer.url} was refused by the browser: ${answer.error}`);
  }
  await page.close();
});

test('a page on an allowed origin reads Location from the 202 of an erasure and follows it', async () => {
  const org = `browser-${randomUUID()}`;
  const page = await openPage(`http://localhost:${allowedPort}/`);
  const token = mintDevToken({ organizationId: org });
  await page.evaluate(([base, bearer, id]) => walkWizard(base, bearer, id), [api, token, org]);

  // The browser tests' settings give an erasure request no time of its own, so it answers 202.
  const erasure = await page.evaluate(([base, bearer, id]) => eraseAndFollow(base, bearer, id), [api, token, org]);

  assert.equal(erasure.erased.status, 202, JSON.stringify(erasure.erased.body));
  assert.equal(erasure.location, `/api/orgs/${org}/onboarding/erasure`, 'the page reads Location');
  assert.equal(erasure.status.status, 200);
  assert.match(erasure.status.body.status, /^(in_progress|completed)$/);
  await page.close();
});

test('a page on an allowed origin reads Retry-After from a 429 of the tracking rate limit', async () => {
  const org = `browser-${randomUUID()}`;
  const page = await openPage(`http://localhost:${allowedPort}/`);
  const token = mintDevToken({ organizationId: org, roles: ['org_member'] });

  // The browser tests' settings allow 2 tracking requests per organization and minute.
  const limited = await page.evaluate(([base, bearer, id]) => trackUntilLimited(base, bearer, id, 5), [api, token, org]);

  assert.deepEqual(limited.statuses, [202, 202, 429]);
  assert.match(limited.retryAfter ?? '', /^[1-9][0-9]*$/, 'the page reads Retry-After');
  assert.equal(limited.body.code, 'rate_limited');
  await page.close();
});

test('a page on an origin that is not allowed is refused by the browser, with and without a preflight', async () => {
  const origin = `http://127.0.0.1:${otherServer.port}`;
  const page = await openPage(`${origin}/`);
  const token = mintDevToken({ organizationId: `browser-${randomUUID()}` });

  const simple = await page.evaluate((url) => attempt(url), `${api}/health`);
  const preflighted = await page.evaluate(([url, bearer]) => attempt(url, { method: 'POST', headers: { Authorization: `Bearer ${bearer}` } }),
    [`${api}/orgs/some-org/onboarding/wizard/start`, token]);

  assert.deepEqual(simple, { fetched: false, error: 'TypeError: Failed to fetch' });
  assert.deepEqual(preflighted, { fetched: false, error: 'TypeError: Failed to fetch' });
  // The app was up and answered; only the grant was missing (the allowed origin gets one on the same route).
  const refused = await fetch(`${api}/health`, { headers: { Origin: origin } });
  const granted = await fetch(`${api}/health`, { headers: { Origin: `http://localhost:${allowedPort}` } });
  assert.equal(refused.status, 200);
  assert.equal(refused.headers.get('access-control-allow-origin'), null);
  assert.equal(granted.headers.get('access-control-allow-origin'), `http://localhost:${allowedPort}`);
  await page.close();
});

test('the same page on the allowed origin reads the health route without a token', async () => {
  const page = await openPage(`http://localhost:${allowedPort}/`);

  const health = await page.evaluate((url) => attempt(url), `${api}/health`);

  assert.deepEqual(health, { fetched: true, status: 200 });
  await page.close();
});

async function openPage(url) {
  const page = await browser.newPage();
  page.on('console', (message) => console.log(`[page ${url}] ${message.type()}: ${message.text()}`));
  const response = await page.goto(url);
  assert.equal(response?.status(), 200);
  return page;
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run the browser tests with scripts/test.sh (scripts/lib/browser-tests.sh).`);
  }
  return value;
}
