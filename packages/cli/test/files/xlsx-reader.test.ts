import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { parseAmountFen } from '../../src/files/amount.js';
import { parseDate } from '../../src/files/date.js';
import { parseLocalDateTime } from '../../src/files/date-time.js';
import { normaliseText } from '../../src/files/text.js';
import type { ExcelDate } from '../../src/files/types.js';
import { TableReadError } from '../../src/files/issues.js';
import { readXlsxInMemory } from '../../src/files/xlsx-in-memory.js';
import { openXlsx, type WorkbookReadOptions } from '../../src/files/xlsx-reader.js';
import { PROCESS_TIME_ZONES, collect, temporaryFiles, withProcessTimeZone } from './helpers.js';

const writeFile = temporaryFiles();
let fileCounter = 0;

async function saveWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  fileCounter += 1;
  const path = writeFile(`book-${fileCounter}.xlsx`, '');
  await workbook.xlsx.writeFile(path);
  return path;
}

async function streamed(path: string, options: WorkbookReadOptions = {}) {
  const table = await openXlsx(path, options);
  return { table, rows: await collect(table.rows) };
}

/** Builds the daily report of the field case: a date, a datetime and a General number. */
function dailyReport(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('日报');
  sheet.addRow(['营业日', '结账时间', '客单数']);
  sheet.getCell('A2').value = 45296;
  sheet.getCell('A2').numFmt = 'mm-dd-yy';
  sheet.getCell('B2').value = 45296.5;
  sheet.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
  sheet.getCell('C2').value = 45296;
}

describe('openXlsx dates', () => {
  for (const zone of PROCESS_TIME_ZONES) {
    it(`reads date serials as wall-clock values under TZ=${zone}, streaming and in memory alike`, async () => {
      await withProcessTimeZone(zone, async () => {
        const path = await saveWorkbook(dailyReport);
        const { rows, table } = await streamed(path);
        const inMemory = await readXlsxInMemory(path);

        expect(table.sheet).toBe('日报');
        expect(rows[1]).toEqual({
          line: 2,
          cells: [
            { kind: 'excel-date', serial: 45296, text: '2024-01-05' },
            { kind: 'excel-date', serial: 45296.5, text: '2024-01-05T12:00:00' },
            45296,
          ],
        });
        expect(inMemory.rows).toEqual(rows);
        expect(parseDate(rows[1]!.cells[0]!)).toEqual({ ok: true, value: '2024-01-05' });
        expect(parseLocalDateTime(rows[1]!.cells[1]!)).toEqual({ ok: true, value: '2024-01-05T04:00:00.000Z' });
      });
    });
  }

  it('converts serials of the 1904 date system', async () => {
    const path = await saveWorkbook((workbook) => {
      workbook.properties.date1904 = true;
      const sheet = workbook.addWorksheet('Mac');
      sheet.getCell('A1').value = 43834;
      sheet.getCell('A1').numFmt = 'yyyy-mm-dd';
      sheet.getCell('B1').value = 43834.75;
      sheet.getCell('B1').numFmt = 'yyyy"年"m"月"d"日" hh:mm';
      sheet.getCell('C1').value = 43834;
    });
    const { rows } = await streamed(path);
    expect(rows[0]!.cells).toEqual([
      { kind: 'excel-date', serial: 45296, text: '2024-01-05' },
      { kind: 'excel-date', serial: 45296.75, text: '2024-01-05T18:00:00' },
      43834,
    ]);
    expect((await readXlsxInMemory(path)).rows).toEqual(rows);
  });

  for (const date1904 of [false, true]) {
    it(`reads times and durations in the ${date1904 ? 1904 : 1900} date system`, async () => {
      const offset = date1904 ? 1462 : 0;
      const path = await saveWorkbook((workbook) => {
        workbook.properties.date1904 = date1904;
        const sheet = workbook.addWorksheet('排班');
        const cells: [string, number, string][] = [
          ['A1', 8.5 / 24, 'h:mm'],
          ['B1', 26.5 / 24, '[h]:mm'],
          ['C1', 45296.5 - offset, 'yyyy-mm-dd hh:mm'],
          ['D1', 45296 - offset, 'yyyy-mm-dd'],
          ['E1', 1 + 15 / 24 + 30 / 1440 + 15 / 86_400, '[h]:mm:ss'],
          ['F1', 14.25 / 24, 'h"时"mm"分"'],
        ];
        for (const [ref, value, format] of cells) {
          sheet.getCell(ref).value = value;
          sheet.getCell(ref).numFmt = format;
        }
        // Built-in format 46 ([h]:mm:ss) has no code of its own in the package.
        sheet.getCell('G1').value = 30 / 24;
        sheet.getCell('G1').numFmt = '[h]:mm:ss';
      });
      const { rows } = await streamed(path);
      const [time, duration, dateTime, date, seconds, chinese, builtIn] = rows[0]!.cells as ExcelDate[];
      expect(time).toMatchObject({ serial: 8.5 / 24, timeOnly: true });
      expect(normaliseText(time!)).toEqual({ ok: true, value: '08:30' });
      expect(parseDate(time!)).toMatchObject({ ok: false, issue: { code: 'date_time_only' } });
      expect(duration).toMatchObject({ serial: 26.5 / 24, timeOnly: true });
      expect(normaliseText(duration!)).toEqual({ ok: true, value: '26:30' });
      expect(parseDate(duration!)).toMatchObject({ ok: false, issue: { code: 'date_time_only' } });
      expect(parseLocalDateTime(duration!)).toMatchObject({ ok: false, issue: { code: 'date_time_only' } });
      expect(dateTime).toEqual({ kind: 'excel-date', serial: 45296.5, text: '2024-01-05T12:00:00' });
      expect(parseLocalDateTime(dateTime!)).toEqual({ ok: true, value: '2024-01-05T04:00:00.000Z' });
      expect(date).toEqual({ kind: 'excel-date', serial: 45296, text: '2024-01-05' });
      expect(normaliseText(seconds!)).toEqual({ ok: true, value: '39:30:15' });
      expect(normaliseText(chinese!)).toEqual({ ok: true, value: '14:15' });
      expect(normaliseText(builtIn!)).toEqual({ ok: true, value: '30:00' });
      expect((await readXlsxInMemory(path)).rows[0]!.cells.map((cell) => normaliseText(cell))).toEqual(rows[0]!.cells.map((cell) => normaliseText(cell)));
    });
  }

  it('reads a formula whose result has a date format as a date', async () => {
    const path = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.getCell('A1').value = { formula: 'DATE(2024,1,5)', result: 45296 } as ExcelJS.CellFormulaValue;
      sheet.getCell('A1').numFmt = 'yyyy/m/d';
    });
    const { rows } = await streamed(path);
    expect(rows[0]!.cells).toEqual([{ kind: 'excel-date', serial: 45296, text: '2024-01-05' }]);
  });
});

describe('openXlsx cell values', () => {
  it('keeps numbers stored as text as text and General numbers as numbers', async () => {
    const path = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('门店');
      sheet.addRow(['门店编码', '邮编', '客单数', '订单号']);
      sheet.addRow(['0001', '010010', 45296, '2401050001E5']);
    });
    const { rows } = await streamed(path);
    expect(rows[1]!.cells).toEqual(['0001', '010010', 45296, '2401050001E5']);
  });

  it('joins rich text runs into one string', async () => {
    const path = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('门店');
      sheet.addRow(['门店编码', '门店名称']);
      sheet.addRow(['0001', { richText: [{ font: { bold: true }, text: '静安寺' }, { text: '店 ' }] }]);
      sheet.addRow(['0002', '徐家汇店']);
    });
    const { rows } = await streamed(path);
    expect(rows[1]!.cells).toEqual(['0001', '静安寺店 ']);
    expect(rows[2]!.cells).toEqual(['0002', '徐家汇店']);
    expect((await readXlsxInMemory(path)).rows).toEqual(rows);
  });

  it('reads cached formula results and marks formulas without one', async () => {
    const path = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('明细');
      sheet.addRow(['品名', '数量', '单价', '金额']);
      sheet.addRow(['牛奶', 12, 6.5, { formula: 'B2*C2' } as ExcelJS.CellFormulaValue]);
      sheet.addRow(['咖啡豆', 2, 29, { formula: 'B3*C3', result: 58 } as ExcelJS.CellFormulaValue]);
      sheet.addRow(['备注', '', '', { formula: 'A2&"x"', result: '牛奶x' } as ExcelJS.CellFormulaValue]);
    });
    const { rows } = await streamed(path);
    expect(rows[1]!.cells[3]).toEqual({ kind: 'formula-without-result', ref: '明细!D2', formula: 'B2*C2' });
    expect(rows[2]!.cells[3]).toBe(58);
    expect(rows[3]!.cells[3]).toBe('牛奶x');
    expect(parseAmountFen(rows[1]!.cells[3]!)).toEqual({
      ok: false,
      issue: { code: 'formula_without_result', params: { ref: '明细!D2', formula: 'B2*C2' } },
    });
    expect((await readXlsxInMemory(path)).rows).toEqual(rows);
  });

  it('quotes sheet names with spaces', async () => {
    const path = await saveWorkbook((workbook) => {
      workbook.addWorksheet('Q1 sales').getCell('B3').value = { formula: 'SUM(A1:A2)' } as ExcelJS.CellFormulaValue;
    });
    const { rows } = await streamed(path);
    expect(rows[0]!.cells[1]).toEqual({ kind: 'formula-without-result', ref: "'Q1 sales'!B3", formula: 'SUM(A1:A2)' });
  });

  it('reads an error cell as its text and reports it', async () => {
    const path = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.addRow(['amount']);
      sheet.addRow([{ error: '#DIV/0!' } as ExcelJS.CellErrorValue]);
    });
    const { rows, table } = await streamed(path);
    expect(rows[1]!.cells).toEqual(['#DIV/0!']);
    expect(table.issues).toEqual([{ line: 2, column: 1, code: 'sheet_error_cell', params: { ref: 'S!A2', error: '#DIV/0!' } }]);
  });

  it('gives rows their sheet row numbers and skips empty rows', async () => {
    const path = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.getCell('A1').value = 'head';
      sheet.getCell('B4').value = 'x';
      sheet.getCell('A6').value = '   ';
      sheet.getCell('C6').numFmt = '0.00';
      sheet.getCell('A9').value = 1;
    });
    const { rows } = await streamed(path);
    expect(rows).toEqual([
      { line: 1, cells: ['head'] },
      { line: 4, cells: [null, 'x'] },
      { line: 9, cells: [1] },
    ]);
  });
});

describe('openXlsx merged cells', () => {
  async function mergedHeaderBook(): Promise<string> {
    return saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('汇总');
      sheet.getCell('A1').value = '门店';
      sheet.mergeCells('A1:A2');
      sheet.getCell('B1').value = '销售额';
      sheet.mergeCells('B1:C1');
      sheet.getCell('B2').value = '现金';
      sheet.getCell('C2').value = '微信';
      sheet.getCell('A3').value = '静安寺店';
      sheet.mergeCells('A3:A4');
      sheet.getCell('B3').value = 100;
      sheet.getCell('C3').value = 50;
      sheet.getCell('B4').value = 20;
      sheet.getCell('C4').value = 10;
      sheet.getCell('B5').value = 120;
      sheet.mergeCells('B5:C5');
    });
  }

  it('fills merged header and label cells but never copies numbers', async () => {
    const path = await mergedHeaderBook();
    const { rows, table } = await streamed(path);
    expect(table.merges).toHaveLength(4);
    expect(rows).toEqual([
      { line: 1, cells: ['门店', '销售额', '销售额'] },
      { line: 2, cells: ['门店', '现金', '微信'] },
      { line: 3, cells: ['静安寺店', 100, 50] },
      { line: 4, cells: ['静安寺店', 20, 10] },
      { line: 5, cells: [null, 120] },
    ]);
    expect((await readXlsxInMemory(path)).rows).toEqual(rows);
  });

  it('leaves merged cells empty in keep mode', async () => {
    const path = await mergedHeaderBook();
    const { rows } = await streamed(path, { mergedCells: 'keep' });
    expect(rows.slice(0, 2)).toEqual([
      { line: 1, cells: ['门店', '销售额'] },
      { line: 2, cells: [null, '现金', '微信'] },
    ]);
    expect((await readXlsxInMemory(path, { mergedCells: 'keep' })).rows).toEqual(rows);
  });
});

describe('openXlsx sheets', () => {
  async function threeSheets(): Promise<string> {
    return saveWorkbook((workbook) => {
      const hidden = workbook.addWorksheet('说明');
      hidden.state = 'hidden';
      hidden.addRow(['hidden notes']);
      workbook.addWorksheet('一月').addRow(['一月']);
      workbook.addWorksheet('二月').addRow(['二月']);
    });
  }

  it('takes the first visible sheet by default', async () => {
    const { rows, table } = await streamed(await threeSheets());
    expect(table.sheet).toBe('一月');
    expect(table.sheets).toEqual(['说明', '一月', '二月']);
    expect(rows).toEqual([{ line: 1, cells: ['一月'] }]);
  });

  it('reads a sheet chosen by name', async () => {
    const { rows } = await streamed(await threeSheets(), { sheet: '二月' });
    expect(rows).toEqual([{ line: 1, cells: ['二月'] }]);
  });

  it('finds a sheet whatever the case', async () => {
    const path = await saveWorkbook((workbook) => {
      workbook.addWorksheet('Sheet1').addRow(['first']);
      workbook.addWorksheet('Orders').addRow(['orders']);
    });
    expect((await streamed(path, { sheet: 'orders' })).rows).toEqual([{ line: 1, cells: ['orders'] }]);
    expect((await streamed(path, { sheet: ' ORDERS ' })).table.sheet).toBe('Orders');
  });

  it('raises sheet_not_found listing the sheets', async () => {
    const path = await threeSheets();
    await expect(openXlsx(path, { sheet: '三月' })).rejects.toMatchObject({
      code: 'sheet_not_found',
      params: { sheet: '三月', sheets: '说明, 一月, 二月' },
    });
    await expect(openXlsx(path, { sheet: '三月' })).rejects.toBeInstanceOf(TableReadError);
  });
});

describe('openXlsx package order', () => {
  it('reads a sheet stored before workbook.xml', async () => {
    const source = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('门店');
      sheet.addRow(['门店编码', '门店名称']);
      sheet.addRow(['0001', '静安寺店']);
    });
    // Rewrite the package with the relationships and shared strings first, then the sheet, and
    // workbook.xml last, as some writers order their parts.
    const original = await JSZip.loadAsync(readFileSync(source));
    const names = Object.keys(original.files).filter((name) => !original.files[name]!.dir);
    const early = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'].filter((name) => names.includes(name));
    const sheets = names.filter((name) => name.startsWith('xl/worksheets/'));
    const late = names.filter((name) => !early.includes(name) && !sheets.includes(name) && name !== 'xl/workbook.xml');
    const reordered = new JSZip();
    for (const name of [...early, ...sheets, ...late, 'xl/workbook.xml']) reordered.file(name, await original.file(name)!.async('uint8array'));
    const path = source.replace(/\.xlsx$/, '-reordered.xlsx');
    writeFileSync(path, await reordered.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));

    const { table, rows } = await streamed(path);
    expect(table.sheet).toBe('门店');
    expect(rows).toEqual([
      { line: 1, cells: ['门店编码', '门店名称'] },
      { line: 2, cells: ['0001', '静安寺店'] },
    ]);
  });
});
