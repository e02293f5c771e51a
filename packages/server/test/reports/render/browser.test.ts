// Opens the HTML report in a real headless Chromium (Debian's /usr/bin/chromium) and checks
// the rendered page: charts drawn with real sizes, Chinese text, no script run, nothing fetched,
// and a screenshot close to the committed baseline.

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderHtml } from '../../../src/reports/render/index.js';
import { CHROMIUM_PATH, isLocal, launchOfflineBrowser, type OfflineBrowser } from './support/browser.js';
import { comparePixels, decodePng, encodePng } from './support/png.js';
import { dailyRows, SHOWCASE_TITLE, showcaseDocument, storeSalesRows } from './support/showcase.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BASELINE = join(HERE, 'baseline', 'report-page.png');
const OUTPUT_DIR = join(HERE, '../../../../../test-output/reports-render');
const UPDATE_BASELINE = process.env.BOH_UPDATE_SCREENSHOTS === '1';

/** A pixel counts as changed when a channel moves by more than this (0–255). */
const PIXEL_THRESHOLD = 48;
/** The share of changed pixels tolerated, for font hinting and anti-aliasing across builds. */
const MAX_CHANGED_SHARE = 0.01;

const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  console.warn(`Skipping the browser tests: ${CHROMIUM_PATH} is absent. Install Debian's chromium package to run them.`);
}

describe.skipIf(!hasChromium)(`HTML report in headless Chromium (needs ${CHROMIUM_PATH})`, () => {
  let server: Server;
  let baseUrl: string;
  let browser: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    const html = await renderHtml(showcaseDocument());
    await mkdir(OUTPUT_DIR, { recursive: true });
    await writeFile(join(OUTPUT_DIR, 'report-page.html'), html);

    // A page with an external image proves that the request guard catches and aborts such requests.
    const controlPage = '<!DOCTYPE html><html><body><img src="http://example.invalid/pixel.png" alt=""></body></html>';
    server = createServer((request, response) => {
      const pages: Record<string, string> = { '/control.html': controlPage, '/report.html': html };
      const body = pages[request.url ?? ''];
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await launchOfflineBrowser();
    page = await browser.context.newPage();
    await page.goto(`${baseUrl}/report.html`, { waitUntil: 'load' });
    // A string expression, because this file is type-checked without the DOM library.
    await page.evaluate('document.fonts.ready');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('draws every chart with a visible size', async () => {
    const charts = page.locator('svg.chart');
    const kinds = await charts.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-chart-kind')));
    expect(kinds).toEqual(['bar', 'stacked_bar', 'donut', 'line', 'pie']);

    for (const box of await charts.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()))) {
      expect(box.width).toBeGreaterThan(100);
      expect(box.height).toBeGreaterThan(100);
    }
  });

  it('bar chart has one bar per row', async () => {
    const bars = page.locator('svg[data-chart-kind="bar"] rect.bar');
    expect(await bars.count()).toBe(storeSalesRows.length);
    for (const box of await bars.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()))) {
      expect(box.width).toBeGreaterThan(0);
      expect(box.height).toBeGreaterThan(0);
    }
  });

  it('stacked bar chart has one segment per non-zero value', async () => {
    const nonZero = storeSalesRows.flatMap((row) => [row.dine_in, row.delivery, row.refunds]).filter((value) => value !== 0);
    expect(await page.locator('svg[data-chart-kind="stacked_bar"] rect.bar').count()).toBe(nonZero.length);
  });

  it('line chart has one point per day and a drawn line', async () => {
    expect(await page.locator('svg[data-chart-kind="line"] circle.point').count()).toBe(dailyRows.length);
    const line = await page.locator('svg[data-chart-kind="line"] path.line').boundingBox();
    expect(line?.width).toBeGreaterThan(300);
  });

  it('pie and donut have one slice per positive value', async () => {
    expect(await page.locator('svg[data-chart-kind="donut"] path.slice').count()).toBe(storeSalesRows.length);
    expect(await page.locator('svg[data-chart-kind="pie"] path.slice').count()).toBe(dailyRows.length);
  });

  it('shows the Chinese title and chart text', async () => {
    expect(await page.title()).toBe(SHOWCASE_TITLE);
    expect(await page.locator('h1').textContent()).toBe(SHOWCASE_TITLE);
    const chartTitles = await page.locator('svg.chart text.chart-title').allTextContents();
    expect(chartTitles).toContain('堂食销售额');
    const axisTitles = await page.locator('svg[data-chart-kind="bar"] .axis-title').allTextContents();
    expect(axisTitles).toEqual(['堂食（元）', '门店名称']);
  });

  it('shows markup in a cell as text and runs no script', async () => {
    expect(await page.evaluate('typeof window.__injected')).toBe('undefined');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('td', { hasText: '<script>window.__injected = 1</script>店' }).count()).toBe(1);
  });

  it('makes no request beyond loopback', async () => {
    expect(browser.blockedRequests).toEqual([]);
    expect(browser.allRequests.filter((url) => !isLocal(url))).toEqual([]);
    expect(browser.allRequests).toContain(`${baseUrl}/report.html`);
  });

  it('request guard blocks and counts an external request', async () => {
    const control = await browser.context.newPage();
    await control.goto(`${baseUrl}/control.html`, { waitUntil: 'load' });
    await control.close();
    expect(browser.blockedRequests).toEqual(['http://example.invalid/pixel.png']);
    browser.blockedRequests.length = 0;
  });

  it('screenshot matches the baseline', async () => {
    const screenshot = await page.screenshot({ fullPage: true, animations: 'disabled' });
    await writeFile(join(OUTPUT_DIR, 'report-page.png'), screenshot);

    if (UPDATE_BASELINE) {
      await writeFile(BASELINE, screenshot);
      return;
    }
    if (!existsSync(BASELINE)) {
      throw new Error(`No baseline at ${BASELINE}. Review ${join(OUTPUT_DIR, 'report-page.png')}, then run with BOH_UPDATE_SCREENSHOTS=1.`);
    }

    const actual = decodePng(screenshot);
    const expected = decodePng(await readFile(BASELINE));
    expect({ width: actual.width, height: actual.height }).toEqual({ width: expected.width, height: expected.height });
    const comparison = comparePixels(actual, expected, PIXEL_THRESHOLD);
    await writeFile(join(OUTPUT_DIR, 'report-page.diff.png'), encodePng(comparison.diff));
    expect(comparison.differentPixels / comparison.totalPixels).toBeLessThanOrEqual(MAX_CHANGED_SHARE);
  });
});
