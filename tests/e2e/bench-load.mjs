// Load benchmark (issue 6): a script, not a test. Run it with `cargo xtask bench-load`, which
// builds the release bundle, serves it and sets BASE_URL.
//
// In headless Chromium, 20 times each:
//   - first visit: a new browser profile (no cache, no service worker), navigation to /step-1 →
//     the first question on screen with its handlers (the app renders and binds in one pass);
//   - repeat visit: the same, with the service worker and cache from a previous visit;
//   - update: typing a staff number → the live summary's 划型 line changed in the DOM.
// Prints the median, the 90th percentile and the range, in milliseconds.

import { BASE_URL, launch } from './support.mjs';

const RUNS = Number(process.env.RUNS ?? 20);
const URL_Q1 = new URL('step-1', BASE_URL).href;

/** Records, from the very start of every document, when the first question appears. */
const MARK_FIRST_QUESTION = () => {
  const seen = () => {
    if (document.getElementById('f-staff-employees') && window.__firstQuestion === undefined) {
      window.__firstQuestion = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
};

async function firstQuestion(page) {
  await page.goto(URL_Q1);
  await page.waitForFunction(() => window.__firstQuestion !== undefined);
  return page.evaluate(() => window.__firstQuestion);
}

async function updateAfterTyping(page, value) {
  return page.evaluate((value) => new Promise((resolve) => {
    const summary = document.querySelector('.summary [data-tier="sme_size"]');
    const input = document.getElementById('f-staff-employees');
    const before = summary.textContent;
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (summary.textContent !== before) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(summary, { childList: true, subtree: true, characterData: true });
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }), value);
}

function stats(name, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const f = (x) => x.toFixed(1).padStart(7);
  console.log(`${name.padEnd(44)} median ${f(median)} ms   p90 ${f(at(0.9))} ms   range ${f(sorted[0])} – ${f(sorted[sorted.length - 1]).trim()} ms   (n=${samples.length})`);
}

const cold = [];
for (let i = 0; i < RUNS; i += 1) {
  const browser = await launch();
  await browser.context.addInitScript(MARK_FIRST_QUESTION);
  const page = await browser.context.newPage();
  cold.push(await firstQuestion(page));
  await browser.close();
}

const warm = [];
const typing = [];
{
  const browser = await launch();
  await browser.context.addInitScript(MARK_FIRST_QUESTION);
  const page = await browser.context.newPage();
  await firstQuestion(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  for (let i = 0; i < RUNS; i += 1) warm.push(await firstQuestion(page));
  await page.locator('#f-industry').selectOption('industry');
  await page.locator('.summary [data-tier="sme_size"]').waitFor();
  for (let i = 0; i < RUNS; i += 1) typing.push(await updateAfterTyping(page, String(100 + (i % 2) * 900)));
  await browser.close();
}

console.log(`SRDI Check load benchmark: ${BASE_URL}, headless Chromium, ${RUNS} runs each`);
stats('first visit: navigation → first question', cold);
stats('repeat visit (service worker): same', warm);
stats('typing a number → summary updated', typing);
