// Field cases that broke importers elsewhere, rebuilt here end to end: the file is written,
// opened with openTable and its cells normalised as the import engine will.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { parseAmountFen } from '../../src/files/amount.js';
import { parseCode } from '../../src/files/code.js';
import { parseDate, type DateOrder } from '../../src/files/date.js';
import { parseLocalDateTime } from '../../src/files/date-time.js';
import type { Normalised } from '../../src/files/issues.js';
import { formatReadIssue } from '../../src/files/messages.js';
import { openTable } from '../../src/files/open-table.js';
import { normaliseText } from '../../src/files/text.js';
import { readXlsxInMemory } from '../../src/files/xlsx-in-memory.js';
import type { Cell, SourceRow } from '../../src/files/types.js';
import { PROCESS_TIME_ZONES, UTF8_BOM, collect, temporaryFiles, withProcessTimeZone } from './helpers.js';

const writeFile = temporaryFiles();

async function readRows(name: string, content: string | Buffer) {
  const table = await openTable(writeFile(name, content));
  const rows = await collect(table.rows);
  return { table, header: rows[0]!.cells, records: rows.slice(1) };
}

function value<T>(result: Normalised<T>): T | string {
  return result.ok ? result.value : result.issue.code;
}

function column(header: readonly Cell[], name: string): number {
  const index = header.indexOf(name);
  if (index === -1) throw new Error(`No column ${name}`);
  return index;
}

const cell = (row: SourceRow, index: number): Cell => row.cells[index] ?? null;

describe('B01 UTF-8 BOM before the first header', () => {
  it('reads the exact header names and both records', async () => {
    const content = Buffer.concat([
      UTF8_BOM,
      Buffer.from('门店编码,门店名称,营业日,销售额\r\n0001,静安寺店,2024-01-05,1280.50\r\n0002,徐家汇店,2024-01-05,356.00\r\n'),
    ]);
    const { header, records } = await readRows('b01.csv', content);
    expect(header).toEqual(['门店编码', '门店名称', '营业日', '销售额']);
    expect((header[0] as string).codePointAt(0)).toBe(0x95e8);
    const parsed = records.map((row) => [value(parseCode(cell(row, 0))), cell(row, 1), value(parseDate(cell(row, 2))), value(parseAmountFen(cell(row, 3)))]);
    expect(parsed).toEqual([
      ['0001', '静安寺店', '2024-01-05', 128050],
      ['0002', '徐家汇店', '2024-01-05', 35600],
    ]);
  });
});

describe('B03 unquoted comma adds a column', () => {
  it('rejects line 2 with its field counts and imports line 3', async () => {
    const content = [
      '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注',
      '2024-01-05 12:30:11,商户消费,示例餐饮管理,有限公司,"午市套餐",支出,¥58.00,零钱,支付成功,4200000000202401050000000001,M20240105000001,/',
      '2024-01-05 18:02:40,商户消费,示例便利店,"矿泉水",支出,¥3.50,零钱,支付成功,4200000000202401050000000002,M20240105000002,/',
    ].join('\n');
    const { table, header, records } = await readRows('b03.csv', content);
    expect(header).toHaveLength(11);
    expect(records).toHaveLength(1);
    const [row] = records;
    expect(row!.line).toBe(3);
    expect(cell(row!, column(header, '交易对方'))).toBe('示例便利店');
    expect(cell(row!, column(header, '商品'))).toBe('矿泉水');
    expect(value(parseAmountFen(cell(row!, column(header, '金额(元)'))))).toBe(350);
    expect(value(parseCode(cell(row!, column(header, '交易单号'))))).toBe('4200000000202401050000000002');
    expect(table.issues.map((issue) => formatReadIssue('en', issue))).toEqual([
      expect.stringMatching(/^Line 2: expected 11 fields, got 12/),
    ]);
  });
});

describe('B05 codes with leading zeros', () => {
  it('keeps store codes and postcodes as written', async () => {
    const { records } = await readRows('b05.csv', '门店编码,门店名称,邮编\n0001,静安寺店,200040\n0010,五角场店,200433\n00123,呼和浩特万达店,010010\n');
    const stores = new Map(records.map((row) => [value(parseCode(cell(row, 0))), cell(row, 1)]));
    expect([...stores.keys()]).toEqual(['0001', '0010', '00123']);
    expect(records.map((row) => value(parseCode(cell(row, 2))))).toEqual(['200040', '200433', '010010']);
    expect(stores.get('0001')).toBe('静安寺店');
    expect(stores.get('1')).toBeUndefined();
  });
});

describe('B06 ids that look like exponents', () => {
  it('keeps the ids as text and reads the amounts', async () => {
    const { records } = await readRows('b06.csv', '订单号,门店编码,金额\n2401050001E5,0001,25.00\n2401050001E6,0001,30.00\n1E3,0001,12.00\n24010500012E,0001,8.00\n');
    expect(records.map((row) => value(parseCode(cell(row, 0))))).toEqual(['2401050001E5', '2401050001E6', '1E3', '24010500012E']);
    expect(records.map((row) => value(parseAmountFen(cell(row, 2))))).toEqual([2500, 3000, 1200, 800]);
  });
});

describe('B08 date cells come back as serial numbers', () => {
  for (const zone of PROCESS_TIME_ZONES) {
    it(`reads the date, the local datetime and the count under TZ=${zone}`, async () => {
      await withProcessTimeZone(zone, async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('日报');
        sheet.addRow(['营业日', '结账时间', '客单数']);
        sheet.getCell('A2').value = 45296;
        sheet.getCell('A2').numFmt = 'mm-dd-yy';
        sheet.getCell('B2').value = 45296.5;
        sheet.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
        sheet.getCell('C2').value = 45296;
        const path = writeFile(`b08-${zone.replace('/', '-')}.xlsx`, '');
        await workbook.xlsx.writeFile(path);

        const table = await openTable(path);
        const streamed = await collect(table.rows);
        const inMemory = await readXlsxInMemory(path);
        for (const rows of [streamed, inMemory.rows]) {
          const [, data] = rows;
          expect(value(parseDate(cell(data!, 0)))).toBe('2024-01-05');
          expect(value(parseLocalDateTime(cell(data!, 1), { timeZone: 'Asia/Shanghai' }))).toBe('2024-01-05T04:00:00.000Z');
          expect(cell(data!, 2)).toBe(45296);
        }
      });
    });
  }
});

describe('B10 Chinese date formats', () => {
  it('reads all six forms as 2024-01-05 and totals the store', async () => {
    const content = '营业日,门店编码,销售额\n2024年1月5日,0001,100.00\n2024年01月05日,0001,100.00\n2024/1/5,0001,100.00\n2024-01-05,0001,100.00\n20240105,0001,100.00\n2024.1.5,0001,100.00\n';
    const { records } = await readRows('b10.csv', content);
    const dates = records.map((row) => value(parseDate(cell(row, 0))));
    expect(dates).toEqual(Array(6).fill('2024-01-05'));
    const total = records
      .filter((row) => value(parseCode(cell(row, 1))) === '0001')
      .reduce((sum, row) => sum + (value(parseAmountFen(cell(row, 2))) as number), 0);
    expect(total).toBe(60000);
  });
});

describe('B11 day and month order', () => {
  const content = '员工编号,出生日期,入职日期\nE001,13/02/1990,05/01/2024\nE002,02/03/1991,12/11/2023\n';

  it('reads both columns with the declared order DD/MM/YYYY', async () => {
    const { records } = await readRows('b11-declared.csv', content);
    const order: DateOrder = 'DMY';
    expect(records.map((row) => [value(parseDate(cell(row, 1), { order })), value(parseDate(cell(row, 2), { order }))])).toEqual([
      ['1990-02-13', '2024-01-05'],
      ['1991-03-02', '2023-11-12'],
    ]);
  });

  it('without a declared order accepts only the unambiguous date and names the others', async () => {
    const { records } = await readRows('b11-undeclared.csv', content);
    const results = records.flatMap((row) => [1, 2].map((index) => ({ line: row.line, column: index + 1, result: parseDate(cell(row, index)) })));
    expect(results.map(({ result }) => value(result))).toEqual(['1990-02-13', 'date_ambiguous', 'date_ambiguous', 'date_ambiguous']);
    expect(results.filter(({ result }) => !result.ok).map(({ line, column }) => [line, column])).toEqual([
      [2, 3],
      [3, 2],
      [3, 3],
    ]);
  });
});

describe('B13 yen signs and thousands separators', () => {
  it('reads each amount and the total', async () => {
    const content = '交易单号,金额(元)\nT0001,¥58.00\nT0002,"1,280.50"\nT0003,"¥12,345.67"\nT0004,3.5\nT0005,￥0.01\n';
    const { records } = await readRows('b13.csv', content);
    const amounts = records.map((row) => value(parseAmountFen(cell(row, 1))) as number);
    expect(amounts).toEqual([5800, 128050, 1234567, 350, 1]);
    expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(1368768);
  });
});

describe('B14 negative amounts in brackets', () => {
  it('reads brackets and minus signs as negative', async () => {
    const content = '记账日期,摘要,金额\n2024-01-31,POS结算,"12,000.00"\n2024-01-31,手续费,(36.00)\n2024-01-31,退款,"(1,200.50)"\n2024-01-31,冲正,-5.00\n';
    const { records } = await readRows('b14.csv', content);
    const amounts = records.map((row) => value(parseAmountFen(cell(row, 2))) as number);
    expect(amounts).toEqual([1200000, -3600, -120050, -500]);
    expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(1075850);
  });
});

describe('B25 rich text cell', () => {
  it('reads both names as trimmed strings', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('门店');
    sheet.addRow(['门店编码', '门店名称']);
    sheet.addRow(['0001', { richText: [{ font: { bold: true }, text: '静安寺' }, { text: '店 ' }] }]);
    sheet.addRow(['0002', '徐家汇店']);
    const path = writeFile('b25.xlsx', '');
    await workbook.xlsx.writeFile(path);

    const rows = await collect((await openTable(path)).rows);
    const names = rows.slice(1).map((row) => value(normaliseText(cell(row, 1))));
    expect(names).toEqual(['静安寺店', '徐家汇店']);
    for (const name of names) expect(typeof name).toBe('string');
  });
});

describe('B27 formula without a cached result', () => {
  it('rejects D2 naming the cell and reads D3', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['品名', '数量', '单价', '金额']);
    sheet.addRow(['牛奶', 12, 6.5, { formula: 'B2*C2' } as ExcelJS.CellFormulaValue]);
    sheet.addRow(['咖啡豆', 2, 29, { formula: 'B3*C3', result: 58 } as ExcelJS.CellFormulaValue]);
    const path = writeFile('b27.xlsx', '');
    await workbook.xlsx.writeFile(path);

    const rows = await collect((await openTable(path)).rows);
    const amounts = rows.slice(1).map((row) => parseAmountFen(cell(row, 3)));
    expect(amounts[0]).toEqual({ ok: false, issue: { code: 'formula_without_result', params: { ref: '明细!D2', formula: 'B2*C2' } } });
    expect(amounts[1]).toEqual({ ok: true, value: 5800 });
  });
});
