import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { parseAmountFen } from '../../src/files/amount.js';
import { parseCode } from '../../src/files/code.js';
import { openXls } from '../../src/files/xls-reader.js';
import { collect, temporaryFiles } from './helpers.js';

const writeFile = temporaryFiles();

/** Builds a bank statement in BIFF8 with a title row, a date cell, an error cell and a merged footer. */
function bankStatement(): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['中国示例银行交易明细'],
    ['交易日期', '摘要', '金额', '账号', '余额'],
    [null, '消费', -67.5, '6200000000001230', 2176.91],
    [null, '工资', 8000, '6200000000001230', 10176.91],
    ['以上数据仅供参考'],
  ]);
  sheet.A3 = { t: 'n', v: 45296, z: 'yyyy-mm-dd' };
  sheet.A4 = { t: 'n', v: 45297.5, z: 'yyyy/m/d h:mm' };
  sheet.F3 = { t: 'e', v: 0x2a };
  sheet['!ref'] = 'A1:F5';
  sheet['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 4 } },
    { s: { r: 4, c: 0 }, e: { r: 4, c: 2 } },
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['封面']]), '封面');
  XLSX.utils.book_append_sheet(book, sheet, '交易明细');
  return XLSX.write(book, { bookType: 'biff8', type: 'buffer' }) as Buffer;
}

describe('openXls', () => {
  it('reads a BIFF8 sheet by name', async () => {
    const table = await openXls(writeFile('statement.xls', bankStatement()), { sheet: '交易明细' });
    const rows = await collect(table.rows);

    expect(table.sheets).toEqual(['封面', '交易明细']);
    expect(rows).toEqual([
      { line: 1, cells: ['中国示例银行交易明细', '中国示例银行交易明细', '中国示例银行交易明细', '中国示例银行交易明细', '中国示例银行交易明细'] },
      { line: 2, cells: ['交易日期', '摘要', '金额', '账号', '余额'] },
      {
        line: 3,
        cells: [{ kind: 'excel-date', serial: 45296, text: '2024-01-05' }, '消费', -67.5, '6200000000001230', 2176.91, '#N/A'],
      },
      {
        line: 4,
        cells: [{ kind: 'excel-date', serial: 45297.5, text: '2024-01-06T12:00:00' }, '工资', 8000, '6200000000001230', 10176.91],
      },
      { line: 5, cells: ['以上数据仅供参考', '以上数据仅供参考', '以上数据仅供参考'] },
    ]);
    expect(table.issues).toEqual([{ line: 3, column: 6, code: 'sheet_error_cell', params: { ref: '交易明细!F3', error: '#N/A' } }]);
    expect(parseAmountFen(rows[2]!.cells[2]!)).toEqual({ ok: true, value: -6750 });
    expect(parseCode(rows[2]!.cells[3]!)).toEqual({ ok: true, value: '6200000000001230' });
  });

  it('takes the first sheet by default', async () => {
    const table = await openXls(writeFile('default.xls', bankStatement()));
    expect(table.sheet).toBe('封面');
    expect(await collect(table.rows)).toEqual([{ line: 1, cells: ['封面'] }]);
  });

  it('reads an HTML table saved as .xls without turning codes into numbers', async () => {
    const html =
      '<html><head><meta charset="gbk"></head><body><table>' +
      '<tr><td>门店编码</td><td>金额</td></tr><tr><td>0001</td><td>1,280.50</td></tr></table></body></html>';
    const table = await openXls(writeFile('export.xls', iconv.encode(html, 'gbk')));
    expect(await collect(table.rows)).toEqual([
      { line: 1, cells: ['门店编码', '金额'] },
      { line: 2, cells: ['0001', '1,280.50'] },
    ]);
  });

  it('raises file_unreadable for a damaged workbook', async () => {
    const damaged = bankStatement().subarray(0, 600);
    await expect(openXls(writeFile('damaged.xls', damaged))).rejects.toMatchObject({ code: 'file_unreadable' });
  });
});
