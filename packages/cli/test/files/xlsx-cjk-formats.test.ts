import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { parseDate } from '../../src/files/date.js';
import type { FieldSpec } from '../../src/imports/field-spec.js';
import { readValue } from '../../src/imports/values.js';
import { resolveWhen } from '../../src/statements/when.js';
import { describeCell, normaliseText } from '../../src/files/text.js';
import type { ExcelDate } from '../../src/files/types.js';
import { openXlsx } from '../../src/files/xlsx-reader.js';
import { collect, temporaryFiles } from './helpers.js';

// Excel's East Asian built-in number formats 27–36 and 50–58 have no format code in the package:
// the cell style names only the id, and the code depends on the language of the Excel that reads
// it (ECMA-376 Part 1, 18.8.30). The codes per language in the comments below are those that
// exceljs 4.4 lists in lib/xlsx/defaultnumformats.js.

const writeFile = temporaryFiles();
let fileCounter = 0;

// 2024-01-05 08:30 and 08:30 alone, as serials of the 1900 date system.
const DATE_TIME = 45296 + 8.5 / 24;
const TIME = 8.5 / 24;

/**
 * Write one row with `value` in a cell of each built-in format id, then drop the package's own
 * format codes so that the styles name only the ids, as Excel in Chinese writes them.
 */
async function workbookWithIds(ids: readonly number[], value: number | readonly number[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('S');
  ids.forEach((id, index) => {
    const cell = sheet.getCell(1, index + 1);
    cell.value = typeof value === 'number' ? value : value[index]!;
    cell.numFmt = `"id${id}"0.00`;
  });
  fileCounter += 1;
  const path = writeFile(`ids-${fileCounter}.xlsx`, '');
  await workbook.xlsx.writeFile(path);

  const zip = await JSZip.loadAsync(readFileSync(path));
  let styles = await zip.file('xl/styles.xml')!.async('string');
  const customIds = new Map<string, number>();
  for (const match of styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="&quot;id(\d+)&quot;0.00"\/>/g)) customIds.set(match[1]!, Number(match[2]));
  expect(customIds.size).toBe(ids.length);
  styles = styles.replace(/<numFmts[^>]*>[\s\S]*?<\/numFmts>/, '');
  styles = styles.replace(/numFmtId="(\d+)"/g, (whole, id: string) => (customIds.has(id) ? `numFmtId="${customIds.get(id)}"` : whole));
  zip.file('xl/styles.xml', styles);
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
  return path;
}

async function cellsOf(path: string): Promise<ExcelDate[]> {
  const table = await openXlsx(path);
  const rows = await collect(table.rows);
  return rows[0]!.cells as ExcelDate[];
}

// Times in every East Asian language: h"时"mm"分" and h"时"mm"分"ss"秒" (zh-CN), hh"時"mm"分"
// (zh-TW), h"時"mm"分" (ja-JP), h"시" mm"분" (ko-KR).
const TIME_IDS = [32, 33];
// Times with 上午/下午 in Chinese, dates (yyyy"年"m"月", m"月"d"日", yyyy-mm-dd) in Japanese and Korean.
const CHINESE_TIME_IDS = [34, 35, 55, 56];
const CLOCK_IDS = [...TIME_IDS, ...CHINESE_TIME_IDS];
const DATE_IDS = [27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

describe('East Asian built-in formats', () => {
  it('read a time as a time', async () => {
    const cells = await cellsOf(await workbookWithIds(CLOCK_IDS, TIME));
    for (const cell of cells) {
      expect(cell).toMatchObject({ kind: 'excel-date', serial: TIME, timeOnly: true });
      expect(normaliseText(cell)).toEqual({ ok: true, value: '08:30' });
      expect(describeCell(cell)).toBe('08:30');
      expect(parseDate(cell)).toMatchObject({ ok: false, issue: { code: 'date_time_only' } });
    }
  });

  it('read a clock time with a date', async () => {
    const cells = await cellsOf(await workbookWithIds(CLOCK_IDS, DATE_TIME));
    for (const cell of cells) expect(cell).toEqual({ kind: 'excel-date', serial: DATE_TIME, text: '2024-01-05T08:30:00' });
  });

  it('read a date as a date', async () => {
    const cells = await cellsOf(await workbookWithIds(DATE_IDS, 45296));
    expect(cells).toHaveLength(DATE_IDS.length);
    for (const cell of cells) {
      expect(cell).toEqual({ kind: 'excel-date', serial: 45296, text: '2024-01-05' });
      expect(parseDate(cell)).toEqual({ ok: true, value: '2024-01-05' });
    }
  });

  it('give a statement its date and time', async () => {
    // 交易日期 in yyyy"年"m"月"d"日" (31) and 交易时间 in h"时"mm"分"ss"秒" (33), as a bank's export has them.
    const [date, time] = await cellsOf(await workbookWithIds([31, 33], [45296, TIME]));
    const shanghai = { timeZone: 'Asia/Shanghai', periodEnd: undefined };
    expect(resolveWhen(date, time, ['YYYY-MM-DD'], ['HH:mm:ss'], shanghai)).toEqual({ ok: true, occurredAt: '2024-01-05T00:30:00Z', businessDate: '2024-01-05' });
    expect(resolveWhen(time, undefined, ['YYYY-MM-DD'], ['HH:mm:ss'], shanghai)).toEqual({ ok: false, code: 'date-invalid', text: '08:30' });
  });

  it('give hours worked in hours', async () => {
    const hours: FieldSpec = { field: 'hours', label: { en: 'Hours', 'zh-CN': '工时' }, aliases: [], yuanAliases: [], kind: 'number', durationUnit: 'hours', required: false, nullable: true, readOnly: false };
    for (const cell of await cellsOf(await workbookWithIds(CLOCK_IDS, TIME))) expect(readValue(cell, hours, {})).toEqual({ ok: true, value: 8.5 });
  });
});
