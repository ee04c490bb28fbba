// The app from the keyboard alone: sign in, start the wizard and submit its first step without a pointer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { launch, webUrl } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Presses Tab until the focused element matches, failing after `limit` presses. */
async function tabTo(page, describe, matches, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return;
  }
  assert.fail(`Tab never reached ${describe}`);
}

const focused = (text) => new Function(`const e = document.activeElement; return !!e && (e.textContent?.trim() === ${JSON.stringify(text)} || e.id === ${JSON.stringify(text)});`);

test('an admin signs in, starts the wizard and submits step 1 with the keyboard alone', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(webUrl);

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content', 'the first stop skips to the content');
  await tabTo(page, 'the organization field', focused('sign-in-org'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`web-${randomUUID().slice(0, 8)}`);
  await tabTo(page, 'the sign-in button', focused('Sign in'));
  await page.keyboard.press('Enter');

  // The onboarding area loads from the API after signing in; a user waits for it before tabbing on, and so does this.
  await page.getByRole('button', { name: 'Start the wizard' }).waitFor();
  await tabTo(page, 'Start the wizard', focused('Start the wizard'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Step 1: Organization profile' }).waitFor();
  await tabTo(page, 'the organization name field', focused('step1-organizationName'));
  await page.keyboard.type('Keyboard Club');
  await tabTo(page, 'the time zone field', focused('step1-timezone'));
  await page.keyboard.type('Europe/Berlin');
  assert.equal(await page.getByLabel('Time zone').inputValue(), 'Europe/Berlin');
  await tabTo(page, 'Save and continue', focused('Save and continue'));
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { name: 'Step 2: First event' }).waitFor();
  await context.close();
});
