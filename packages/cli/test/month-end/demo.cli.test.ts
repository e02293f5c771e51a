import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh, type CliResult } from '../../../../test-support/cli.js';

// The demo runs on its own embedded SQLite server whatever database the suite is given.
const folder = mkdtempSync(join(tmpdir(), 'boh-demo-cli-'));
let first: CliResult;

beforeAll(async () => {
  first = await runBoh(['demo', '--out', join(folder, 'en'), '--stores', '3', '--period', '2026-11', '--seed', '11', '--json'], { timeoutMs: 240_000 });
}, 300_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('boh demo', () => {
  it('finds exactly the planted differences', () => {
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { exact: boolean; checks: { kind: string; found: boolean; unexpected: boolean; state: string }[]; planted: number };
    expect(summary.exact).toBe(true);
    expect(summary.checks.filter((check) => check.unexpected)).toEqual([]);
    expect(summary.checks.length).toBe(summary.planted);
    expect(new Set(summary.checks.map((check) => check.kind))).toEqual(new Set(['missing_in_statement', 'fee_difference', 'duplicate', 'cut_off']));
  });

  it('lists the planted differences beside its input files', () => {
    const planted = JSON.parse(readFileSync(join(folder, 'en', 'input', 'planted-differences.json'), 'utf8')) as unknown[];
    const summary = JSON.parse(first.stdout) as { planted: number };
    expect(planted.length).toBe(summary.planted);
  });

  it('writes the month-end pack with the overview, workbooks and vouchers', () => {
    const files = readdirSync(join(folder, 'en', 'pack'));
    expect(files).toContain('overview.html');
    expect(files).toContain('reconciliation-wechat-2026-11.xlsx');
    expect(files).toContain('reconciliation-alipay-2026-11.xlsx');
    expect(files.some((name) => name.startsWith('vouchers-2026-11'))).toBe(true);
  });

  it('shows sales per labour hour and footfall conversion', () => {
    const html = readFileSync(join(folder, 'en', 'pack', 'store-performance-2026-11.html'), 'utf8');
    const value = /data-kpi="sales_per_labour_hour_fen">.*?<div class="kpi-value">([^<]*)</.exec(html)?.[1];
    expect(value).toMatch(/^[\d,]+\.\d\d$/);
    const conversion = /data-kpi="conversion_rate">.*?<div class="kpi-value">([^<]*)</.exec(html)?.[1];
    expect(conversion).toMatch(/^\d+(\.\d+)?\s?%$/);
  });

  it('shows payroll and rent as labour and rent', () => {
    const entries = JSON.parse(readFileSync(join(folder, 'en', 'input', 'expense-entries-2026-11.json'), 'utf8')) as { store_code: string; lines: { account_code: string; debit_fen?: number }[] }[];
    const expected = new Map<string, { labour: number; rent: number }>();
    for (const entry of entries) {
      const totals = expected.get(entry.store_code) ?? { labour: 0, rent: 0 };
      for (const line of entry.lines) {
        if (line.account_code === '5601.01') totals.labour += line.debit_fen ?? 0;
        if (line.account_code === '5601.02') totals.rent += line.debit_fen ?? 0;
      }
      expected.set(entry.store_code, totals);
    }
    expect(expected.size).toBe(3);

    // Each store's row: code, name, revenue, cost of goods, gross profit, margin, labour, rent, …
    const html = readFileSync(join(folder, 'en', 'pack', 'store-pnl-2026-11.html'), 'utf8');
    for (const [store, { labour, rent }] of expected) {
      expect(labour).toBeGreaterThan(0);
      expect(rent).toBeGreaterThan(0);
      const row = new RegExp(`<tr><td>${store}</td>(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
      const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]!.trim());
      expect(cells[5]).toBe(yuanText(labour));
      expect(cells[6]).toBe(yuanText(rent));
    }
  });

  it('reports progress as JSON lines on stderr with --json', () => {
    const events = first.stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { step: string; status: string });
    expect(events.some((event) => event.step === 'reconcile:wechat' && event.status === 'done')).toBe(true);
    expect(events.at(-1)).toMatchObject({ step: 'pack', status: 'done' });
  });

  it('prints the findings and the pack in Chinese', async () => {
    const result = await runBoh(['--lang', 'zh-CN', 'demo', '--out', join(folder, 'zh'), '--stores', '2', '--period', '2026-11', '--seed', '11'], { timeoutMs: 240_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('对账找出了');
    expect(result.stdout).toContain('月结资料包');
    expect(result.stdout).toContain('手续费差异');
    expect(existsSync(join(folder, 'zh', 'pack', 'overview.html'))).toBe(true);
  }, 300_000);

  it('rejects a malformed period before writing anything', async () => {
    const result = await runBoh(['demo', '--out', join(folder, 'bad'), '--period', '2026-13']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2026-13');
    expect(existsSync(join(folder, 'bad'))).toBe(false);
  });
});

/** Format fen as the report does: yuan with thousands separators and two decimals. */
function yuanText(fen: number): string {
  return `${Math.floor(fen / 100).toLocaleString('en')}.${String(fen % 100).padStart(2, '0')}`;
}
