import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { BOH_BIN, runBoh, type CliResult } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

// Ctrl-C while `boh statement load` sends a statement: the command prints how far it got and
// exits with 130, and loading the same file again replaces the open statement.

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-statement-interrupt-'));
const bill = join(folder, 'wechat-2024-01.csv');

// A WeChat Pay merchant bill of 12,000 payments, so the SDK sends it in three batches of 5,000.
// SIGINT goes out when the first batch is confirmed; on a slow machine the second may be
// confirmed too before the signal lands, so the checks accept either count.
const HEADER = '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率';
const LINES = 12_000;

function payment(index: number): string {
  const id = String(index).padStart(10, '0');
  const second = String(index % 60).padStart(2, '0');
  return `\`2024-01-05 12:30:${second},\`wx0000000000000001,\`1900000001,\`0,\`POS01,\`420000000020240105${id},\`M2024010500${id},\`oUser0000000001,\`MICROPAY,\`SUCCESS,\`OTHERS,\`CNY,\`10.00,\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`拿铁,\`,\`0.06000,\`0.60%`;
}

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  boh = createClient({ baseUrl: server.url, token });
  const rows = Array.from({ length: LINES }, (_, index) => payment(index + 1));
  writeFileSync(bill, [HEADER, ...rows].join('\n'));
});
afterAll(async () => {
  await boh.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Run `boh` and send it SIGINT once its stderr contains `trigger`. */
function runUntil(args: string[], extraEnv: Record<string, string>, trigger: string): Promise<CliResult> {
  const child = spawn(process.execPath, [BOH_BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!sent && stderr.includes(trigger)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGINT' ? -2 : -9), stdout, stderr });
    });
  });
}

describe('Ctrl-C during boh statement load', () => {
  it('prints what was stored and exits 130', async () => {
    const result = await runUntil(['statement', 'load', bill, '--period', '2024-01'], { BOH_LANG: 'en' }, `stored 5000 of ${LINES} lines`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`Interrupted while storing ${bill}: the server had confirmed (5000|10000) of ${LINES} lines\\.`));
    expect(result.stderr).toContain('loading the same file again replaces it.');

    const stored = await boh.statements.list({ period: '2024-01' });
    expect(stored.data.map((statement) => statement.status)).toEqual(['open']);
  }, 90_000);

  it('prints it in Chinese', async () => {
    const result = await runUntil(['statement', 'load', bill, '--period', '2024-01'], { BOH_LANG: 'zh-CN' }, `已导入 5000/${LINES} 行`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`导入 ${bill} 时被中断：服务器已确认 (5000|10000)/${LINES} 行。该对账单处于未完成状态，不会用于对账；再次导入同一文件时会替换它。`));
  }, 90_000);

  it('stops boh reconcile the same way', async () => {
    const args = ['reconcile', 'wechat', '--statement', bill, '--period', '2024-01', '--out', join(folder, 'reconcile')];
    const result = await runUntil(args, { BOH_LANG: 'en' }, `stored 5000 of ${LINES} lines`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`Interrupted while storing ${bill}: the server had confirmed (5000|10000) of ${LINES} lines\\.`));
  }, 90_000);

  it('names the files stored before the interruption', async () => {
    const small = join(folder, 'wechat-small-2024-01.csv');
    writeFileSync(small, [HEADER, payment(LINES + 1), payment(LINES + 2)].join('\n'));
    const result = await runUntil(['statement', 'load', small, bill, '--period', '2024-01'], { BOH_LANG: 'en' }, `${bill}: stored 5000 of ${LINES} lines`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`Stored completely before the interruption: ${small} \\(stm_\\w+\\)\\.`));
  }, 90_000);

  it('loads the same file again in full', async () => {
    const result = await runBoh(['statement', 'load', bill, '--period', '2024-01', '--json'], { env, timeoutMs: 90_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({ loaded: true, lines: LINES });
    const stored = await boh.statements.list({ period: '2024-01' });
    const big = stored.data.filter((statement) => statement.file_name === 'wechat-2024-01.csv');
    expect(big.map((statement) => [statement.status, statement.lines_received])).toEqual([['finished', LINES]]);
  }, 90_000);
});
