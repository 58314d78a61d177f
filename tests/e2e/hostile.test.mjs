// Hostile and odd input (issue 6): every numeric field of every step takes strings a user, a
// paste or an attacker might produce. The page must never break, must keep exactly what was
// typed (with a message when it is not a number the field can take), and must lose nothing
// typed elsewhere.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, checkAndClose, cleanPage, launch, watch } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '1e400',
  '-0',
  'NaN',
  '1000000000000000000000000000000',
  '',
  '１２３４５',
  '1.5亿万',
  '¥-3,000.5元',
  '   ',
  '0x1F',
  '∞',
];

test('every numeric field takes hostile strings: nothing breaks, nothing typed elsewhere is lost', async () => {
  const opened = watch(await cleanPage(browser.context));
  const { page } = opened;
  page.on('dialog', (d) => { opened.problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(BASE_URL);
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.getByRole('heading', { level: 1, name: /^1 \/ 6/ }).waitFor();
  // A value typed before, on another step: it must survive everything below.
  await page.locator('#f-staff-employees').fill('120');
  let fields = 0;
  for (let step = 1; step <= 6; step += 1) {
    await page.getByRole('navigation', { name: '填写进度' }).getByRole('link', { name: new RegExp(`^${step}\\.`) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${step} / 6`) }).waitFor();
    const ids = await page.locator('main input[type="text"][inputmode]').evaluateAll((all) => all.map((e) => e.id));
    for (const id of ids) {
      const input = page.locator(`#${id}`);
      for (const text of HOSTILE) {
        await input.fill(text);
        assert.equal(await input.inputValue(), text, `${id} keeps what was typed`);
      }
      fields += 1;
    }
    // The page still works: its heading, the live summary, and no injected element.
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${step} / 6`) }).waitFor();
    await page.locator('.summary').waitFor();
    assert.equal(await page.locator('main img, main script').count(), 0);
  }
  assert.ok(fields >= 30, `only ${fields} numeric fields found`);
  // Every field ends with the last string; going back and forth keeps each, and the first value.
  await page.getByRole('navigation', { name: '填写进度' }).getByRole('link', { name: /^1\./ }).click();
  assert.equal(await page.locator('#f-staff-employees').inputValue(), '∞');
  await page.locator('#f-staff-employees').fill('120');
  await page.getByRole('navigation', { name: '填写进度' }).getByRole('link', { name: /^2\./ }).click();
  assert.equal(await page.locator('#f-years-2025-revenue').inputValue(), '∞');
  const error = page.locator('#f-years-2025-revenue').locator('xpath=ancestor::*[contains(@class,"field")][1]').locator('.error');
  assert.notEqual((await error.innerText()).trim(), '', 'a message says what is wrong');
  await page.getByRole('navigation', { name: '填写进度' }).getByRole('link', { name: /^1\./ }).click();
  assert.equal(await page.locator('#f-staff-employees').inputValue(), '120');
  await page.locator('.summary [data-tier="sme_size"]').waitFor();
  await checkAndClose(opened);
});
