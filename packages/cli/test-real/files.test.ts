// The file readers on public files written by other people (shared/data/real beside the
// repository). Expected counts and values were checked independently with Python's csv,
// zipfile and struct modules (scanning BIFF records) and with iconv, not with these readers.


import { describe, expect, it } from 'vitest';
import { realDataPath } from '../../../test-support/shared.js';

import { parseAmountFen } from '../src/files/amount.js';
import { parseCode } from '../src/files/code.js';
import { parseDate } from '../src/files/date.js';
import { parseLocalDateTime } from '../src/files/date-time.js';
import { openTable, type OpenTableOptions } from '../src/files/open-table.js';
import { COMMON_EMPTY_MARKERS, normaliseText } from '../src/files/text.js';
import type { Cell, SourceRow } from '../src/files/types.js';

const REAL = realDataPath();
const BANKS = `${REAL}/cn-bank-statements/deb-sig-double-entry-generator`;
const BILLS = `${REAL}/cn-payment-bills/deb-sig-double-entry-generator`;

async function read(path: string, options: OpenTableOptions = {}) {
  const table = await openTable(path, options);
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { table, rows };
}

function valueOf<T>(result: { ok: true; value: T } | { ok: false; issue: { code: string } }): T | string {
  return result.ok ? result.value : result.issue.code;
}

const at = (row: SourceRow | undefined, index: number): Cell => row?.cells[index] ?? null;

describe('coffee shop POS lines (CR-only line ends)', () => {
  it('reads all 6,561 records with their lines', async () => {
    const { table, rows } = await read(`${REAL}/coffee-shop-pos-lines/Coffee_Shop_Sales.csv`);
    expect(rows).toHaveLength(6561);
    expect(rows[0]).toEqual({ line: 1, cells: ['transaction_number', 'amount', 'item'] });
    expect(rows[1]).toEqual({ line: 2, cells: ['6', '1', 'Latte Hot'] });
    expect(rows.at(-1)).toEqual({ line: 6561, cells: ['5806', '1', 'Almond Croisant'] });
    expect(table.issues).toEqual([]);
  });
});

describe('restaurant meal order details', () => {
  it('reads the CSV with BOM and dish names split over lines', async () => {
    const { table, rows } = await read(`${REAL}/cn-restaurant-meal-orders/qiupin499-dishes/meal_order_detail.csv`);
    expect(table.encoding).toBe('utf-8');
    expect(table.issues).toEqual([]);
    expect(rows).toHaveLength(10_038);
    expect(at(rows[0], 0)).toBe('detail_id');
    expect(rows[4]!.line).toBe(5);
    expect(rows[4]!.cells.slice(0, 3)).toEqual(['755', '137', '609992']);
    expect(at(rows[4], 5)).toBe('番茄炖牛腩\r\n');
    expect(rows.at(-1)!.line).toBe(12_487);
    expect(at(rows.at(-1), 5)).toBe('山药养生粥');

    const header = rows[0]!.cells;
    const data = rows.slice(1);
    const logicprn = header.indexOf('logicprn_name');
    const orderTime = header.indexOf('place_order_time');
    const amounts = header.indexOf('amounts');
    expect(data.every((row) => valueOf(normaliseText(at(row, logicprn), { emptyMarkers: COMMON_EMPTY_MARKERS })) === null)).toBe(true);
    expect(valueOf(parseLocalDateTime(at(data[0], orderTime)))).toBe('2016-08-03T06:01:13.000Z');
    expect(valueOf(parseAmountFen(at(data[0], amounts)))).toBe(2600);
    expect(data.filter((row) => !parseLocalDateTime(at(row, orderTime)).ok)).toEqual([]);
    expect(data.filter((row) => !parseAmountFen(at(row, amounts)).ok)).toEqual([]);
  });

  it('reads the XLSX date serials as wall-clock times on every sheet', async () => {
    const path = `${REAL}/cn-restaurant-meal-orders/9080098007-restaurant-data-analyse/meal_order_detail.xlsx`;
    const first = await read(path);
    expect(first.table.sheets).toEqual(['meal_order_detail1', 'meal_order_detail2', 'meal_order_detail3']);
    expect(first.rows).toHaveLength(2780);
    expect(at(first.rows[1], 5)).toBe('蒜蓉生蚝');
    // K2 is stored as <v>42583.4622222222</v>: 2016-08-01 plus 39,936 seconds.
    expect(at(first.rows[1], 10)).toMatchObject({ kind: 'excel-date', text: '2016-08-01T11:05:36' });
    expect(valueOf(parseLocalDateTime(at(first.rows[1], 10)))).toBe('2016-08-01T03:05:36.000Z');

    const second = await read(path, { sheet: 'meal_order_detail2' });
    const third = await read(path, { sheet: 'meal_order_detail3' });
    expect([second.rows.length, third.rows.length]).toEqual([3648, 3612]);
  });
});

describe('payment bills', () => {
  it('reads the GBK Alipay export with its preamble', async () => {
    const { table, rows } = await read(`${BILLS}/alipay/example-alipay-records.csv`, {
      isHeader: (cells) => cells[0] === '交易时间',
    });
    expect(table.encoding).toBe('gb18030');
    expect(table.headerLine).toBe(25);
    expect(table.issues).toEqual([]);
    expect(rows).toHaveLength(33);
    expect(at(rows[1], 0)).toBe('导出信息：');
    const last = rows.at(-1)!;
    expect(last.cells.slice(0, 7)).toEqual(['2023-07-10 13:20:16', '日用百货', 'xxxx', '/', 'xxxx', '支出', '82.00']);
    expect(valueOf(parseAmountFen(at(last, 6)))).toBe(8200);
  });

  it('reads the WeChat export with ids that end in a TAB', async () => {
    const { table, rows } = await read(`${BILLS}/wechat/example-wechat-records.csv`, {
      isHeader: (cells) => cells[0] === '交易时间' && cells.includes('交易单号'),
    });
    expect(table.headerLine).toBe(17);
    const header = rows.find((row) => row.line === 17)!.cells;
    const first = rows.find((row) => row.line === 18)!;
    expect(valueOf(parseAmountFen(at(first, header.indexOf('金额(元)'))))).toBe(2816);
    expect(valueOf(parseCode(at(first, header.indexOf('交易单号'))))).toBe('3985734');
    expect(valueOf(parseLocalDateTime(at(first, 0)))).toBe('2019-09-26T04:45:27.000Z');
  });
});

describe('bank statements', () => {
  it('reads the CCB .xls with its title rows and a masked footer', async () => {
    const { table, rows } = await read(`${BANKS}/ccb/交易明细_xxxx_2025xxxx_2025xxxx.xls`);
    expect(table.format).toBe('xls');
    expect(rows).toHaveLength(12);
    const header = rows.find((row) => row.line === 6)!;
    expect(header.cells.map((cell) => valueOf(normaliseText(cell)))).toContain('记账日');
    const first = rows.find((row) => row.line === 7)!;
    expect(valueOf(parseDate(at(first, 0)))).toBe('2025-01-01');
    expect(valueOf(parseAmountFen(at(first, 3)))).toBe(6700);
    expect(at(rows.at(-1), 0)).toBe('以上数据仅供参考|具体内容请以柜台为准');
  });

  it('reads the CITIC .xls with amounts stored as text', async () => {
    const { table, rows } = await read(`${BANKS}/citic/credit/example-citic-records.xls`);
    expect(table.sheet).toBe('本期账单明细(人民币)');
    // LABELSST records exist for rows 1–15; rows 16–25 have ROW records but no cells.
    expect(rows).toHaveLength(15);
    // The title is merged over A1:H1 and fills the row.
    expect(rows[0]!.cells).toEqual(Array(8).fill('本期账单明细(人民币)'));
    expect(at(rows[2], 2)).toBe('支付宝－北京嘀嘀无限科技发展有限公司');
    expect(valueOf(parseAmountFen(at(rows[2], 6)))).toBe(590);
    expect(valueOf(parseAmountFen(at(rows[3], 6)))).toBe(-20);
  });

  it('reads the SPDB .xls date-times with two spaces', async () => {
    const { rows } = await read(`${BANKS}/spdb_debit/example-spdb_debit-records.xls`);
    expect(rows).toHaveLength(6);
    expect(valueOf(parseLocalDateTime(at(rows[2], 1)))).toBe('2025-12-03T06:06:51.000Z');
    expect(valueOf(parseAmountFen(at(rows[2], 4)))).toBe(388);
  });

  it('reads quoted negative amounts and CNY prefixes from the CSV statements', async () => {
    const boc = await read(`${BANKS}/boc/debit/example-boc-records.csv`, { isHeader: (cells) => cells[0] === '记账日期' });
    const transfer = boc.rows.find((row) => row.line === 10)!;
    expect(valueOf(parseAmountFen(at(transfer, 3)))).toBe(-260000);
    expect(valueOf(parseAmountFen(at(transfer, 4)))).toBe(397311);

    const bocom = await read(`${BANKS}/bocom_credit/example-bocom_credit-records.csv`);
    const refund = bocom.rows.find((row) => row.line === 2)!;
    expect(valueOf(parseAmountFen(at(refund, 3)))).toBe(12318);
  });
});
