// The onboarding area in Chromium: an admin walks the wizard, the checklist follows queued product activity
// without a reload, and a change made in a second tab is shown as a conflict and recovered from.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { enqueueActivity } from '../../web/dev/demo-data.mjs';
import { checkAccessibility, launch, screenshot, signedInPage, storage } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const newOrganization = () => `web-${randomUUID().slice(0, 8)}`;
const task = (page, id) => page.locator(`li[data-task="${id}"]`);

async function submitStep(page, fill) {
  await fill();
  await page.getByRole('button', { name: /Save and continue|Save changes/ }).click();
}

test('an admin walks the whole wizard, sees the API\'s field messages, and sees complete_profile done', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signedInPage(context, { organizationId: newOrganization() });
  await page.getByRole('button', { name: 'Start the wizard' }).click();
  await page.getByRole('heading', { name: 'Step 1: Organization profile' }).waitFor();

  // Nothing filled in: the API refuses per field, and the page says so beside each field.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Organization name' });
  await problem.waitFor();
  assert.equal(await page.getByLabel('Organization name').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#step1-organizationName-errors').innerText(), /\S/, 'the field shows the API\'s message');

  await submitStep(page, async () => {
    await page.getByLabel('Organization name').fill('St. Mary\'s Choir');
    await page.getByLabel('Location').fill('Springfield');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
  });
  await page.getByRole('heading', { name: 'Step 2: First event' }).waitFor();
  await submitStep(page, async () => {
    await page.getByLabel('Event title').fill('Sunday service');
    await page.getByLabel('Event date and time').fill('2026-03-14T10:00');
  });
  await page.getByRole('heading', { name: 'Step 3: First team' }).waitFor();
  await submitStep(page, async () => {
    await page.getByLabel('Team name').fill('Welcome team');
    await page.getByLabel('Team role').fill('Greeter');
  });
  await page.getByRole('heading', { name: 'Step 4: Invite volunteers' }).waitFor();
  await submitStep(page, async () => {
    await page.getByLabel('Expected volunteers').fill('25');
    await page.getByLabel('Invite channel').selectOption('email');
  });
  await page.getByRole('heading', { name: 'Step 5: Finish setup' }).waitFor();
  await submitStep(page, async () => {
    await page.getByLabel('Generate sample data').check();
    await page.getByLabel('Notifications').selectOption('email');
  });

  await page.getByTestId('wizard-status').filter({ hasText: 'Completed' }).waitFor();
  assert.match(await page.getByTestId('wizard-status').innerText(), /5 of 5 steps done/);
  await task(page, 'complete_profile').and(page.locator('[data-completed="true"]')).waitFor({ timeout: 15_000 });
  await page.getByTestId('sample-status').filter({ hasText: /Active .* expires/ }).waitFor({ timeout: 15_000 });
  // The catalog's template made the objects: the default catalog's three teams, shown by name and key.
  await page.getByTestId('sample-teams').getByText('Teams (3)').click();
  assert.match(await page.getByTestId('sample-teams').innerText(), /Welcome Team \(team-1\)/);

  await checkAccessibility(page, 'the onboarding area');
  await screenshot(page, 'web-onboarding', { readme: true });
  await context.close();
});

test('an admin skips the wizard at step 2 and resumes it by submitting that step', async () => {
  const context = await browser.newContext();
  const page = await signedInPage(context, { organizationId: newOrganization() });
  await page.getByRole('button', { name: 'Start the wizard' }).click();
  await submitStep(page, async () => {
    await page.getByLabel('Organization name').fill('Skipping Club');
    await page.getByLabel('Time zone').selectOption('UTC');
  });
  await page.getByRole('heading', { name: 'Step 2: First event' }).waitFor();

  await page.getByRole('button', { name: 'Skip setup for now' }).click();
  await page.getByTestId('wizard-status').filter({ hasText: 'Skipped' }).waitFor();
  assert.match(await page.getByTestId('wizard-status').innerText(), /skipped at step 2/);

  await page.getByLabel('Event title').fill('Back again');
  await page.getByLabel('Event date and time').fill('2026-05-01T18:30');
  await page.getByRole('button', { name: 'Resume with this step' }).click();
  await page.getByRole('heading', { name: 'Step 3: First team' }).waitFor();
  assert.match(await page.getByTestId('wizard-status').innerText(), /In progress · 2 of 5 steps done/);
  await context.close();
});

test('queued product activity turns checklist tasks green without reloading the page', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const organizationId = newOrganization();
  const page = await signedInPage(context, { organizationId });
  await task(page, 'create_first_event').waitFor();
  assert.equal(await task(page, 'create_first_event').getAttribute('data-completed'), 'false');
  assert.equal(await task(page, 'add_team').getAttribute('data-completed'), 'false');
  await page.evaluate(() => { globalThis.sameDocument = true; });

  await enqueueActivity({ connectionString: storage, organizationId, types: ['event_created', 'team_created'] });

  await task(page, 'create_first_event').and(page.locator('[data-completed="true"]')).waitFor({ timeout: 120_000 });
  await task(page, 'add_team').and(page.locator('[data-completed="true"]')).waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => globalThis.sameDocument), true, 'the page was not reloaded');
  assert.equal(await task(page, 'invite_volunteers').getAttribute('data-completed'), 'false');
  await screenshot(page, 'web-checklist-activity');
  await context.close();
});

test('a change made in a second tab is shown as a conflict, and reloading recovers', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const organizationId = newOrganization();
  const first = await signedInPage(context, { organizationId });
  await first.getByRole('button', { name: 'Start the wizard' }).click();
  await first.getByRole('heading', { name: 'Step 1: Organization profile' }).waitFor();

  const second = await signedInPage(context, { organizationId });
  await second.getByRole('heading', { name: 'Step 1: Organization profile' }).waitFor();
  await submitStep(second, async () => {
    await second.getByLabel('Organization name').fill('Saved in the second tab');
    await second.getByLabel('Time zone').selectOption('Europe/Paris');
  });
  await second.getByRole('heading', { name: 'Step 2: First event' }).waitFor();

  // The first tab still holds the wizard as it was before: its change is refused (412) and it says so.
  await submitStep(first, async () => {
    await first.getByLabel('Organization name').fill('Saved in the first tab');
    await first.getByLabel('Time zone').selectOption('Europe/Berlin');
  });
  const conflict = first.getByRole('alert').filter({ hasText: 'Changed elsewhere' });
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /Reload to see the latest and try again/);
  await screenshot(first, 'web-conflict');

  await conflict.getByRole('button', { name: 'Reload and retry' }).click();
  await conflict.waitFor({ state: 'detached' });
  await first.getByRole('button', { name: '1. Organization profile ✓' }).click();
  await first.getByRole('heading', { name: 'Step 1: Organization profile' }).waitFor();
  assert.equal(await first.getByLabel('Organization name').inputValue(), 'Saved in the second tab', 'the reload shows the other tab\'s change');
  await submitStep(first, async () => { await first.getByLabel('Organization name').fill('Saved in the first tab'); });
  await first.getByRole('status').filter({ hasText: 'Step 1 saved.' }).waitFor();
  await context.close();
});

test('generating sample data that another tab generated meanwhile is shown as a conflict, and reloading shows it', async () => {
  const context = await browser.newContext();
  const organizationId = newOrganization();
  const first = await signedInPage(context, { organizationId });
  await first.getByRole('button', { name: 'Generate sample data' }).waitFor();
  const second = await signedInPage(context, { organizationId });
  await second.getByRole('button', { name: 'Generate sample data' }).click();
  await second.getByTestId('sample-status').filter({ hasText: 'Active' }).waitFor();

  await first.getByRole('button', { name: 'Generate sample data' }).click();
  const conflict = first.getByRole('alert').filter({ has: first.getByRole('button', { name: 'Reload and retry' }) });
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /\S/);
  await conflict.getByRole('button', { name: 'Reload and retry' }).click();
  await first.getByTestId('sample-status').filter({ hasText: /Active .* expires/ }).waitFor();
  await first.getByRole('button', { name: 'Clear sample data' }).click();
  await first.getByTestId('sample-status').filter({ hasText: 'Cleared' }).waitFor();
  await context.close();
});
