// Opens the store-performance report of the test chain, as the API renders it, in headless
// Chromium: every chart of the definition is drawn, texts are Chinese, and a screenshot stays
// close to the committed baseline.

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';

import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { CHROMIUM_PATH, isLocal, launchOfflineBrowser, type OfflineBrowser } from './render/support/browser.js';
import { comparePixels, decodePng, encodePng } from './render/support/png.js';
import { seedChain } from './support.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BASELINE = join(HERE, 'render', 'baseline', 'store-performance.png');
const OUTPUT_DIR = join(HERE, '../../../../test-output/reports-render');
const UPDATE_BASELINE = process.env.BOH_UPDATE_SCREENSHOTS === '1';
const PIXEL_THRESHOLD = 48;
const MAX_CHANGED_SHARE = 0.01;

describe.skipIf(!existsSync(CHROMIUM_PATH))('store performance in headless Chromium', () => {
  let server: TestServer;
  let boh: BohClient;
  let pageServer: Server;
  let browser: OfflineBrowser;
  let page: Page;
  let pageUrl: string;

  beforeAll(async () => {
    server = await startTestServer({ now: () => new Date('2024-02-01T02:00:00Z') });
    boh = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    await seedChain(boh);
    const run = await boh.reports.run({ report: 'store-performance', period: '2024-01' });
    const html = new TextDecoder().decode(await boh.reports.output(run.id, 'html'));
    await mkdir(OUTPUT_DIR, { recursive: true });
    await writeFile(join(OUTPUT_DIR, 'store-performance.html'), html);

    pageServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/report.html`;

    browser = await launchOfflineBrowser();
    page = await browser.context.newPage();
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
    await boh?.close();
    await server?.close();
  });

  it('draws every chart of the definition', async () => {
    const kinds = await page.locator('svg.chart').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-chart-kind')));
    expect(kinds).toEqual(['bar', 'line', 'bar', 'bar', 'pie', 'donut', 'bar']);
    for (const box of await page.locator('svg.chart').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()))) {
      expect(box.width).toBeGreaterThan(100);
      expect(box.height).toBeGreaterThan(100);
    }
  });

  it('shows Chinese titles and the store bar per store', async () => {
    expect(await page.locator('h1').textContent()).toBe('门店经营业绩');
    expect(await page.locator('svg.chart text.chart-title').allTextContents()).toContain('各门店销售额');
    // The third store sold less than it refunded; its bar goes below the axis but is still drawn.
    expect(await page.locator('svg.chart').first().locator('rect.bar').count()).toBe(3);
  });

  it('loads nothing beyond loopback', () => {
    expect(browser.allRequests.filter((url) => !isLocal(url))).toEqual([]);
  });

  it('screenshot matches the baseline', async () => {
    const screenshot = await page.screenshot({ fullPage: true, animations: 'disabled' });
    await writeFile(join(OUTPUT_DIR, 'store-performance.png'), screenshot);
    if (UPDATE_BASELINE) {
      await writeFile(BASELINE, screenshot);
      return;
    }
    if (!existsSync(BASELINE)) throw new Error(`No baseline at ${BASELINE}. Review ${join(OUTPUT_DIR, 'store-performance.png')}, then run with BOH_UPDATE_SCREENSHOTS=1.`);

    const actual = decodePng(screenshot);
    const expected = decodePng(await readFile(BASELINE));
    expect({ width: actual.width, height: actual.height }).toEqual({ width: expected.width, height: expected.height });
    const comparison = comparePixels(actual, expected, PIXEL_THRESHOLD);
    await writeFile(join(OUTPUT_DIR, 'store-performance.diff.png'), encodePng(comparison.diff));
    expect(comparison.differentPixels / comparison.totalPixels).toBeLessThanOrEqual(MAX_CHANGED_SHARE);
  });
});
