// `boh import footfall` and `boh template footfall`: visitors (客流) per store and business date,
// whole-day or hourly, for the footfall conversion of the store-performance report.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type BohClient } from '@boh/sdk';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows, importHarness } from './support.js';

const h = importHarness();
let boh: BohClient;

beforeAll(async () => {
  boh = createClient({ baseUrl: h.server.url, token: h.env.BOH_TOKEN! });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
  await boh.stores.create({ code: '0002', name: '徐家汇店' });
});
afterAll(() => boh.close());

/** Run the store-performance report for a period as JSON and return the run. */
async function storePerformance(period: string, language = 'en'): Promise<any> {
  const out = `report-${period}-${language}`;
  const result = await h.boh(['report', 'store-performance', '--period', period, '--format', 'json', '--out', out, '--json'], { BOH_LANG: language });
  expect(result.code, result.stderr).toBe(0);
  const [file] = JSON.parse(result.stdout).files as string[];
  return JSON.parse(readFileSync(join(h.folder, file!), 'utf8'));
}

/** Return the warning notes of a report run in one language. */
function warnings(run: any, language: string): string[] {
  return run.notes.filter((note: { severity: string }) => note.severity === 'warning').map((note: { text: Record<string, string> }) => note.text[language]);
}

/** Return the reason (last cell) of each row of an error workbook, below its header. */
async function errorReasons(name: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(h.folder, name));
  const reasons: string[] = [];
  workbook.worksheets[0]!.eachRow((row, number) => {
    if (number > 1) reasons.push(String((row.values as unknown[]).at(-1)));
  });
  return reasons;
}

/** Return the by-store rows of a store-performance run, by store code. */
function byStore(run: any): Map<string, Record<string, unknown>> {
  const section = run.sections.find((candidate: { key: string }) => candidate.key === 'by_store');
  return new Map(section.rows.map((row: Record<string, unknown>) => [row.store_code as string, row]));
}

describe('footfall import', () => {
  it('names the import command when footfall is missing', async () => {
    const run = await storePerformance('2026-10', 'zh-CN');
    expect(warnings(run, 'zh-CN')).toContain('本期间没有客流数据，客流转化率留空。请用 `boh import footfall` 导入客流（或调用 POST /footfall-counts）。');
    expect(warnings(run, 'en')).toContain('No footfall counts were recorded for this period, so footfall conversion is left empty. Import them with `boh import footfall` (or POST /footfall-counts).');
  });

  it('reads a Chinese-header CSV with hour slots', async () => {
    const file = [
      '门店编码,营业日,时段,进店人数',
      '0001,2026-11-01,10:00-11:00,50',
      '0001,2026-11-01,11:00-12:00,65',
      '0002,2026-11-01,,400',
      '0001,2026-11-01,,300',
      '0002,2026-11-02,10:00-12:00,30',
    ].join('\r\n');
    const result = await h.boh(['import', 'footfall', h.file('客流.csv', file), '--json'], { BOH_LANG: 'zh-CN' });
    expect(result.code, result.stderr).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 5, created: 3, updated: 0, unchanged: 0, rejected: 2 });

    const errors = csvRows(h.read('客流.errors.csv'));
    expect(errors[1]!.at(-1)).toBe(
      '第 5 行第 3 列（时段）：门店“0001”2026-11-01 已有分时客流（2 个小时，共 115 人），而同一门店同一天只能有一条全天客流或若干条分时客流，不能两者并存；请按小时填写该日客流，或删除此行',
    );
    expect(errors[2]!.at(-1)).toContain('“10:00-12:00”不是一小时的时段');
  });

  it('leaves the same file unchanged', async () => {
    const result = await h.boh(['import', 'footfall', h.file('again.csv', h.read('客流.csv')), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 5, created: 0, updated: 0, unchanged: 3, rejected: 2 });
    expect(csvRows(h.read('again.errors.csv'))[1]!.at(-1)).toContain('store "0001" has hourly counts for 2026-11-01 (2 hours, 115 visitors in all)');
  });

  it('reads a daily export without an hour column', async () => {
    const file = ['门店编码,营业日,客流', '0002,2026-10-03,410', '0002,2026-10-04,395'].join('\r\n');
    const result = await h.boh(['import', 'footfall', h.file('daily.csv', file), '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 2, created: 2, rejected: 0 });
  });

  it('imports a filled-in template workbook', async () => {
    const template = await h.boh(['template', 'footfall', '--output', 'footfall-template.xlsx', '--lang', 'zh-CN']);
    expect(template.code, template.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(h.folder, 'footfall-template.xlsx'));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('客流');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['门店编码', '营业日', '小时', '客流']);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['0001', '2026-11-01', 10, 86]);

    sheet.getRow(2).getCell(2).value = '2026-11-02';
    sheet.getRow(2).getCell(3).value = 9;
    sheet.getRow(2).getCell(4).value = 40;
    sheet.getRow(3).values = ['0002', '2026-11-02', null, 420];
    sheet.getRow(4).values = ['0002', '2026-11-01', 12, 35];
    // A time cell, as a spreadsheet stores 13:00 typed into a time-formatted column.
    sheet.getRow(5).values = ['0001', '2026-11-02', new Date(Date.UTC(1899, 11, 30, 13)), 25];
    sheet.getRow(5).getCell(3).numFmt = 'hh:mm';
    await workbook.xlsx.writeFile(join(h.folder, '客流-填好.xlsx'));

    const result = await h.boh(['import', 'footfall', '客流-填好.xlsx', '--json']);
    expect(result.code, result.stderr).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 4, created: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(await errorReasons('客流-填好.errors.xlsx')).toEqual([
      'Line 4, column 3 (小时): store "0002" has a whole-day count of 400 visitors for 2026-11-01, and a store day holds either one whole-day count or hourly counts, never both; leave the hour empty to replace the whole-day count, or remove this row',
    ]);
  });

  it('feeds the store-performance report', async () => {
    const run = await storePerformance('2026-11');
    const rows = byStore(run);
    // 0001: 50 + 65 on the 1st, 40 + 25 on the 2nd; 0002: 400 on the 1st, 420 on the 2nd.
    expect(rows.get('0001')!.visitors).toBe(180);
    expect(rows.get('0002')!.visitors).toBe(820);
    expect(warnings(run, 'en').some((text) => text.includes('footfall'))).toBe(false);
  });
});
