// End-to-end tests of the release build in dist/, in Debian's Chromium driven by playwright-core.
//
// Run through `cargo xtask test` (or `--only e2e`): it builds dist/, serves it on 127.0.0.1 and
// sets BASE_URL. playwright-core never downloads a browser; it drives /usr/bin/chromium.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) {
  throw new Error('BASE_URL is not set: run the e2e tests with `cargo xtask test --only e2e`');
}
const ORIGIN = new URL(BASE_URL).origin;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'e2e-screenshots');
const TIMEOUT_MS = 15_000;

let userDataDir;
let context;

before(async () => {
  userDataDir = await mkdtemp(path.join(tmpdir(), 'srdi-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // No sandbox (CI runs as root); no background traffic (the machine has no network).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(TIMEOUT_MS);
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** Opens a page that records every request and every error. */
async function openPage() {
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, requests, problems };
}

/** The privacy invariant: no request leaves the origin the app was loaded from. */
function assertOnlyOwnOrigin(requests) {
  assert.ok(requests.length > 0, 'the page made no request at all');
  const foreign = requests.filter((url) => {
    const parsed = new URL(url);
    return parsed.protocol !== 'data:' && parsed.origin !== ORIGIN;
  });
  assert.deepEqual(foreign, [], `requests to other origins than ${ORIGIN}`);
}

async function checkAndClose({ page, requests, problems }) {
  await page.close();
  assert.deepEqual(problems, [], 'errors while the page was open');
  assertOnlyOwnOrigin(requests);
}

test('home page: typing a revenue shows it in 亿元', async () => {
  const opened = await openPage();
  const { page } = opened;
  await page.goto(BASE_URL);
  assert.equal(await page.title(), '专精特新自测');
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();

  const input = page.getByLabel('上年度营业收入（万元）');
  await input.pressSequentially('3000');
  const feedback = page.locator('#revenue-feedback');
  await page.locator('#revenue-feedback', { hasText: '合 0.3 亿元' }).waitFor();
  assert.equal(await feedback.textContent(), '合 0.3 亿元');

  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home.png'), fullPage: true });

  await input.fill('3000万');
  await page.locator('#revenue-feedback.error').waitFor();
  assert.match(await feedback.textContent(), /请输入数字/);
  assert.equal(await input.inputValue(), '3000万', 'the typed text is kept');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-error.png'), fullPage: true });

  await checkAndClose(opened);
});

test('deep link: /rules loads directly and after a reload', async () => {
  const opened = await openPage();
  const { page } = opened;
  const response = await page.goto(new URL('rules', BASE_URL).href);
  assert.equal(response?.status(), 200);
  await page.getByRole('heading', { level: 1, name: '规则' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '规则' }).waitFor();
  assert.equal(await page.title(), '专精特新自测');
  await checkAndClose(opened);
});

test('navigation: the nav links switch pages in the browser', async () => {
  const opened = await openPage();
  const { page } = opened;
  await page.goto(BASE_URL);
  await page.getByRole('navigation').getByRole('link', { name: '规则' }).click();
  await page.getByRole('heading', { level: 1, name: '规则' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/rules');
  await page.getByRole('navigation').getByRole('link', { name: '自测' }).click();
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  await checkAndClose(opened);
});
