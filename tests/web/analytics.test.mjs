// The analytics dashboard in Chromium: a platform analyst sees the funnel of a seeded data set with the numbers
// the API gives, on a page without serious accessibility violations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { demoJourneys, enqueueJourneys, queuedMessages } from '../../web/dev/demo-data.mjs';
import { mintDevToken } from '../browser/dev-token.mjs';
import { api, checkAccessibility, launch, screenshot, signedInPage, storage } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = { from: day(-13), to: day(0) };

async function funnel() {
  const token = mintDevToken({ organizationId: 'analytics', roles: ['platform_analyst'] });
  const response = await fetch(`${api}/analytics/funnel?${new URLSearchParams(range)}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/** Waits until the events queue is empty (every message taken and deleted). */
// Up to three minutes: after the earlier suites' thousands of deleted messages, Azurite's queue clean-up can stop it
// for a minute or more (docs/performance.md), which a shorter wait mistook for a failure.
async function drained() {
  let left;
  for (let i = 0; i < 360; i++) {
    left = await queuedMessages({ connectionString: storage });
    if (left === 0) return;
    await delay(500);
  }
  assert.fail(`the events queue was not drained in three minutes: ${left} message(s) left`);
}

/** The wizard's first step (the funnel also has step 0, signed up). */
const stepOne = (funnel) => funnel.steps.find((s) => s.step === 1);

/** Waits until the funnel counts at least `atLeast` organizations at step 1 and stays the same for a second. */
async function settledFunnel(atLeast) {
  let last;
  for (let i = 0; i < 120; i++) {
    const current = await funnel();
    if (stepOne(current).reached >= atLeast && JSON.stringify(current) === JSON.stringify(last)) return current;
    last = current;
    await delay(1000);
  }
  assert.fail(`the funnel did not reach ${atLeast} organizations at step 1: ${JSON.stringify(last)}`);
}

test('an analyst sees the funnel of a seeded data set with the numbers the API gives', async () => {
  const prefix = `webtest-${randomUUID().slice(0, 8)}`;
  // The last two weeks first, for the picture: ingested before any read of this test summarises those days
  // (days summarised by earlier reads, e.g. of other test suites, will not show them).
  await enqueueJourneys({ connectionString: storage, journeys: demoJourneys({ prefix: `${prefix}-past`, organizations: 24, days: 14 }) });
  await drained();
  const before = stepOne(await funnel()).reached;
  const today = demoJourneys({ prefix, organizations: 12, days: 0 });
  await enqueueJourneys({ connectionString: storage, journeys: today });
  const expected = await settledFunnel(before + today.length);

  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await signedInPage(context, { role: 'platform_analyst' });
  await page.getByTestId('analytics-ready').waitFor();
  assert.equal(await page.getByTestId('analytics-ready').getAttribute('data-range'), `${range.from}..${range.to}`);
  await page.getByTestId('funnel-chart').waitFor();

  const shown = await page.getByTestId('funnel-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => ({
    step: Number(row.getAttribute('data-step')),
    reached: Number(row.querySelector('[data-col=reached]').textContent),
    completed: Number(row.querySelector('[data-col=completed]').textContent),
    dropped: Number(row.querySelector('[data-col=dropped]').textContent),
    dropOffPercent: row.querySelector('[data-col=dropOffPercent]').textContent,
  })));
  const answered = await funnel();
  assert.deepEqual(answered, expected, 'nothing changed while the page loaded');
  assert.deepEqual(shown, answered.steps.map((s) => ({ step: s.step, reached: s.reached, completed: s.completed, dropped: s.dropped, dropOffPercent: `${s.dropOffPercent}%` })));
  const shownStep = (n) => shown.find((s) => s.step === n);
  assert.ok(shownStep(1).reached > shownStep(5).reached, 'the seeded journeys drop off along the way');

  const label = await page.getByTestId('funnel-chart').getAttribute('aria-label');
  assert.match(label, new RegExp(`${stepOne(answered).reached} organizations reached step 1`), 'the chart is described with the same numbers');
  await checkAccessibility(page, 'the analytics dashboard');
  await screenshot(page, 'web-analytics', { readme: true });
  await context.close();
});

test('a range the API refuses is shown with the API\'s own detail', async () => {
  const context = await browser.newContext();
  const page = await signedInPage(context, { role: 'platform_analyst' });
  await page.getByTestId('analytics-ready').waitFor();
  const token = mintDevToken({ organizationId: 'analytics', roles: ['platform_analyst'] });
  const refused = await fetch(`${api}/analytics/funnel?from=${day(0)}&to=${day(-3)}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(refused.status, 400);
  const problem = await refused.json();

  await page.getByLabel('From', { exact: true }).fill(day(0));
  await page.getByLabel('To', { exact: true }).fill(day(-3));
  await page.getByRole('button', { name: 'Show' }).click();

  const alert = page.getByRole('alert').filter({ hasText: problem.detail });
  await alert.waitFor();
  await context.close();
});
