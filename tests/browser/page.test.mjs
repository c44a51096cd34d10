// The offline reference page (`secstatus list --format html`) in headless Chromium: the shared search vectors,
// deep links, the phone layout, no console error and no network request. Writes the screenshots in docs/.
//
// Run from the repository root after `cargo build --release -p secstatus-cli`: `node --test tests/browser/`.
// SECSTATUS_BIN and CHROMIUM override the binary's and the browser's paths.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.SECSTATUS_BIN || join(root, 'target', 'release', 'secstatus');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const vectors = readFileSync(join(root, 'crates/secstatus-cli/tests/fixtures/queries.tsv'), 'utf8')
  .split('\n')
  .map((line, i) => ({ line: i + 1, text: line }))
  .filter(({ text }) => text && !text.startsWith('#'))
  .map(({ line, text }) => {
    const [query, expected = ''] = text.split('\t');
    return { line, query, expected: expected.split(';').filter(Boolean) };
  });

let work, browser, pageUrl, pagePath;
// One browser with a fresh profile; each check opens its own page in it.

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'secstatus-page-'));
  pagePath = join(work, 'sspi.html');
  writeFileSync(pagePath, execFileSync(bin, ['list', '--format', 'html', '--lang', 'en']));
  pageUrl = pathToFileURL(pagePath).href;
  // A fresh --user-data-dir: Playwright passes the profile directory to Chromium as that flag.
  browser = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// A fresh page that records every request and every console error or page error.
async function open(url, { width = 1280, height = 900, blockStorage = false } = {}) {
  const page = await browser.newPage();
  const context = page;
  await page.setViewportSize({ width, height });
  if (blockStorage) {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
  }
  const requests = [];
  const errors = [];
  page.on('request', r => requests.push(r.url()));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url);
  return { page, context, requests, errors };
}

const visible = page => page.$$eval('tbody tr:not([hidden])', rows => rows.map(r => r.id));

test('every shared vector: the first expected code is the first result, the others are shown', async () => {
  const { page, context, requests, errors } = await open(pageUrl);
  const failures = [];
  for (const v of vectors) {
    await page.fill('#q', v.query);
    const shown = await visible(page);
    const ok = v.expected.length
      ? shown[0] === v.expected[0] && v.expected.every(n => shown.includes(n))
      : shown.length === 0;
    if (!ok) failures.push(`line ${v.line} ${JSON.stringify(v.query)}: expected ${v.expected}, shown ${shown.slice(0, 5)}`);
  }
  assert.ok(vectors.length >= 40, `${vectors.length} vectors`);
  assert.deepEqual(failures, []);
  // The count is announced.
  await page.fill('#q', 'clock');
  assert.equal(await page.getAttribute('#count', 'aria-live'), 'polite');
  assert.match(await page.textContent('#count'), /^\d+ of 94 codes$/);
  await page.fill('#q', '');
  assert.equal((await visible(page)).length, 94);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [pageUrl]);
  await context.close();
});

test('a deep link opens, expands and scrolls to its code', async () => {
  const { page, context, requests, errors } = await open(`${pageUrl}#SEC_E_TIME_SKEW`);
  const row = page.locator('#SEC_E_TIME_SKEW');
  assert.equal(await row.getAttribute('class'), 'error target');
  assert.equal(await row.locator('.more').getAttribute('aria-expanded'), 'true');
  assert.ok(await row.locator('.details').isVisible());
  const box = await row.boundingBox();
  assert.ok(box.y >= 0 && box.y < 400, `row at ${box.y}`);
  // The row is not under the sticky search bar.
  const bar = await page.locator('.bar').boundingBox();
  assert.ok(box.y >= bar.y + bar.height - 1, `row at ${box.y}, bar ends at ${bar.y + bar.height}`);
  // An alias leads to its code.
  await page.evaluate(() => { location.hash = '#SEC_E_NO_SPM'; });
  await page.waitForFunction(() => document.querySelector('#SEC_E_INTERNAL_ERROR').classList.contains('target'));
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [pageUrl]);
  await context.close();
});

test('?q= searches on load', async () => {
  const { page, context, requests, errors } = await open(`${pageUrl}?q=${encodeURIComponent('KRB_AP_ERR_SKEW')}`);
  assert.equal(await page.inputValue('#q'), 'KRB_AP_ERR_SKEW');
  assert.equal((await visible(page))[0], 'SEC_E_TIME_SKEW');
  assert.deepEqual(errors, []);
  assert.equal(requests.length, 1);
  assert.ok(requests[0].startsWith(pageUrl));
  await context.close();
});

test('the controls are named and the language choice survives a reload', async () => {
  const { page, context, errors } = await open(pageUrl);
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await page.getByLabel('Search codes').count(), 1);
  const more = page.locator('#SEC_E_LOGON_DENIED .more');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.match(await more.innerText(), /^details/);
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  await page.click('#ru');
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.match(await page.locator('#SEC_E_TIME_SKEW .more').innerText(), /^подробнее/);
  await page.reload();
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.match(await page.textContent('#count'), /^94 кодов$/);
  // `/` focuses the search box.
  await page.locator('h1').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  // Back to English for the checks after this one.
  await page.click('#en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage blocked: the page still works', async () => {
  const { page, context, errors } = await open(pageUrl, { blockStorage: true });
  await page.click('#ru');
  await page.fill('#q', 'часы');
  assert.equal((await visible(page))[0], 'SEC_E_TIME_SKEW');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a 390 px phone nothing scrolls sideways and the meaning shows; screenshots', async () => {
  const docs = join(root, 'docs');
  mkdirSync(docs, { recursive: true });
  const phone = await open(pageUrl, { width: 390, height: 844 });
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `document is ${width} px wide`);
  const meaning = phone.page.locator('#SEC_E_TIME_SKEW .meaning');
  await meaning.scrollIntoViewIfNeeded();
  assert.ok(await meaning.isVisible());
  const box = await meaning.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `meaning at ${box.x}..${box.x + box.width}`);
  // The search box stays on screen when the page scrolls.
  await phone.page.evaluate(() => window.scrollTo(0, 3000));
  const bar = await phone.page.locator('#q').boundingBox();
  assert.ok(bar.y >= 0 && bar.y < 100, `search box at ${bar.y}`);
  await phone.page.evaluate(() => window.scrollTo(0, 0));
  await phone.page.fill('#q', 'clock');
  await phone.page.screenshot({ path: join(docs, 'reference-page-phone.png') });
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(phone.requests, [pageUrl]);
  await phone.context.close();

  const desktop = await open(`${pageUrl}#SEC_E_TIME_SKEW`, { width: 1280, height: 800 });
  const wide = await desktop.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 1280, `document is ${wide} px wide`);
  await desktop.page.evaluate(() => window.scrollTo(0, 0));
  await desktop.page.screenshot({ path: join(docs, 'reference-page-desktop.png') });
  assert.deepEqual(desktop.errors, []);
  await desktop.context.close();
});
