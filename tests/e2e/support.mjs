// Shared by the end-to-end test files: the browser, and the checks every test makes.
//
// Run through `cargo xtask test` (or `--only e2e`): it builds dist/, serves it on 127.0.0.1 and
// sets BASE_URL. playwright-core never downloads a browser; it drives /usr/bin/chromium.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) {
  throw new Error('BASE_URL is not set: run the e2e tests with `cargo xtask test --only e2e`');
}
export const ORIGIN = new URL(BASE_URL).origin;
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'e2e-screenshots');
export const TIMEOUT_MS = 15_000;

/** A fresh browser profile (its own storage, caches and service workers), Chinese by default. */
export async function launch() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'srdi-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    locale: 'zh-CN',
    acceptDownloads: true,
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
  const close = async () => {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * A page of the shared test browser with no draft left by an earlier test: the app keeps
 * drafts in localStorage by default, so each test clears the app origin's local storage first
 * (through DevTools, without loading anything).
 */
export async function cleanPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: ORIGIN, storageTypes: 'local_storage' });
  await cdp.detach();
  return page;
}

/** Records every request and every error of a page (its frames included). */
export function watch(page) {
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

/** The privacy invariant: no request leaves the origins the test allows (the app's, by default). */
export function assertOnlyOwnOrigin(requests, allowed = [ORIGIN]) {
  assert.ok(requests.length > 0, 'the page made no request at all');
  const foreign = requests.filter((url) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
    return !allowed.includes(parsed.protocol === 'file:' ? 'file://' : parsed.origin);
  });
  assert.deepEqual(foreign, [], `requests to other origins than ${allowed.join(', ')}`);
}

/** Closes the page, then asserts it had no error and made no foreign request. */
export async function checkAndClose({ page, requests, problems }, allowed) {
  await page.close();
  assert.deepEqual(problems, [], 'errors while the page was open');
  assertOnlyOwnOrigin(requests, allowed);
}

/** axe-core's WCAG 2.2 A/AA violations on the page as it is now, one line each. */
export async function axeViolations(page) {
  const source = await readFile(path.join(REPO_ROOT, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Through DevTools, not a <script>: the page's CSP (rightly) refuses inline scripts.
  await page.evaluate(source);
  const result = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  return result.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
}
