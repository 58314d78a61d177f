// Screenshots for the docs (issue 13): a script, not a test. Run it with `cargo xtask
// screenshots`, which builds the release bundle, serves it and sets BASE_URL.
//
// One firm (examples/profiles/e7-little-giant-2026.json, assessed on 2026-05-01, the company name
// typed for the report) on the results page at 1280 px and at 360 px (the first screen), and its
// print report (A4 width, print media). Writes docs/screenshots/*.png.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BASE_URL, REPO_ROOT, cleanPage, launch } from './support.mjs';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');
await mkdir(OUT, { recursive: true });
const browser = await launch();
const page = await cleanPage(browser.context);

async function results(width, height) {
  await page.setViewportSize({ width, height });
  await page.goto(BASE_URL);
  await page.locator('#opt-date').fill('2026-05-01');
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.getByRole('link', { name: '查看结果' }).last().click();
  await page.getByRole('heading', { level: 1, name: '自测结果' }).waitFor();
  await page.setInputFiles('#import-profile', path.join(REPO_ROOT, 'examples', 'profiles', 'e7-little-giant-2026.json'));
  await page.locator('#data-message', { hasText: '已导入' }).waitFor();
  await page.locator('#report-name').fill('四川某精密制造有限公司');
  await page.locator('#report-name').dispatchEvent('change');
  await page.evaluate(() => window.scrollTo(0, 0));
}

await results(1280, 900);
await page.screenshot({ path: path.join(OUT, 'results-1280.png') });
console.log('docs/screenshots/results-1280.png');
await results(360, 780);
await page.screenshot({ path: path.join(OUT, 'results-360.png') });
console.log('docs/screenshots/results-360.png');
// The print report, as printed: A4's width at 96 dpi, print media, the whole report.
await results(794, 1123);
await page.emulateMedia({ media: 'print' });
await page.screenshot({ path: path.join(OUT, 'print-report.png'), fullPage: true });
console.log('docs/screenshots/print-report.png');
await browser.close();
