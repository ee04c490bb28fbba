// An organization's member: features and tutorials, not the admins' onboarding state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { checkAccessibility, launch, signedInPage } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a member sees features and works through a tutorial, but not the wizard, checklist or sample data', async () => {
  const context = await browser.newContext();
  const page = await signedInPage(context, { organizationId: `web-${randomUUID().slice(0, 8)}`, role: 'org_member' });

  await page.getByRole('heading', { name: 'Tutorials' }).waitFor();
  await page.getByRole('heading', { name: 'Features' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Setup wizard' }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Getting started' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Show all features' }).count(), 0, 'show-all is the admins\'');
  assert.equal(await page.getByRole('link', { name: 'Analytics' }).count(), 0);

  await page.getByRole('button', { name: 'Start Events intro' }).click();
  await page.getByRole('button', { name: 'Next step of Events intro' }).click();
  const item = page.locator('.tutorials li').filter({ hasText: 'Events intro' });
  await item.filter({ hasText: 'In progress · step 1 of 4' }).waitFor();
  await page.getByRole('button', { name: 'Complete Events intro' }).click();
  await page.getByText('1 of 5 completed').waitFor();
  await page.getByRole('button', { name: 'Replay Events intro' }).waitFor();

  await checkAccessibility(page, 'the member\'s onboarding area');
  await context.close();
});
