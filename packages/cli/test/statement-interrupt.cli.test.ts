import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { HEADER, LINES, payment, runUntil, writeBill } from './interrupt-support.js';

// Ctrl-C while `boh statement load` sends a statement: the command prints how far it got and
// exits with 130, and loading the same file again replaces the open statement.

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-statement-interrupt-'));
const bill = join(folder, 'wechat-2024-01.csv');

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

describe('Ctrl-C during boh statement load', () => {
  it('prints what was stored and exits 130', async () => {
    const result = await runUntil(['statement', 'load', bill, '--period', '2024-01'], { ...env, BOH_LANG: 'en' }, `stored 5000 of ${LINES} lines`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`Interrupted while storing ${bill}: the server had confirmed (5000|10000) of ${LINES} lines\\.`));
    expect(result.stderr).toContain('loading the same file again replaces it.');

    const stored = await boh.statements.list({ period: '2024-01' });
    expect(stored.data.map((statement) => statement.status)).toEqual(['open']);
  }, 90_000);

  it('prints it in Chinese', async () => {
    const result = await runUntil(['statement', 'load', bill, '--period', '2024-01'], { ...env, BOH_LANG: 'zh-CN' }, `已导入 5000/${LINES} 行`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`导入 ${bill} 时被中断：服务器已确认 (5000|10000)/${LINES} 行。该对账单处于未完成状态，不会用于对账；再次导入同一文件时会替换它。`));
  }, 90_000);

  it('stops boh reconcile the same way', async () => {
    const args = ['reconcile', 'wechat', '--statement', bill, '--period', '2024-01', '--out', join(folder, 'reconcile')];
    const result = await runUntil(args, { ...env, BOH_LANG: 'en' }, `stored 5000 of ${LINES} lines`);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`Interrupted while storing ${bill}: the server had confirmed (5000|10000) of ${LINES} lines\\.`));
  }, 90_000);

  it('names the files stored before the interruption', async () => {
    const small = join(folder, 'wechat-small-2024-01.csv');
    writeFileSync(small, [HEADER, payment(LINES + 1), payment(LINES + 2)].join('\n'));
    const result = await runUntil(['statement', 'load', small, bill, '--period', '2024-01'], { ...env, BOH_LANG: 'en' }, `${bill}: stored 5000 of ${LINES} lines`);
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
