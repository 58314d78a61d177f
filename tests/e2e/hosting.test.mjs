// End-to-end tests of what a portal's or an association's web team meets when it deploys the app
// (issue 16): served from a folder of its site, embedded with `ready` and `route` messages, a
// `host` value that is not an origin list, and the single file served over http.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { BASE_URL, ORIGIN, REPO_ROOT, checkAndClose, cleanPage, launch, watch } from './support.mjs';

let browser;
let hostServer;
let HOST_ORIGIN;
let folderServer;
let FOLDER_ORIGIN;
let siteRoot;
const SUB = '/some/sub/path/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * A static server for `root` as a portal would configure one for an app in the folder `folder`:
 * files as they are; a path in that folder without a file extension gets the folder's
 * index.html (the app's deep links); anything else is a 404.
 */
export function folderSite(root, folder) {
  return http.createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) return response.writeHead(400).end();
    let target = file;
    try {
      if ((await stat(target)).isDirectory()) target = path.join(target, 'index.html');
      await stat(target);
    } catch {
      if (url.pathname.startsWith(folder) && !path.extname(url.pathname)) {
        target = path.join(root, folder, 'index.html');
      } else {
        return response.writeHead(404).end();
      }
    }
    try {
      const body = await readFile(target);
      const headers = { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      // As INSTALL.md asks for the versioned loader: another site's `integrity` check reads it.
      if (/embed-[0-9.]+\.js$/.test(target)) headers['access-control-allow-origin'] = '*';
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
}

before(async () => {
  browser = await launch();
  // The app in a folder of a site: dist/ copied to /some/sub/path/.
  siteRoot = await mkdtemp(path.join(tmpdir(), 'srdi-site-'));
  await mkdir(path.join(siteRoot, SUB), { recursive: true });
  await cp(path.join(REPO_ROOT, 'dist'), path.join(siteRoot, SUB), { recursive: true });
  folderServer = folderSite(siteRoot, SUB);
  await new Promise((resolve) => folderServer.listen(0, '127.0.0.1', resolve));
  FOLDER_ORIGIN = `http://127.0.0.1:${folderServer.address().port}`;
  // A host page on another origin, with text above the tool so that the tool starts lower down.
  hostServer = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname === '/host.html') {
      const app = url.searchParams.get('app') ?? BASE_URL;
      const scroll = url.searchParams.get('scroll');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>host</title><link rel="icon" href="data:,">
<body style="margin:0"><div id="above" style="height:900px">the association's own page</div>
<script src="${url.searchParams.get('loader') ?? new URL('embed.js', app).href}" ${scroll ? `data-scroll="${scroll}"` : ''} ${url.searchParams.get('integrity') ? `integrity="${url.searchParams.get('integrity')}" crossorigin="anonymous"` : ''} async></script>
<div style="height:600px">footer</div></body>`);
    } else if (url.pathname === '/blank.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>blank</title><link rel="icon" href="data:,"><body></body>');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  HOST_ORIGIN = `http://127.0.0.1:${hostServer.address().port}`;
});

after(async () => {
  await browser?.close();
  hostServer?.close();
  folderServer?.close();
  if (siteRoot) await rm(siteRoot, { recursive: true, force: true });
});

async function openPage() {
  return watch(await cleanPage(browser.context));
}

/** Walks the app from its folder: start, a step, a reload there, results, rules; offline worker in
 * the folder; the kiosk wipe returns to the folder. Used for dist/ and for the release bundle. */
export async function walkFromFolder(page, folderUrl) {
  await page.goto(folderUrl);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  await page.locator('#opt-date').fill('2026-05-01');
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${new URL(folderUrl).pathname}step-1`);
  // A deep link reloads in the folder.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '结果' }).click();
  await page.getByRole('heading', { level: 1, name: '自测结果' }).waitFor();
  await page.setInputFiles('#import-profile', path.join(REPO_ROOT, 'examples', 'profiles', 'e1-innovative.json'));
  await page.locator('.tier-card[data-tier="innovative_sme"]').getByText('得分 85 分（满分 100').waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规则' }).click();
  await page.getByRole('heading', { level: 1, name: '全部规则及依据' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${new URL(folderUrl).pathname}rules`);
  // The offline worker lives in the app's folder, and controls it.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, folderUrl);
}

test('served from a folder of a site (/some/sub/path/): every page, a reload on a deep link, and the offline worker stay in the folder', async () => {
  const opened = await openPage();
  const { page, requests } = opened;
  await walkFromFolder(page, `${FOLDER_ORIGIN}${SUB}`);
  // Nothing was asked for outside the folder (no file at the site's root).
  const outside = requests.filter((u) => u.startsWith(FOLDER_ORIGIN) && !new URL(u).pathname.startsWith(SUB));
  assert.deepEqual(outside, []);
  await checkAndClose(opened, [FOLDER_ORIGIN]);

  // The kiosk's wipe goes back to the folder's start page, not the site's root.
  const kiosk = await openPage();
  await kiosk.page.clock.install();
  await kiosk.page.goto(`${FOLDER_ORIGIN}${SUB}step-2?kiosk=1&idle=10`);
  await kiosk.page.getByRole('heading', { level: 1, name: /^2 \/ 6/ }).waitFor();
  await kiosk.page.clock.runFor(11_000);
  await kiosk.page.locator('#idle-continue').waitFor();
  await kiosk.page.clock.runFor(11_000);
  await kiosk.page.waitForURL(`${FOLDER_ORIGIN}${SUB}?kiosk=1&idle=10`);
  await kiosk.page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  await checkAndClose(kiosk, [FOLDER_ORIGIN]);
});

test('the single file served over http works there too (its pages in the hash)', async () => {
  const opened = await openPage();
  const { page } = opened;
  await page.goto(`${FOLDER_ORIGIN}${SUB}srdi-check.html`);
  await page.getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
  assert.match(page.url(), /srdi-check\.html#\/step-1$/);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
  await checkAndClose(opened, [FOLDER_ORIGIN]);
});

for (const width of [1280, 375]) {
  test(`embedded at ${width} px: a new page of the app brings the frame's top into view (and data-scroll="off" leaves it to the host)`, async () => {
    /** From the host page, the last step's "see results" link, scrolled to as a user would;
     * returns the frame's top before and after following it. */
    const toResults = async (query) => {
      const opened = await openPage();
      const { page } = opened;
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${HOST_ORIGIN}/host.html?${query}app=${encodeURIComponent(BASE_URL)}`);
      const app = page.frameLocator('iframe');
      await app.getByRole('button', { name: '开始填写' }).click();
      await app.getByRole('navigation', { name: '填写进度' }).getByRole('link', { name: /^6\./ }).click();
      await app.getByRole('heading', { level: 1, name: /^6 \/ 6/ }).waitFor();
      const link = app.locator('.step-nav a', { hasText: '查看结果' });
      await link.scrollIntoViewIfNeeded();
      const top = () => page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().top));
      const before = await top();
      await link.click();
      await app.getByRole('heading', { level: 1, name: '自测结果' }).waitFor();
      await page.waitForTimeout(300);
      const after = await top();
      await checkAndClose(opened, [ORIGIN, HOST_ORIGIN]);
      return { before, after };
    };
    const on = await toResults('');
    assert.ok(on.before < -200, `the frame's top is well above the screen before (${on.before})`);
    assert.ok(Math.abs(on.after) <= 2, `the results start at the top of the screen (${on.after})`);
    // With data-scroll="off" the host keeps its scroll position.
    const off = await toResults('scroll=off&');
    assert.ok(off.after < -200 && Math.abs(off.after - off.before) < 50, `left where it was (${off.before} → ${off.after})`);
  });
}

/** On a blank page of the host's origin, embeds the app with `host` set to `named`, sends
 * `measure` as soon as the frame has loaded and again once it is ready; returns the messages. */
async function embedRaw(named) {
  const opened = await openPage();
  const { page } = opened;
  await page.goto(`${HOST_ORIGIN}/blank.html`);
  const src = `${BASE_URL}?embed=1&host=${encodeURIComponent(named)}`;
  const got = await page.evaluate(async (src) => {
    const got = [];
    const frame = document.createElement('iframe');
    frame.src = src;
    let ready;
    const isReady = new Promise((resolve) => { ready = resolve; });
    window.addEventListener('message', (e) => {
      if (e.source !== frame.contentWindow) return;
      got.push(e.data);
      if (e.data?.type === 'ready') ready();
    });
    const measure = () => frame.contentWindow.postMessage({ source: 'srdi-check-host', version: 1, type: 'measure' }, '*');
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve));
    measure();
    await Promise.race([isReady, new Promise((resolve) => setTimeout(resolve, 4000))]);
    got.push('measure sent');
    measure();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return got;
  }, src);
  return { opened, got };
}

test('embedding: `ready` comes first, before any height; a `measure` after it is answered', async () => {
  const { opened, got } = await embedRaw(HOST_ORIGIN);
  assert.equal(got[0]?.type, 'ready', JSON.stringify(got));
  assert.deepEqual(Object.keys(got[0]).sort(), ['height', 'route', 'source', 'type', 'version']);
  assert.equal(got[0].route, 'start');
  const answer = got.slice(got.indexOf('measure sent') + 1);
  assert.ok(answer.some((m) => m.type === 'height' && Number.isInteger(m.height) && m.height > 0), JSON.stringify(got));
  await checkAndClose(opened, [ORIGIN, HOST_ORIGIN]);
});

for (const [bad, why] of [[`HOST/`, '请删去末尾的 /'], [`HOST HOST`, '不能用空格']]) {
  test(`an invalid host value (${bad}) fails closed: said on the page (in its language) and in the console, no message sent`, async () => {
    const { opened, got } = await embedRaw(bad.replaceAll('HOST', HOST_ORIGIN));
    assert.deepEqual(got, ['measure sent'], 'no message at all');
    const frame = opened.page.frameLocator('iframe');
    await frame.locator('.host-error').getByText('URL 参数 host 无效').waitFor();
    // The reason too is in the page's language (the console keeps it in English for the web team).
    await frame.locator('.host-error').getByText(why).waitFor();
    // The console error is the integrator's other clue; watch() counts it as a problem, so
    // take it out before the usual checks.
    const said = opened.problems.filter((p) => p.includes('no message is sent or accepted'));
    assert.equal(said.length, 1, JSON.stringify(opened.problems));
    opened.problems.splice(opened.problems.indexOf(said[0]), 1);
    await checkAndClose(opened, [ORIGIN, HOST_ORIGIN]);
  });
}

test('the release archive, unpacked into an empty folder and served as /srdi-check-VERSION/site/: checksums hold, the app walks, and the pinned loader embeds it', async () => {
  const archive = process.env.RELEASE_ARCHIVE;
  assert.ok(archive, 'RELEASE_ARCHIVE is not set: run through `cargo xtask test`, which writes the archive first');
  const unpacked = await mkdtemp(path.join(tmpdir(), 'srdi-release-'));
  let server;
  try {
    execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
    const [top] = await readdir(unpacked);
    assert.match(top, /^srdi-check-\d+\.\d+\.\d+$/);
    const version = top.slice('srdi-check-'.length);
    const dir = path.join(unpacked, top);
    // Every file listed, and every listed file as its checksum says.
    const sums = (await readFile(path.join(dir, 'SHA256SUMS'), 'utf8')).trim().split('\n');
    for (const line of sums) {
      const [sum, file] = line.split('  ');
      const bytes = await readFile(path.join(dir, file));
      assert.equal(createHash('sha256').update(bytes).digest('hex'), sum, file);
    }
    const listed = sums.map((l) => l.split('  ')[1]);
    for (const needed of ['INSTALL.md', 'CHANGELOG.md', 'embedding.md', 'srdi-check.html', 'site/index.html', 'site/app_bg.wasm', 'site/embed.js', `site/embed-${version}.js`]) {
      assert.ok(listed.includes(needed), needed);
    }
    const install = await readFile(path.join(dir, 'INSTALL.md'), 'utf8');
    assert.doesNotMatch(install, /\{\{/, 'INSTALL.md has every placeholder filled');
    const integrity = install.match(/integrity="(sha384-[A-Za-z0-9+/=]+)"/)?.[1];
    assert.ok(integrity, 'INSTALL.md shows the loader\'s integrity hash');

    const folder = `/${top}/site/`;
    server = folderSite(unpacked, folder);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;
    const opened = await openPage();
    await walkFromFolder(opened.page, `${origin}${folder}`);
    await checkAndClose(opened, [origin]);

    // The embed line of INSTALL.md, on another site: the pinned loader passes its integrity check.
    const loader = `${origin}${folder}embed-${version}.js`;
    const host = await openPage();
    await host.page.goto(`${HOST_ORIGIN}/host.html?loader=${encodeURIComponent(loader)}&integrity=${encodeURIComponent(integrity)}`);
    await host.page.frameLocator('iframe').getByRole('heading', { level: 1, name: '专精特新自测' }).waitFor();
    await checkAndClose(host, [origin, HOST_ORIGIN]);
    // A loader that is not the one pinned does not run.
    const tampered = await openPage();
    const wrong = integrity.slice(0, -6) + 'AAAAA=';
    await tampered.page.goto(`${HOST_ORIGIN}/host.html?loader=${encodeURIComponent(loader)}&integrity=${encodeURIComponent(wrong)}`);
    await tampered.page.waitForTimeout(1000);
    assert.equal(await tampered.page.locator('iframe').count(), 0);
    tampered.problems.length = 0;
    await checkAndClose(tampered, [origin, HOST_ORIGIN]);
  } finally {
    server?.close();
    await rm(unpacked, { recursive: true, force: true });
  }
});
