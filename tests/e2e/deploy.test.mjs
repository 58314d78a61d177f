// End-to-end tests of the three deployments (issue 5): embedded in a host page on another origin,
// a kiosk on a shared screen, and offline (service worker; single file opened from disk). Each
// test also checks the privacy invariant: no request leaves the page's own files.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASE_URL, ORIGIN, REPO_ROOT, axeViolations, checkAndClose, cleanPage, launch, watch } from './support.mjs';

let browser;
let hostServer;
/** The demo host page's origin: another port than the app's, so another origin. */
let HOST_ORIGIN;
/** A third origin (same server, named `localhost`), which the app has never been told about. */
let FOREIGN_ORIGIN;

before(async () => {
  browser = await launch();
  const hostPage = await readFile(path.join(REPO_ROOT, 'examples', 'embed', 'host.html'));
  hostServer = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname === '/host.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(hostPage);
    } else if (url.pathname === '/blank.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>blank</title><link rel="icon" href="data:,"><body></body>');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  const { port } = hostServer.address();
  HOST_ORIGIN = `http://127.0.0.1:${port}`;
  FOREIGN_ORIGIN = `http://localhost:${port}`;
});

after(async () => {
  await browser?.close();
  hostServer?.close();
});

async function openPage() {
  return watch(await cleanPage(browser.context));
}

/** The app iframe's height as the host set it, and the app's own content height. */
async function heights(page) {
  const frame = page.frameLocator('iframe');
  const outer = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
  const inner = await frame.locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
  return { outer, inner };
}

/** Waits until the iframe is exactly as tall as its content, and returns that height. */
async function settledHeight(page) {
  let last = { outer: -1, inner: -2 };
  for (let i = 0; i < 50; i += 1) {
    last = await heights(page);
    if (Math.abs(last.outer - last.inner) <= 1) return last.inner;
    await page.waitForTimeout(100);
  }
  assert.fail(`the iframe (${last.outer}px) never matched its content (${last.inner}px)`);
}

test('embedded on a host page, the iframe is as tall as the app as steps change', async () => {
  const opened = await openPage();
  const { page } = opened;
  // The host's column is 320 px wide: the narrowest the app is laid out for.
  await page.setViewportSize({ width: 352, height: 700 });
  await page.goto(`${HOST_ORIGIN}/host.html?app=${encodeURIComponent(BASE_URL)}`);
  const app = page.frameLocator('iframe');
  await app.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  // No site chrome inside; the host's options arrived (province, accent colour).
  assert.equal(await app.locator('.brand').isVisible(), false);
  assert.equal(await app.locator('.site-footer').isVisible(), false);
  assert.equal(await app.locator('#opt-province').inputValue(), '四川');
  assert.equal(await app.locator('html').evaluate((h) => getComputedStyle(h).getPropertyValue('--accent').trim()), '#6a3d9a');
  const startHeight = await settledHeight(page);
  // The app itself never scrolls inside the iframe, down or sideways.
  assert.equal(await app.locator('html').evaluate((h) => h.scrollHeight <= innerHeight + 1), true);
  assert.equal(await app.locator('html').evaluate((h) => h.scrollWidth <= h.clientWidth), true);

  await app.getByRole('button', { name: '开始填写' }).click();
  await app.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
  await app.getByRole('navigation', { name: '填写进度' }).getByRole('link', { name: /^2\./ }).click();
  await app.getByRole('heading', { level: 1, name: /^2 \/ 6/ }).waitFor();
  const stepHeight = await settledHeight(page);
  assert.equal(await page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().width)), 320);
  assert.equal(await app.locator('html').evaluate((h) => h.scrollWidth <= h.clientWidth), true, 'the finance step fits 320 px');
  assert.notEqual(stepHeight, startHeight, 'the height followed the content');

  await app.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '结果' }).click();
  await app.getByRole('heading', { level: 1, name: '自测结果' }).waitFor();
  const resultsHeight = await settledHeight(page);
  assert.notEqual(resultsHeight, stepHeight);
  // The text after the tool sits below it, wherever the tool ends.
  const toolBottom = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().bottom);
  const afterTop = await page.locator('#after').evaluate((p) => p.getBoundingClientRect().top);
  assert.ok(afterTop >= toolBottom, 'the host page flows around the tool');
  await checkAndClose(opened, [ORIGIN, HOST_ORIGIN]);
});

/** On a page of `origin`, embeds the app naming `named` as its host, asks it for its height, and
 * returns every message the app sent to this page. */
async function embedAndAsk(origin, named) {
  const opened = await openPage();
  const { page } = opened;
  await page.goto(`${origin}/blank.html`);
  const src = `${BASE_URL}?embed=1&host=${encodeURIComponent(named)}`;
  const messages = await page.evaluate(async (src) => {
    const got = [];
    const frame = document.createElement('iframe');
    frame.src = src;
    window.addEventListener('message', (e) => { if (e.source === frame.contentWindow) got.push(e.data); });
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve));
    // Give the app time to start, then ask it for its height as a host would.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    frame.contentWindow.postMessage({ source: 'srdi-check-host', version: 1, type: 'measure' }, '*');
    await new Promise((resolve) => setTimeout(resolve, 500));
    return got;
  }, src);
  await checkAndClose(opened, [ORIGIN, origin]);
  return messages;
}

test('a message from an origin the host did not name is ignored, and gets nothing back', async () => {
  const foreign = await embedAndAsk(FOREIGN_ORIGIN, HOST_ORIGIN);
  assert.deepEqual(foreign, [], 'the app answered a page it was not told about');
  // The control: named as the host, the same page gets height reports, and an answer to `measure`.
  const named = await embedAndAsk(FOREIGN_ORIGIN, FOREIGN_ORIGIN);
  assert.ok(named.length >= 2, `expected a height report and an answer, got ${JSON.stringify(named)}`);
  // Nothing but the protocol's fields: a page name and a height, never anything typed.
  for (const m of named) {
    const fields = m.type === 'height' ? ['height', 'source', 'type', 'version'] : ['height', 'route', 'source', 'type', 'version'];
    assert.deepEqual(Object.keys(m).sort(), fields);
    assert.equal(m.source, 'srdi-check');
    assert.ok(['ready', 'height'].includes(m.type), m.type);
    assert.ok(Number.isInteger(m.height) && m.height > 0);
  }
});

test('hostile URL parameters change nothing and inject nothing', async () => {
  const opened = await openPage();
  const { page } = opened;
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  page.on('dialog', (d) => { warnings.push(`dialog: ${d.message()}`); d.dismiss(); });
  const hostile = new URLSearchParams({
    lang: '<script>alert(1)</script>',
    province: '四川"><img src=x onerror=alert(1)>',
    accent: 'red;background:url(http://evil.example/x)',
    radius: '999',
    scale: '1e400',
    tiers: 'innovative_sme,<b>',
    host: 'javascript:alert(1)',
    idle: '-1',
    embed: 'yes',
    surprise: '1',
  });
  await page.goto(`${BASE_URL}?${hostile}`);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  const html = await page.content();
  assert.doesNotMatch(html, /onerror|<b>|evil\.example|alert\(1\)/);
  assert.equal(await page.locator('#opt-province').inputValue(), '');
  const style = await page.locator('html').evaluate((h) => ({
    accent: getComputedStyle(h).getPropertyValue('--accent').trim(),
    radius: getComputedStyle(h).getPropertyValue('--radius').trim(),
    inline: h.getAttribute('style'),
    embed: h.classList.contains('embed'),
  }));
  assert.deepEqual(style, { accent: '#0b5cad', radius: '6px', inline: null, embed: false });
  assert.equal(warnings.filter((w) => w.startsWith('dialog')).length, 0);
  assert.ok(warnings.filter((w) => w.includes('SRDI Check')).length >= 9, `one warning per bad parameter: ${warnings.join(' | ')}`);
  // A `host` that is not an origin is not ignored: it fails closed, with a console error and a
  // notice on the page (which shows the reason, never the value).
  await page.locator('.host-error').waitFor();
  const hostError = opened.problems.findIndex((p) => p.includes('no message is sent or accepted'));
  assert.ok(hostError >= 0, opened.problems.join(' | '));
  opened.problems.splice(hostError, 1);
  await checkAndClose(opened);
});

test('the page refuses an injected inline script (Content-Security-Policy)', async () => {
  const opened = await openPage();
  const { page } = opened;
  await page.goto(BASE_URL);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.__injected === true;
  });
  assert.equal(ran, false, 'an inline script ran');
  // The refusal is reported as a console error; it is the expected one, not a fault of the app.
  opened.problems.splice(0, opened.problems.length, ...opened.problems.filter((p) => !p.includes('Content Security Policy')));
  await checkAndClose(opened);
});

/** Storage areas a browser keeps for the app's origin, as counts. */
function storageCounts(page) {
  return page.evaluate(async () => ({
    cookies: document.cookie.split(';').filter((c) => c.trim()).length,
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).length,
    caches: (await caches.keys()).filter((k) => !k.startsWith('srdi-check-shell-')).length,
  }));
}

/** Opens the kiosk with the browser's clock under the test's control. */
async function openKiosk() {
  const opened = await openPage();
  const { page } = opened;
  await page.clock.install({ time: new Date('2026-05-01T09:00:00') });
  await page.goto(`${BASE_URL}?kiosk=1&idle=30`);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  return opened;
}

test('kiosk: big targets, nothing stored; idle shows a countdown, then everything is wiped', async () => {
  const opened = await openKiosk();
  const { page } = opened;
  await page.getByRole('note').filter({ hasText: '公用设备' }).waitFor();
  assert.equal(await page.locator('#remember').count(), 0, 'no "remember" on a shared screen');
  for (const box of await page.locator('button, select, input[type=date]').evaluateAll((all) => all.map((e) => e.getBoundingClientRect().height))) {
    assert.ok(box >= 48, `a target of ${box}px`);
  }
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.locator('#f-staff-employees').fill('120');
  // Nothing that writes a file to the shared device: no export, no result download.
  await page.getByRole('link', { name: '查看结果' }).last().click();
  await page.locator('#print').waitFor();
  assert.equal(await page.locator('#export-profile, #download-result').count(), 0);
  // The result goes home on the visitor's phone instead: a QR code made on the page.
  await page.getByRole('button', { name: '用手机带走结果（二维码）' }).click();
  const code = page.getByRole('img', { name: '二维码：本页结论摘要' });
  await code.waitFor();
  const box = await code.boundingBox();
  assert.ok(box && box.width >= 200 && box.width === box.height, `a square code a phone can read: ${JSON.stringify(box)}`);
  const text = await page.locator('#take-home-text').innerText();
  assert.match(text, /^专精特新自测结果（参考，非官方认定）\n评估日期 2026-05-01/);
  assert.match(text, /· 中小企业划型：/);
  assert.deepEqual(await axeViolations(page), [], 'the QR code passes axe-core');
  await page.getByRole('link', { name: '填写', exact: true }).first().click();
  // What a previous visitor (or another script) might have left in every storage area.
  await page.evaluate(async () => {
    localStorage.setItem('left', 'behind');
    sessionStorage.setItem('left', 'behind');
    document.cookie = 'left=behind; path=/';
    await new Promise((resolve) => { const r = indexedDB.open('left-behind'); r.onsuccess = () => { r.result.close(); resolve(); }; });
    await (await caches.open('left-behind')).put('/left', new Response('behind'));
  });
  assert.deepEqual(await storageCounts(page), { cookies: 1, local: 1, session: 1, indexedDB: 1, caches: 1 });

  // The idle time counts from the last use of the screen, and the clock also runs while the
  // test works: use the screen once more, then let the idle time pass (a second's margin for a
  // loaded machine).
  await page.keyboard.press('Shift');
  await page.clock.runFor(29_000);
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'no countdown before the idle time');
  await page.clock.runFor(1_000);
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /10 秒/);
  assert.equal(await page.locator('#idle-continue').evaluate((b) => b === document.activeElement), true, 'focus on "continue"');
  assert.deepEqual(await axeViolations(page), [], 'the countdown passes axe-core');
  await page.clock.runFor(5_000);
  assert.match(await dialog.innerText(), /5 秒/);
  await page.clock.runFor(5_000);
  await page.waitForURL((url) => url.pathname === '/' && url.search === '?kiosk=1&idle=30');
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  assert.deepEqual(await storageCounts(page), { cookies: 0, local: 0, session: 0, indexedDB: 0, caches: 0 });
  await page.getByRole('button', { name: '开始填写' }).click();
  assert.equal(await page.locator('#f-staff-employees').inputValue(), '', 'the answers are gone');
  await checkAndClose(opened);
});

test('kiosk from file://: the wipe removes only this app\'s keys, never another local page\'s', async () => {
  const opened = await openPage();
  const { page } = opened;
  await page.clock.install({ time: new Date('2026-05-01T09:00:00') });
  const file = pathToFileURL(path.join(REPO_ROOT, 'dist', 'srdi-check.html')).href;
  await page.goto(`${file}?kiosk=1&idle=10`);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  await page.evaluate(() => {
    localStorage.setItem('another-page', 'keep me');
    localStorage.setItem('srdi-check/left', 'behind');
  });
  await page.clock.runFor(10_100);
  await page.getByRole('alertdialog').waitFor();
  await page.clock.runFor(10_000);
  await page.waitForURL((url) => url.hash === '#/');
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('another-page')), 'keep me');
  assert.equal(await page.evaluate(() => localStorage.getItem('srdi-check/left')), null);
  await page.evaluate(() => localStorage.removeItem('another-page'));
  await checkAndClose(opened, ['file://']);
});

test('kiosk: a touch during the countdown keeps the answers', async () => {
  const opened = await openKiosk();
  const { page } = opened;
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.locator('#f-staff-employees').fill('120');
  await page.clock.runFor(31_000);
  await page.getByRole('alertdialog').waitFor();
  await page.clock.runFor(3_000);
  await page.touchscreen.tap(5, 5).catch(() => page.mouse.click(5, 5));
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  await page.clock.runFor(15_000);
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'the timer started again');
  assert.equal(await page.locator('#f-staff-employees').inputValue(), '120');
  await checkAndClose(opened);
});

test('offline: after one visit, a reload with the network cut still works end to end', async () => {
  const opened = await openPage();
  const { page } = opened;
  await page.goto(BASE_URL);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  // The worker has cached the app once it controls the page (it claims clients on activation).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await browser.context.setOffline(true);
  try {
    await page.goto(new URL('step-1', BASE_URL).href);
    await page.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
    await page.locator('#f-industry').selectOption('industry');
    await page.locator('#f-staff-employees').fill('1200');
    await page.getByRole('navigation', { name: '填写进度' }).getByRole('link', { name: /^2\./ }).click();
    await page.locator('#f-years-2025-revenue').fill('30000');
    await page.locator('.summary [data-tier="sme_size"]', { hasText: '中型' }).waitFor();
  } finally {
    await browser.context.setOffline(false);
  }
  // Offline, the requests that failed are the ones the worker answered from its cache: none.
  const cdp = await browser.context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'installable as an app');
  await checkAndClose(opened);
});

/** Polls `predicate` (which may be async) in the page until it is true. */
async function until(page, predicate, what) {
  for (let i = 0; i < 150; i += 1) {
    if (await page.evaluate(predicate)) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`timed out: ${what}`);
}

/** A static server for a copy of dist/ (with the app's SPA fallback), to publish a new build. */
async function serveCopy(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png' };
  const server = http.createServer(async (request, response) => {
    const pathname = new URL(request.url, 'http://x').pathname;
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    const ext = path.extname(file);
    const body = await readFile(ext ? file : path.join(dir, 'index.html')).catch(() => null);
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[ext] ?? types['.html'], 'cache-control': 'no-cache' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

test('offline: a new version replaces the old one cleanly', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'srdi-dist-'));
  await cp(path.join(REPO_ROOT, 'dist'), dir, { recursive: true });
  const { server, origin } = await serveCopy(dir);
  const opened = await openPage();
  const { page } = opened;
  try {
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const [before] = await page.evaluate(() => caches.keys());
    assert.match(before, /^srdi-check-shell-[0-9a-f]{16}$/);
    // Publish a new build: another stylesheet, and the worker stamped with another version.
    await writeFile(path.join(dir, 'style.css'), `${await readFile(path.join(dir, 'style.css'), 'utf8')}\n.new-build{}`);
    const sw = await readFile(path.join(dir, 'sw.js'), 'utf8');
    await writeFile(path.join(dir, 'sw.js'), sw.replace(before.slice('srdi-check-shell-'.length), 'feedfacefeedface'));
    // The browser checks sw.js (as it does on loads); the new worker installs, takes over, and
    // deletes the old cache.
    await page.reload({ waitUntil: 'networkidle' });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await until(page, async () => {
      const keys = await caches.keys();
      const r = await navigator.serviceWorker.getRegistration();
      return keys.length === 1 && keys[0] === 'srdi-check-shell-feedfacefeedface' && !r.installing && !r.waiting;
    }, 'the new worker took over and removed the old cache');
    // The page that was open when the new worker took over may still have been served by the old
    // one; the next load is the new build's, and the old cache stays gone.
    await page.reload({ waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
    assert.deepEqual(await page.evaluate(() => caches.keys()), ['srdi-check-shell-feedfacefeedface']);
    const css = await page.evaluate(() => fetch('/style.css').then((r) => r.text()));
    assert.match(css, /\.new-build/, 'the new build is served');
    await checkAndClose(opened, [origin]);
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('single file: opened from disk, a full assessment works, and nothing is requested', async () => {
  const opened = await openPage();
  const { page } = opened;
  const file = pathToFileURL(path.join(REPO_ROOT, 'dist', 'srdi-check.html')).href;
  await page.goto(file);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  await page.locator('#opt-date').fill('2026-05-01');
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
  assert.match(page.url(), /#\/step-1$/);
  await page.getByRole('link', { name: '查看结果' }).last().click();
  await page.getByRole('heading', { level: 1, name: '自测结果' }).waitFor();
  assert.match(page.url(), /#\/results$/);
  await page.setInputFiles('#import-profile', path.join(REPO_ROOT, 'examples', 'profiles', 'e1-innovative.json'));
  await page.locator('#data-message').filter({ hasText: /已导入/ }).waitFor();
  const card = page.locator('.tier-card[data-tier="innovative_sme"]');
  assert.match(await card.innerText(), /得分 85 分（满分 100，及格 60 分）/);
  // From disk every local page shares one storage: no draft is offered or written.
  assert.equal(await page.locator('#remember').count(), 0);
  await page.locator('.drafts', { hasText: '单文件版不在本机保存草稿' }).waitFor();
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('srdi-check/')).length), 0);
  // Leaving with answers (and no draft) asks first.
  page.once('dialog', (d) => d.accept());
  await page.reload({ waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.match(page.url(), /#\/results$/, 'the route survives a reload from disk');
  await checkAndClose(opened, ['file://']);
});
