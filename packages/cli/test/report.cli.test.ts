import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { seedChain } from '../../server/test/reports/support.js';
import { reportMessages } from '../src/commands/report/messages.js';

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token, BOH_LANG: 'en' };
  boh = createClient({ baseUrl: server.url, token });
  await seedChain(boh);
}, 60_000);
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('boh report', () => {
  it('lists the catalogue', async () => {
    const result = await runBoh(['report', 'list', '--json'], { env });
    expect(result.code).toBe(0);
    const names = JSON.parse(result.stdout).map((report: { name: string }) => report.name);
    expect(names).toEqual(['cash', 'inventory', 'labour-cost', 'maintenance', 'overview', 'procurement-trend', 'reconciliation-status', 'store-performance', 'store-pnl']);
  });

  it('writes files with deterministic names', async () => {
    const out = mkdtempSync(join(tmpdir(), 'boh-report-'));
    const result = await runBoh(['report', 'store-pnl', '--period', '2024-01', '--store', '0001', '--out', out, '--format', 'xlsx,csv,json'], { env });
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['store-pnl-2024-01-0001-by_store.csv', 'store-pnl-2024-01-0001.json', 'store-pnl-2024-01-0001.xlsx']);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
    const json = JSON.parse(readFileSync(join(out, 'store-pnl-2024-01-0001.json'), 'utf8'));
    expect(json.sections[0].rows.map((row: { store_code: string }) => row.store_code)).toEqual(['0001']);
  });

  it('prints what data is missing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'boh-report-'));
    const result = await runBoh(['report', 'labour-cost', '--period', '2024-02', '--out', out, '--format', 'html'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No labour hours were recorded for this period');
  });

  it('rejects an unknown format', async () => {
    const result = await runBoh(['report', 'cash', '--period', '2024-01', '--format', 'pdf'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(reportMessages.en['report.error.format'].replace('{value}', 'pdf').replace('{option}', '--format'));
  });

  it('rejects an unknown report name', async () => {
    const names = 'cash, inventory, labour-cost, maintenance, overview, procurement-trend, reconciliation-status, store-performance, store-pnl';
    const result = await runBoh(['report', 'nope', '--period', '2024-01'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(reportMessages.en['report.error.unknown'].replace('{value}', 'nope').replace('{names}', names));
    expect(result.stderr).not.toContain('body.report');
  });

  it('rejects an unknown report name in Chinese', async () => {
    const names = 'cash、inventory、labour-cost、maintenance、overview、procurement-trend、reconciliation-status、store-performance、store-pnl';
    const result = await runBoh(['report', 'nope', '--period', '2024-01'], { env: { ...env, BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(reportMessages['zh-CN']['report.error.unknown'].replace('{value}', 'nope').replace('{names}', names));
    expect(result.stderr).not.toContain('body.report');
  });

  it('writes the month-end reports with overview.html', async () => {
    const out = mkdtempSync(join(tmpdir(), 'boh-month-end-'));
    const result = await runBoh(['report', 'month-end', '--period', '2024-01', '--out', out, '--json'], { env, timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'cash-2024-01.html', 'cash-2024-01.xlsx', 'inventory-2024-01.html', 'inventory-2024-01.xlsx', 'overview.html',
      'reconciliation-status-2024-01.html', 'reconciliation-status-2024-01.xlsx',
      'store-performance-2024-01.html', 'store-performance-2024-01.xlsx', 'store-pnl-2024-01.html', 'store-pnl-2024-01.xlsx',
    ]);
    const overview = readFileSync(join(out, 'overview.html'), 'utf8');
    expect(overview).toContain('<svg');
    expect(overview).toContain('Month-end overview');
    expect(JSON.parse(result.stdout).files).toHaveLength(11);
  }, 90_000);
});
