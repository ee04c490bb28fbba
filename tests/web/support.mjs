// Shared by the web app's browser tests: the browser, signing in through the app's own form, axe-core, screenshots.
// scripts/lib/web-tests.sh serves the built app at WEB_URL and runs the app (ONBOARDING_API_URL) it calls.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const webUrl = required('WEB_URL');
export const api = required('ONBOARDING_API_URL');
export const storage = required('AZURITE_CONNECTION_STRING');
const executablePath = required('CHROMIUM_PATH');

const repoRoot = new URL('../../', import.meta.url);
const axeSource = await readFile(createRequire(new URL('web/package.json', repoRoot)).resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({ executablePath, headless: true });
}

/** A new tab (its own sessionStorage) signed in through the app's development sign-in form. */
export async function signedInPage(context, { organizationId = 'platform-team', role = 'org_admin' }) {
  const page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') console.log(`[page] ${message.text()}`); });
  page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
  const response = await page.goto(webUrl);
  assert.equal(response?.status(), 200);
  await page.getByLabel('Organization').fill(organizationId);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/**
 * Runs axe-core on the page (WCAG 2.1 A and AA and best practices: labels, names, contrast, landmarks…) and fails
 * on any violation of serious or critical impact. Returns every violation, for the report.
 */
export async function checkAccessibility(page, area) {
  await page.addScriptTag({ content: axeSource });
  const { violations } = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  const summary = violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
  console.log(`axe-core on ${area}: ${violations.length} violation(s)${summary.length ? `\n  ${summary.join('\n  ')}` : ''}`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => v.id), [], `serious or critical accessibility violations on ${area}:\n${summary.join('\n')}`);
  return violations;
}

/** Saves a full-page screenshot under artifacts/web-tests/ and, for the README's, under docs/images/ as well. */
export async function screenshot(page, name, { readme = false } = {}) {
  const folder = new URL('artifacts/web-tests/', repoRoot);
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, folder).pathname, fullPage: true });
  if (readme) {
    await page.screenshot({ path: new URL(`docs/images/${name}.png`, repoRoot).pathname, fullPage: true });
  }
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run the web tests with scripts/test.sh (scripts/lib/web-tests.sh).`);
  }
  return value;
}
