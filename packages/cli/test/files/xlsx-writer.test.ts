import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';

import { XlsxStreamWriter } from '../../src/files/xlsx-writer.js';
import { openTable } from '../../src/files/index.js';

const folders: string[] = [];

function tempFile(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'boh-xlsx-writer-'));
  folders.push(folder);
  return join(folder, name);
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('XlsxStreamWriter', () => {
  it('writes sheets exceljs reads back', async () => {
    const path = tempFile('book.xlsx');
    const writer = new XlsxStreamWriter(path);
    await writer.addSheet('汇总 & <总计>', [{ width: 20 }, { width: 12, style: 'yuan' }], async (sheet) => {
      sheet.addRow(['名称', '金额'], 'bold');
      sheet.addRow(['a < b & "c"', 12.34]);
      sheet.addRow(['  padded  ', -0.5, 'beyond the last column']);
      sheet.addRow([null, 1.5], [undefined, 'fee']);
      await sheet.addRow(['control\u0001removed', undefined]);
    });
    await writer.addSheet('Empty', [], () => undefined);
    await writer.finish();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总 & <总计>', 'Empty']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('名称');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).value).toBe('a < b & "c"');
    expect(sheet.getRow(2).getCell(2).value).toBe(12.34);
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(3).getCell(1).value).toBe('  padded  ');
    expect(sheet.getRow(3).getCell(2).value).toBe(-0.5);
    expect(sheet.getRow(3).getCell(3).value).toBe(null);
    expect(sheet.getRow(4).getCell(1).value).toBe(null);
    expect(sheet.getRow(4).getCell(2).numFmt).toBe('#,##0.00000');
    expect(sheet.getRow(5).getCell(1).value).toBe('controlremoved');
    expect(sheet.getColumn(1).width).toBe(20);
    expect(workbook.worksheets[1]!.rowCount).toBe(0);
  });

  it('streams many rows into a valid package', async () => {
    const path = tempFile('rows.xlsx');
    const writer = new XlsxStreamWriter(path);
    const count = 100_000;
    await writer.addSheet('Rows', [{ width: 10 }, { width: 30 }], async (sheet) => {
      for (let index = 1; index <= count; index++) {
        const drained = sheet.addRow([index, `row ${index}`]);
        if (drained) await drained;
      }
    });
    await writer.finish();

    // The project's own reader checks the ZIP central directory and the sheet's rows.
    const table = await openTable(path, { isHeader: () => false });
    const rows = [];
    for await (const row of table.rows) rows.push(row);
    expect(rows).toHaveLength(count);
    expect(rows[0]!.cells).toEqual([1, 'row 1']);
    expect(rows.at(-1)!.cells).toEqual([count, `row ${count}`]);
  });

  it('rejects a cell that is not a finite number', async () => {
    const writer = new XlsxStreamWriter(tempFile('bad.xlsx'));
    const adding = writer.addSheet('Bad', [{ width: 10 }], (sheet) => void sheet.addRow([Number.NaN]));
    await expect(adding).rejects.toThrow('cell A1 is not a finite number: NaN');
  });

  it('rejects a sheet name Excel forbids', async () => {
    const writer = new XlsxStreamWriter(tempFile('name.xlsx'));
    await expect(writer.addSheet('a/b', [], () => undefined)).rejects.toThrow('invalid sheet name "a/b"');
    await expect(writer.addSheet('x'.repeat(32), [], () => undefined)).rejects.toThrow('invalid sheet name');
  });
});
