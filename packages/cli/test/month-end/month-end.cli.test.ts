import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../../test-support/cli.js';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { writeDemoFiles, type DemoFiles } from '../../src/demo/files.js';
import { loadProfiles, parseStatementFile } from '../../src/statements/index.js';

/**
 * Write a bank statement (招商银行 layout) that pays each channel statement's net per day on the
 * next day (T+1), with the payer a bank statement names for the channel, and one unrelated credit.
 */
async function bankStatementFor(statementFiles: readonly string[]): Promise<string> {
  const profiles = await loadProfiles();
  const payer: Record<string, string> = { wechat: '财付通支付科技有限公司', alipay: '支付宝（中国）网络技术有限公司' };
  const rows: string[] = [];
  for (const file of statementFiles) {
    const parsed = await parseStatementFile(file, { profiles });
    const nets = new Map<string, number>();
    for (const line of parsed.lines) {
      if (line.kind === 'transfer' || line.kind === 'other' || line.businessDate === null) continue;
      nets.set(line.businessDate, (nets.get(line.businessDate) ?? 0) + line.netMilliFen);
    }
    for (const [date, milli] of nets) {
      const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      rows.push(`${next},人民币,${(Math.round(milli / 1000) / 100).toFixed(2)},0.00,入账,${payer[parsed.channel]},结算`);
    }
  }
  rows.push(`${PERIOD}-15,人民币,800.00,0.00,入账,张三,转账`);
  return `\ufeff记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\r\n${rows.sort().join('\r\n')}\r\n`;
}

// `boh month-end` against the suite's server (SQLite or PostgreSQL), on a small generated chain.
const PERIOD = '2026-11';
const folder = mkdtempSync(join(tmpdir(), 'boh-month-end-cli-'));
let server: TestServer;
let env: Record<string, string>;
let files: DemoFiles;

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  files = writeDemoFiles(folder, { period: PERIOD, stores: 1, seed: 5 });
  for (const { resource, file } of files.masterData) {
    const result = await runBoh(['import', resource, file, '--no-files'], { env, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
  }
  const opening = await runBoh(['import', 'opening_stock', files.openingStock, '--no-files'], { env, timeoutMs: 60_000 });
  expect(opening.code, opening.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

const args = (...extra: string[]) => ['month-end', '--period', PERIOD, '--orders', files.orders, '--statement', files.statements[0]!, '--statement', files.statements[1]!, '--out', join(folder, 'pack'), ...extra];

describe('boh month-end', () => {
  let first: Awaited<ReturnType<typeof runBoh>>;

  beforeAll(async () => {
    first = await runBoh(args('--json'), { env, timeoutMs: 240_000 });
  }, 300_000);

  it('stops with exit code 7 while differences are unexplained', () => {
    expect(first.code, first.stderr).toBe(7);
    const summary = JSON.parse(first.stdout) as { close: { closed: boolean; failing: string[] } };
    expect(summary.close.closed).toBe(false);
    expect(summary.close.failing).toEqual(['reconciliations']);
    const steps = (JSON.parse(first.stdout) as { steps: { id: string; summary: { other_months?: unknown } }[] }).steps;
    // The demo's orders that cross midnight at month end stay in the period by business date.
    expect(steps[0]!.summary.other_months).toEqual({ count: 0, months: [] });
  });

  it('reports each step as a JSON line', () => {
    const events = first.stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { step: string; status: string });
    const done = events.filter((event) => event.status === 'done').map((event) => event.step);
    expect(done).toEqual(['orders:pos-orders-2026-11.csv', 'reconcile:wechat', 'reconcile:alipay', 'pack']);
    const unfinished = events.filter((event) => event.status === 'unfinished').map((event) => event.step);
    expect(unfinished).toEqual(['close']);
  });

  it('writes the close status into the pack', () => {
    const status = JSON.parse(readFileSync(join(folder, 'pack', `close-status-${PERIOD}.json`), 'utf8')) as { ready: boolean; checks: { key: string; ok: boolean }[] };
    expect(status.ready).toBe(false);
    expect(status.checks.find((check) => check.key === 'reconciliations')?.ok).toBe(false);
    expect(status.checks.find((check) => check.key === 'trial_balance_balanced')?.ok).toBe(true);
  });

  it('reports the unexplained items the reconciliations hold', async () => {
    const runs = await send(server.url, 'GET', `/reconciliations?period=${PERIOD}`, { token: env.BOH_TOKEN });
    const unexplained = (runs.body.data as { unexplained: { count: number } }[]).reduce((sum, run) => sum + run.unexplained.count, 0);
    const report = await send(server.url, 'POST', '/report-runs', { token: env.BOH_TOKEN, body: { report: 'reconciliation-status', period: PERIOD } });
    expect(report.status).toBe(201);
    const section = (report.body.sections as { key: string; totals: Record<string, number> | null }[]).find((each) => each.key === 'by_channel')!;
    expect(unexplained).toBeGreaterThan(0);
    expect(section.totals?.unexplained_count).toBe(unexplained);
  });

  it('gives the same reconciliation when it is run again', async () => {
    const steps = (JSON.parse(first.stdout) as { steps: { id: string; summary: { states: unknown; unexplained: unknown } }[] }).steps;
    for (const [channel, file] of [['wechat', files.statements[0]!], ['alipay', files.statements[1]!]] as const) {
      const before = steps.find((step) => step.id === `reconcile:${channel}`)!.summary;
      const again = await runBoh(['reconcile', channel, '--statement', file, '--period', PERIOD, '--out', join(folder, 'again'), '--json'], { env, timeoutMs: 120_000 });
      expect(again.code, again.stderr).toBe(0);
      const reconciliation = JSON.parse(again.stdout) as { summary: { states: unknown }; unexplained: unknown };
      expect(reconciliation.summary.states).toEqual(before.states);
      expect(reconciliation.unexplained).toEqual(before.unexplained);
    }
  }, 300_000);

  it('skips the imports and reconciliations on a re-run and says the close is not done', async () => {
    const again = await runBoh(args(), { env, timeoutMs: 240_000 });
    expect(again.code).toBe(7);
    const lines = again.stderr.split('\n');
    expect(lines.filter((line) => line.endsWith(': already done, skipped'))).toHaveLength(3);
    expect(lines).toContain(`4/5 Close checklist and close ${PERIOD}: not done: the period stays open, because these checklist items are not met: reconciliations`);
  }, 300_000);

  it('closes the period once finance accepts the reconciliations', async () => {
    const result = await runBoh(args('--accept', 'reconciliations', '--lang', 'zh-CN'), { env, timeoutMs: 240_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`期间 ${PERIOD} 已结账`);
    const period = await send(server.url, 'GET', `/ledger/periods/${PERIOD}`, { token: env.BOH_TOKEN });
    expect(period.body.status).not.toBe('open');
  }, 300_000);

  it('warns of orders dated in other months', async () => {
    const mixed = join(folder, 'orders-2026-12.csv');
    const header = '\ufeff订单号,门店编码,下单时间,渠道,客人数,菜品编码,数量,单价,优惠,支付方式,实收,交易号,商户订单号';
    const order = (number: string, at: string) => `${number},E001,${at},dine_in,1,D-LATTE,1,32.00,0.00,cash,32.00,,`;
    writeFileSync(mixed, [header, order('M-1', '2026-12-03 10:00:00'), order('M-2', '2027-01-02 10:00:00'), order('M-3', '2027-02-01 09:00:00'), order('M-4', '2027-01-05 12:00:00')].join('\r\n') + '\r\n');
    const out = join(folder, 'pack-12-mixed');
    const english = await runBoh(['month-end', '--period', '2026-12', '--orders', mixed, '--out', out, '--no-close', '--lang', 'en'], { env, timeoutMs: 180_000 });
    expect(english.stdout, english.stderr).toContain('Warning: orders-2026-12.csv has 3 orders whose business date is not in 2026-12 (2027-01, 2027-02)');

    // The re-run skips the import and still warns, from the saved step summary.
    const chinese = await runBoh(['month-end', '--period', '2026-12', '--orders', mixed, '--out', out, '--no-close', '--lang', 'zh-CN', '--json'], { env, timeoutMs: 180_000 });
    const steps = (JSON.parse(chinese.stdout) as { steps: { id: string; skipped: boolean; summary: { other_months?: unknown } }[] }).steps;
    expect(steps[0]).toMatchObject({ id: 'orders:orders-2026-12.csv', skipped: true, summary: { other_months: { count: 3, months: ['2027-01', '2027-02'] } } });
    const text = await runBoh(['month-end', '--period', '2026-12', '--orders', mixed, '--out', out, '--no-close', '--lang', 'zh-CN'], { env, timeoutMs: 180_000 });
    expect(text.stdout).toContain('警告：orders-2026-12.csv 中有 3 笔订单的营业日期不在 2026-12（2027-01、2027-02），已记入这些月份。');
  }, 600_000);

  it('stops at orders that are rejected, with exit code 6', async () => {
    const bad = join(folder, 'bad-orders.csv');
    writeFileSync(bad, '\ufeff订单号,门店编码,下单时间,渠道,菜品编码,数量,单价,支付方式,实收\r\nX-1,NOPE,2026-12-03 10:00:00,dine_in,D-LATTE,1,32.00,cash,32.00\r\n');
    const result = await runBoh(['month-end', '--period', '2026-12', '--orders', bad, '--out', join(folder, 'pack-12')], { env, timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(6);
    expect(result.stderr).toContain('bad-orders.csv');
    expect(result.stderr).toContain('orders:bad-orders.csv');
  }, 180_000);

  it('rejects a missing file before any step', async () => {
    const out = join(folder, 'pack-missing');
    const result = await runBoh(['month-end', '--period', PERIOD, '--orders', join(folder, 'nope.csv'), '--out', out], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope.csv');
    expect(existsSync(out)).toBe(false);
  });

  it('reconciles a bank statement against the channel settlements', async () => {
    const bank = join(folder, 'bank.csv');
    writeFileSync(bank, await bankStatementFor(files.statements));
    const out = join(folder, 'pack-bank');
    const result = await runBoh(['reconcile', 'bank', '--statement', bank, '--period', PERIOD, '--out', out, '--json'], { env, timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const reconciliation = JSON.parse(result.stdout) as { channel: string; summary: { states: Record<string, { count: number }> }; unexplained: { count: number } };
    expect(reconciliation.channel).toBe('bank');
    expect(reconciliation.summary.states['matched']!.count).toBeGreaterThan(20);
    expect(reconciliation.summary.states['unrelated']!.count).toBe(1);
    expect(reconciliation.unexplained.count).toBe(0);
    expect(existsSync(join(out, `reconciliation-bank-${PERIOD}.xlsx`))).toBe(true);
  }, 180_000);

  it('runs the bank step after the channels', async () => {
    const bank = join(folder, 'bank.csv');
    const out = join(folder, 'pack-bank-month-end');
    const result = await runBoh(['month-end', '--period', PERIOD, '--statement', files.statements[0]!, '--statement', bank, '--out', out, '--no-close', '--json'], { env, timeoutMs: 180_000 });
    const events = result.stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { step: string; status: string });
    const done = events.filter((event) => event.status === 'done').map((event) => event.step);
    expect(done.slice(0, 2), result.stderr).toEqual(['reconcile:wechat', 'reconcile:bank']);
  }, 240_000);

  it('rejects a malformed period', async () => {
    const result = await runBoh(['month-end', '--period', '2026-13', '--orders', files.orders], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2026-13');
  });
});
