// Packages written by hand, part by part, for what exceljs cannot write but other software does:
// prefixed element names, cells without references, inline and phonetic text, escaped control
// characters, cached formula errors and the East Asian built-in date formats.

import XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';

import type { TableReadError } from '../../src/files/issues.js';
import { openXlsx } from '../../src/files/xlsx-reader.js';
import { collect, temporaryFiles } from './helpers.js';

const writeFile = temporaryFiles();
let fileCounter = 0;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface PackageParts {
  readonly sheet: string;
  readonly sharedStrings?: string;
  readonly styles?: string;
  /** Namespace prefix of the SpreadsheetML elements, `x` for `<x:row>`; none when empty. */
  readonly prefix?: string;
}

async function writePackage(parts: PackageParts): Promise<string> {
  const prefix = parts.prefix === undefined || parts.prefix === '' ? '' : `${parts.prefix}:`;
  const declaration = prefix === '' ? `xmlns="${MAIN}"` : `xmlns:${parts.prefix}="${MAIN}"`;
  const zip = new JSZip();
  const relations = [`<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>`];
  if (parts.sharedStrings !== undefined) {
    relations.push(`<Relationship Id="rId2" Type="${RELATIONSHIPS}/sharedStrings" Target="strings.xml"/>`);
    zip.file('xl/strings.xml', `<${prefix}sst ${declaration}>${parts.sharedStrings}</${prefix}sst>`);
  }
  if (parts.styles !== undefined) {
    relations.push(`<Relationship Id="rId3" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>`);
    zip.file('xl/styles.xml', `<${prefix}styleSheet ${declaration}>${parts.styles}</${prefix}styleSheet>`);
  }
  zip.file(
    'xl/workbook.xml',
    `<${prefix}workbook ${declaration} xmlns:r="${RELATIONSHIPS}"><${prefix}sheets><${prefix}sheet name="数据" sheetId="1" r:id="rId1"/></${prefix}sheets></${prefix}workbook>`,
  );
  zip.file('xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations.join('')}</Relationships>`);
  zip.file('xl/worksheets/sheet1.xml', `<${prefix}worksheet ${declaration}><${prefix}sheetData>${parts.sheet}</${prefix}sheetData></${prefix}worksheet>`);

  fileCounter += 1;
  return writeFile(`hand-${fileCounter}.xlsx`, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

async function read(parts: PackageParts) {
  const table = await openXlsx(await writePackage(parts));
  return { table, rows: await collect(table.rows) };
}

describe('openXlsx on packages written by other software', () => {
  it('reads namespace-prefixed elements', async () => {
    const { table, rows } = await read({
      prefix: 'x',
      sharedStrings: '<x:si><x:t>门店编码</x:t></x:si><x:si><x:t>0001</x:t></x:si>',
      sheet: '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2"><x:v>12.5</x:v></x:c></x:row>',
    });
    expect(table.sheet).toBe('数据');
    expect(rows).toEqual([
      { line: 1, cells: ['门店编码'] },
      { line: 2, cells: ['0001', 12.5] },
    ]);
  });

  it('places cells without references', async () => {
    const { rows } = await read({
      sheet: '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row r="4"><c r="C4"><v>2</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>',
    });
    expect(rows).toEqual([
      { line: 1, cells: ['a', 1] },
      { line: 4, cells: [null, null, 2, 3] },
      { line: 5, cells: [4] },
    ]);
  });

  it('drops phonetic runs from text', async () => {
    const { rows } = await read({
      sharedStrings: '<si><r><t>東京</t></r><r><t xml:space="preserve"> 本店</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>',
      sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>静安</t></r><r><t>寺店</t></r><rPh sb="0" eb="1"><t>ジンアン</t></rPh></is></c></row>',
    });
    expect(rows).toEqual([{ line: 1, cells: ['東京 本店', '静安寺店'] }]);
  });

  it('decodes _xHHHH_ escapes', async () => {
    const { rows } = await read({
      sharedStrings: '<si><t>第一行_x000D_\n第二行</t></si>',
      sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a_x0009_b</t></is></c><c r="C1" t="str"><v>c_x000d_\nd</v></c></row>',
    });
    expect(rows).toEqual([{ line: 1, cells: ['第一行\r\n第二行', 'a\tb', 'c\r\nd'] }]);
  });

  it('reads text in CDATA sections', async () => {
    const { rows } = await read({
      sharedStrings: '<si><t><![CDATA[A&B <店>]]></t></si>',
      sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[0001]]></t></is></c><c r="C1"><v><![CDATA[85.5]]></v></c></row>',
    });
    expect(rows).toEqual([{ line: 1, cells: ['A&B <店>', '0001', 85.5] }]);
  });

  it('links shared formula copies to their source', async () => {
    const { rows } = await read({
      sheet:
        '<row r="2"><c r="E2"><f t="shared" ref="E2:E4" si="0">C2*D2</f><v>6</v></c></row>' +
        '<row r="3"><c r="E3"><f t="shared" si="0"/></c></row>' +
        '<row r="4"><c r="E4"><f t="shared" si="0"/><v>12</v></c></row>',
    });
    expect(rows).toEqual([
      { line: 2, cells: [null, null, null, null, 6] },
      { line: 3, cells: [null, null, null, null, { kind: 'formula-without-result', ref: '数据!E3', formula: '', sharedWith: '数据!E2' }] },
      { line: 4, cells: [null, null, null, null, 12] },
    ]);
  });

  it('keeps cached formula error text', async () => {
    const { table, rows } = await read({
      sheet: '<row r="2"><c r="C2" t="e"><f>VLOOKUP(A2,价格!A:B,2,0)</f><v>#N/A</v></c></row>',
    });
    expect(rows).toEqual([{ line: 2, cells: [null, null, '#N/A'] }]);
    expect(table.issues).toEqual([{ line: 2, column: 3, code: 'sheet_error_cell', params: { ref: '数据!C2', error: '#N/A' } }]);
  });

  it('reads booleans, formula text, entities', async () => {
    const { rows } = await read({
      sheet: '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="str"><f>A1&amp;"店"</f><v>TRUE店</v></c><c r="D1" t="inlineStr"><is><t>A&amp;B &lt;1&gt;</t></is></c></row>',
    });
    expect(rows).toEqual([{ line: 1, cells: [true, false, 'TRUE店', 'A&B <1>'] }]);
  });

  it('reads East Asian date formats', async () => {
    // Ids 27–36 and 50–58 have no format code in the package; Excel shows them as dates in
    // Chinese, Japanese and Korean locales (31 is yyyy"年"m"月"d"日").
    const { rows } = await read({
      styles: '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="57"/><xf numFmtId="2"/></cellXfs>',
      sheet: '<row r="1"><c r="A1" s="1"><v>45296</v></c><c r="B1" s="2"><v>45296</v></c><c r="C1" s="3"><v>45296</v></c><c r="D1"><v>45296</v></c></row>',
    });
    expect(rows).toEqual([
      {
        line: 1,
        cells: [
          { kind: 'excel-date', serial: 45296, text: '2024-01-05' },
          { kind: 'excel-date', serial: 45296, text: '2024-01-05' },
          45296,
          45296,
        ],
      },
    ]);
  });

  it('prefers custom format codes', async () => {
    const { rows } = await read({
      styles:
        '<numFmts count="2"><numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>' +
        '<cellStyleXfs count="2"><xf numFmtId="164"/><xf numFmtId="164"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>',
      sheet: '<row r="1"><c r="A1" s="1"><v>45296</v></c><c r="B1" s="2"><v>45296</v></c></row>',
    });
    expect(rows).toEqual([{ line: 1, cells: [45296, { kind: 'excel-date', serial: 45296, text: '2024-01-05' }] }]);
  });

  it('reads a SheetJS workbook', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['门店编码', '营业日', '备注', '启用'],
      ['0001', new Date(Date.UTC(2024, 0, 5)), '第一行\r\n第二行', true],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '门店');
    for (const bookSST of [false, true]) {
      const path = writeFile(`sheetjs-${bookSST}.xlsx`, XLSX.write(book, { bookType: 'xlsx', type: 'buffer', bookSST }) as Buffer);
      const rows = await collect((await openXlsx(path)).rows);
      expect(rows).toEqual([
        { line: 1, cells: ['门店编码', '营业日', '备注', '启用'] },
        { line: 2, cells: ['0001', { kind: 'excel-date', serial: 45296, text: '2024-01-05' }, '第一行\r\n第二行', true] },
      ]);
    }
  });

  it('rejects a truncated sheet', async () => {
    const path = await writePackage({ sheet: '<row r="1"><c r="A1"><v>1</v></c></row>' });
    const zip = await JSZip.loadAsync(await import('node:fs').then((fs) => fs.readFileSync(path)));
    zip.file('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"`);
    const broken = writeFile('cut-off.xlsx', await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    const table = await openXlsx(broken);
    await expect(collect(table.rows)).rejects.toMatchObject({ code: 'file_unreadable' });
  });

  it('names a truncated package as damaged', async () => {
    const path = await writePackage({ sheet: '<row r="1"><c r="A1"><v>1</v></c></row>' });
    const bytes = await import('node:fs').then((fs) => fs.readFileSync(path));
    const cut = writeFile('half.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await openXlsx(cut).then(
      () => undefined,
      (caught: unknown) => caught as TableReadError,
    );
    expect(error?.code).toBe('file_damaged');
    expect(error?.localised('en')).not.toMatch(/\.\./);
    expect(error?.localised('zh-CN')).toMatch(/^文件 .+ 已损坏或不完整/);
    expect(error?.localised('zh-CN')).not.toContain('ZipFormatError');
  });

  it('names a missing sheet part as damaged', async () => {
    const path = await writePackage({ sheet: '' });
    const zip = await JSZip.loadAsync(await import('node:fs').then((fs) => fs.readFileSync(path)));
    zip.remove('xl/worksheets/sheet1.xml');
    const broken = writeFile('no-sheet-part.xlsx', await zip.generateAsync({ type: 'uint8array' }));
    await expect(openXlsx(broken)).rejects.toMatchObject({
      code: 'sheet_part_missing',
      params: { sheet: '数据', part: 'xl/worksheets/sheet1.xml' },
    });
  });

  it('keeps one full stop after an XML reason', async () => {
    const path = await writePackage({ sheet: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"</row>' });
    const error = await collect((await openXlsx(path)).rows).then(
      () => undefined,
      (caught: unknown) => caught as TableReadError,
    );
    expect(error?.code).toBe('file_unreadable');
    expect(error?.localised('en')).not.toMatch(/\.\.|Error:/);
    expect(error?.localised('zh-CN')).not.toMatch(/\.。/);
  });
});
