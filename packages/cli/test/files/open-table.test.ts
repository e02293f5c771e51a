import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { openTable } from '../../src/files/open-table.js';
import { collect, temporaryFiles } from './helpers.js';

const writeFile = temporaryFiles();

async function xlsxBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('门店').addRow(['门店编码', '0001']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function xlsBytes(): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['门店编码', '0001']]), '门店');
  return XLSX.write(book, { bookType: 'biff8', type: 'buffer' }) as Buffer;
}

describe('openTable format detection', () => {
  it('reads an XLSX by its content even with a .csv name', async () => {
    const table = await openTable(writeFile('really-xlsx.csv', await xlsxBytes()));
    expect(table.format).toBe('xlsx');
    expect(table.sheet).toBe('门店');
    expect(await collect(table.rows)).toEqual([{ line: 1, cells: ['门店编码', '0001'] }]);
  });

  it('reads one XLSX 300 times', async () => {
    // exceljs's streaming reader, used before, returned no rows in 4 of 600 reads of this package
    // on the 2-core development machine under load. The package stores its sheet before the shared strings.
    const path = writeFile('repeated.xlsx', await xlsxBytes());
    const counts = new Map<number, number>();
    for (let read = 0; read < 300; read += 1) {
      const rows = await collect((await openTable(path)).rows);
      counts.set(rows.length, (counts.get(rows.length) ?? 0) + 1);
    }
    expect([...counts]).toEqual([[1, 300]]);
  });

  it('reads a BIFF workbook by its content even with an .xlsx name', async () => {
    const table = await openTable(writeFile('really-xls.xlsx', xlsBytes()));
    expect(table.format).toBe('xls');
    expect(await collect(table.rows)).toEqual([{ line: 1, cells: ['门店编码', '0001'] }]);
  });

  it('reads a tab-separated text named .xls as CSV', async () => {
    const table = await openTable(writeFile('tsv.xls', iconv.encode('门店编码\t金额\r\n0001\t12.50\r\n', 'gbk')));
    expect(table.format).toBe('csv');
    expect(table.delimiter).toBe('\t');
    expect(await collect(table.rows)).toEqual([
      { line: 1, cells: ['门店编码', '金额'] },
      { line: 2, cells: ['0001', '12.50'] },
    ]);
    expect(table.encoding).toBe('gb18030');
  });

  it('reads an HTML table named .xls with the legacy reader', async () => {
    const table = await openTable(writeFile('html.xls', '<table><tr><td>门店编码</td></tr><tr><td>0001</td></tr></table>'));
    expect(table.format).toBe('xls');
    expect(await collect(table.rows)).toEqual([
      { line: 1, cells: ['门店编码'] },
      { line: 2, cells: ['0001'] },
    ]);
  });

  it('passes the CSV options through', async () => {
    const path = writeFile('bill.csv', iconv.encode('说明\r\n门店;金额\r\n静安寺店;1,50\r\n', 'gbk'));
    const table = await openTable(path, { encoding: 'gbk', delimiter: ';', isHeader: (cells) => cells[0] === '门店' });
    const rows = await collect(table.rows);
    expect(rows.at(-1)).toEqual({ line: 3, cells: ['静安寺店', '1,50'] });
    expect(table.headerLine).toBe(2);
    expect(table.encoding).toBe('gbk');
  });
});

describe('openTable with a named encoding', () => {
  // The header starts with Chinese characters, so no zero byte appears in the first characters
  // of the UTF-16 files, and 一 (U+4E00) puts a zero byte on the other side once.
  const TEXT = '订单号,门店,备注\r\nE001,0001,一号桌\r\n';
  const BOMS: Readonly<Record<string, Buffer>> = {
    'utf-8': Buffer.from([0xef, 0xbb, 0xbf]),
    'utf-16le': Buffer.from([0xff, 0xfe]),
    'utf-16be': Buffer.from([0xfe, 0xff]),
  };
  const cases: [string, boolean][] = [];
  for (const encoding of ['utf-8', 'gbk', 'gb18030', 'utf-16le', 'utf-16be']) {
    cases.push([encoding, false]);
    if (BOMS[encoding] !== undefined) cases.push([encoding, true]);
  }

  it.each(cases)('reads %s (BOM: %s) when named and when detected', async (encoding, withBom) => {
    const body = iconv.encode(TEXT, encoding);
    const bytes = withBom ? Buffer.concat([BOMS[encoding]!, body]) : body;
    const path = writeFile(`${encoding}-${withBom}.csv`, bytes);
    for (const options of [{ encoding }, {}]) {
      const table = await openTable(path, options);
      expect(await collect(table.rows)).toEqual([
        { line: 1, cells: ['订单号', '门店', '备注'] },
        { line: 2, cells: ['E001', '0001', '一号桌'] },
      ]);
      expect(table.issues).toEqual([]);
    }
  });

  it('still rejects zero bytes when the named encoding is not UTF-16', async () => {
    const path = writeFile('zeros.csv', iconv.encode(TEXT, 'utf-16le'));
    await expect(openTable(path, { encoding: 'gbk' })).rejects.toMatchObject({ code: 'file_unsupported_format' });
  });
});

describe('openTable errors', () => {
  it.each<[string, () => string, string]>([
    ['a missing file', () => join(dirname(writeFile('anchor.txt', 'x')), 'missing.csv'), 'file_not_found'],
    ['a folder', () => {
      const folder = join(dirname(writeFile('anchor2.txt', 'x')), 'folder.csv');
      mkdirSync(folder, { recursive: true });
      return folder;
    }, 'file_is_folder'],
    ['an empty file', () => writeFile('empty.csv', ''), 'file_empty'],
    ['a ZIP that is no workbook', () => writeFile('archive.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)])), 'file_damaged'],
    ['a PDF', () => writeFile('statement.csv', '%PDF-1.7\n...'), 'file_unsupported_format'],
    ['binary data', () => writeFile('data.csv', Buffer.from([1, 2, 0, 0, 3, 4, 0, 5])), 'file_unsupported_format'],
    ['an unknown encoding', () => writeFile('ok.csv', 'a,b\n'), 'encoding_unknown'],
  ])('rejects %s with %s', async (name, makePath, code) => {
    const options = name === 'an unknown encoding' ? { encoding: 'ebcdic-klingon' } : {};
    await expect(openTable(makePath(), options)).rejects.toMatchObject({ code });
  });

  it('rejects an XLSX package without a workbook part as unsupported', async () => {
    const workbook = await xlsxBytes();
    // Rename the workbook part inside the package, keeping the ZIP valid.
    const renamed = Buffer.from(workbook.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmx'), 'latin1');
    await expect(openTable(writeFile('docx-like.xlsx', renamed))).rejects.toMatchObject({ code: 'file_unsupported_format' });
  });
});
