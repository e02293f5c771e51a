import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { runUntil, writeBill } from './interrupt-support.js';

// Ctrl-C in `boh reconcile` after the statement is stored: while the server reconciles, and while
// the workbook is written. The command prints what the server kept, deletes an incomplete file and
// exits with 130.

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-reconcile-interrupt-'));
const bill = join(folder, 'wechat-2024-01.csv');
const out = join(folder, 'out');
const workbook = join(out, 'reconciliation-wechat-2024-01.xlsx');
const differences = join(out, 'reconciliation-wechat-2024-01.json');
const args = ['reconcile', 'wechat', '--statement', bill, '--period', '2024-01', '--out', out];

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  boh = createClient({ baseUrl: server.url, token });
  writeBill(bill);
});
afterAll(async () => {
  await boh.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Resolve once the server has read the whole body of a run request. The CLI prints that it
 * reconciles just before it sends the request, so a signal sent on that line can cancel the
 * request before the server gets it.
 */
function runReceived(): Promise<void> {
  return new Promise((resolve) => {
    const onRequest = (request: IncomingMessage) => {
      if (request.method !== 'POST' || request.url !== '/reconciliations') return;
      server.app.server.off('request', onRequest);
      request.once('end', () => resolve());
    };
    server.app.server.on('request', onRequest);
  });
}

/** Wait until the server lists a reconciliation of the period, and return how many runs it had. */
async function storedRuns(): Promise<number> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const stored = await boh.reconciliations.list({ period: '2024-01' }).toArray({ max: 10 });
    if (stored.length > 0) return stored[0]!.runs;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return 0;
}

describe('Ctrl-C during boh reconcile', () => {
  it('reports a run the server finishes', async () => {
    const result = await runUntil(args, { ...env, BOH_LANG: 'en' }, runReceived());
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(/Interrupted while the server was reconciling\. The statements are stored \(stm_\w+\), and the server still finishes the run/);
    expect(result.stderr).toContain('`boh reconcile list --period 2024-01 --channel wechat`');
    expect(existsSync(workbook)).toBe(false);
    expect(await storedRuns()).toBe(1);
  }, 90_000);

  it('deletes a half-written workbook', async () => {
    const result = await runUntil(args, { ...env, BOH_LANG: 'en' }, `Writing ${workbook}…`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`Interrupted while writing ${workbook}, so the incomplete file was deleted\\. Reconciliation rec_\\w+ is finished and stored on the server`));
    expect(result.stderr).toMatch(/`boh reconcile items rec_\w+ --unexplained`/);
    expect(result.stderr).not.toContain('Written completely');
    expect(existsSync(workbook)).toBe(false);
    expect(existsSync(differences)).toBe(false);
  }, 90_000);

  it('says it in Chinese', async () => {
    const result = await runUntil(args, { ...env, BOH_LANG: 'zh-CN' }, `正在写入 ${workbook}…`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`写入 ${workbook} 时被中断，已删除这个不完整的文件。对账 rec_\\w+ 已在服务器上完成并保存，对账单也已导入（stm_\\w+）。`));
    expect(existsSync(workbook)).toBe(false);
  }, 90_000);
});
