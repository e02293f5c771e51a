// Opens the overview page of the demo's month-end pack in headless Chromium, as a finance user
// opens it from the folder: the charts are drawn, the texts are Chinese, nothing is fetched from
// the network, and a screenshot stays close to the committed baseline.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runBoh } from '../../../../test-support/cli.js';
import { CHROMIUM_PATH, isLocal, launchOfflineBrowser, type OfflineBrowser } from '../../../server/test/reports/render/support/browser.js';
import { comparePixels, decodePng, encodePng } from '../../../server/test/reports/render/support/png.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BASELINE = join(HERE, 'baseline', 'demo-overview.png');
const OUTPUT_DIR = join(HERE, '../../../../test-output/demo-overview');
const UPDATE_BASELINE = process.env.BOH_UPDATE_SCREENSHOTS === '1';
const PIXEL_THRESHOLD = 48;
// The page shows when it was generated; that line is the only part that changes between runs.
const MAX_CHANGED_SHARE = 0.01;

describe.skipIf(!existsSync(CHROMIUM_PATH))('demo overview page in headless Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'boh-demo-overview-'));
  let browser: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    const result = await runBoh(['--lang', 'zh-CN', 'demo', '--out', folder, '--stores', '2', '--period', '2026-11', '--seed', '11'], { timeoutMs: 240_000 });
    expect(result.code, result.stderr).toBe(0);

    browser = await launchOfflineBrowser();
    page = await browser.context.newPage();
    await page.goto(pathToFileURL(join(folder, 'pack', 'overview.html')).href, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('draws its charts', async () => {
    const boxes = await page.locator('svg.chart').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()));
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    for (const box of boxes) {
      expect(box.width).toBeGreaterThan(100);
      expect(box.height).toBeGreaterThan(100);
    }
  });

  it('is in Chinese', async () => {
    expect(await page.locator('h1').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.locator('body').textContent()).toContain('门店');
  });

  it('loads nothing beyond the machine', () => {
    expect(browser.blockedRequests).toEqual([]);
    expect(browser.allRequests.filter((url) => !isLocal(url))).toEqual([]);
  });

  it('screenshot matches the baseline', async () => {
    const screenshot = await page.screenshot({ fullPage: true, animations: 'disabled' });
    await mkdir(OUTPUT_DIR, { recursive: true });
    await writeFile(join(OUTPUT_DIR, 'overview.png'), screenshot);
    if (UPDATE_BASELINE) {
      await writeFile(BASELINE, screenshot);
      return;
    }
    if (!existsSync(BASELINE)) throw new Error(`No baseline at ${BASELINE}. Review ${join(OUTPUT_DIR, 'overview.png')}, then run with BOH_UPDATE_SCREENSHOTS=1.`);

    const actual = decodePng(screenshot);
    const expected = decodePng(await readFile(BASELINE));
    expect({ width: actual.width, height: actual.height }).toEqual({ width: expected.width, height: expected.height });
    const comparison = comparePixels(actual, expected, PIXEL_THRESHOLD);
    await writeFile(join(OUTPUT_DIR, 'overview.diff.png'), encodePng(comparison.diff));
    expect(comparison.differentPixels / comparison.totalPixels).toBeLessThanOrEqual(MAX_CHANGED_SHARE);
  });
});
