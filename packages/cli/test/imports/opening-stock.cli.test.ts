// `boh import opening_stock`: a chain's opening stock (期初库存) from its inventory spreadsheet,
// posted as opening documents with their journal entries, once per store and item.

import { createClient, type BohClient } from '@boh/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { seedCafe } from '../../../server/test/sales/support.js';
import { csvRows, importHarness } from './support.js';

const h = importHarness();
let boh: BohClient;

beforeAll(async () => {
  boh = createClient({ baseUrl: h.server.url, token: h.env.BOH_TOKEN! });
  await seedCafe(boh);
});
afterAll(() => boh.close());

const HEADER = '门店编码,物料编码,物料名称,数量,单位,金额,期初日期,期初单号';
const ROWS = [
  '0001,BEANS,咖啡豆,2,袋,240.00,2024-01-01,OPEN-0001',
  '0001,MILK,牛奶,10,盒,150.00,2024-01-01,OPEN-0001',
  '0002,BEANS,咖啡豆,500,,60.00,2024-01-01,',
  '0001,TEA,红茶,1,,1.00,2024-01-01,',
  '0009,BEANS,咖啡豆,1,,1.00,2024-01-01,',
  '0001,CUP,纸杯,1,箱,1.00,2024-01-01,',
  '0001,BEANS,咖啡豆,3,袋,360.00,2024-01-01,OPEN-0001',
];
const file = (rows: string[]) => [HEADER, ...rows].join('\r\n');

interface Balance {
  store_code: string;
  item_code: string;
  quantity: number;
  value_fen: number;
}

async function balance(storeCode: string, itemCode: string): Promise<Balance | undefined> {
  const page = await h.get<{ data: Balance[] }>(`/stock/balances?store_code=${storeCode}&item_code=${itemCode}`);
  return page?.data[0];
}

describe('opening stock import', () => {
  let first: { code: number; counts: Record<string, number> };

  beforeAll(async () => {
    const result = await h.boh(['import', 'opening_stock', h.file('期初库存.csv', file(ROWS)), '--json']);
    first = { code: result.code, counts: JSON.parse(result.stdout).job.counts };
  });

  it('posts the valid rows and rejects the others', () => {
    expect(first.code).toBe(6);
    expect(first.counts).toEqual({ received: 7, created: 3, updated: 0, unchanged: 0, rejected: 4 });
  });

  it('converts pack units to the base unit and keeps the value in fen', async () => {
    expect(await balance('0001', 'BEANS')).toMatchObject({ quantity: 2000, value_fen: 24_000 });
    expect(await balance('0001', 'MILK')).toMatchObject({ quantity: 10_000, value_fen: 15_000 });
    expect(await balance('0002', 'BEANS')).toMatchObject({ quantity: 500, value_fen: 6_000 });
  });

  it('dates the stock at the start of the opening business date, after the day-end cut-off', async () => {
    const page = await h.get<{ data: { kind: string; business_date: string; occurred_at: string; source_ref: string | null }[] }>('/stock/movements?store_code=0001&kind=opening');
    expect(page!.data.map((movement) => [movement.business_date, movement.occurred_at, movement.source_ref])).toEqual([
      ['2024-01-01', '2023-12-31T20:00:00.000Z', 'OPEN-0001'],
      ['2024-01-01', '2023-12-31T20:00:00.000Z', 'OPEN-0001'],
    ]);
  });

  it('books the store\'s opening stock: Dr inventory 1403, Cr the opening-balance account 3104', async () => {
    const detail = (account: string) => h.get<{ debit_fen: number; credit_fen: number }>(`/ledger/detail?account_code=${account}&period_from=2024-01&period_to=2024-01&store_code=0001`);
    expect(await detail('1403')).toMatchObject({ debit_fen: 39_000, credit_fen: 0 });
    expect(await detail('3104')).toMatchObject({ debit_fen: 0, credit_fen: 39_000 });
  });

  it('names the row, column and reason of each rejected row in the error file', () => {
    const rows = csvRows(h.read('期初库存.errors.csv'));
    const reasons = rows.slice(1).map((row) => row.at(-1));
    expect(reasons[0]).toMatch(/item "TEA" does not exist/);
    expect(reasons[1]).toMatch(/store "0009" does not exist/);
    expect(reasons[2]).toMatch(/箱/);
    expect(reasons[3]).toMatch(/0001\/BEANS was posted before with other values \(2000 g, 240\.00 yuan, dated 2024-01-01\)/);
  });

  it('changes nothing when the same file comes again', async () => {
    const result = await h.boh(['import', 'opening_stock', h.file('again.csv', file(ROWS)), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 7, created: 0, updated: 0, unchanged: 3, rejected: 4 });
    expect(await balance('0001', 'BEANS')).toMatchObject({ quantity: 2000, value_fen: 24_000 });
  });

  it('rejects other values for a posted balance, in the chosen language', async () => {
    const result = await h.boh(['import', 'opening_stock', h.file('changed.csv', file(['0002,BEANS,咖啡豆,600,,72.00,2024-01-01,'])), '--json'], { BOH_LANG: 'zh-CN' });
    expect(result.code).toBe(6);
    const reason = csvRows(h.read('changed.errors.csv'))[1]!.at(-1);
    expect(reason).toContain('0002/BEANS 的期初库存已按其他数值过账（500 g，60.00 元，日期 2024-01-01）');
    expect(await balance('0002', 'BEANS')).toMatchObject({ quantity: 500, value_fen: 6_000 });
  });

  it('exports the balances as the import reads them, so importing the export changes nothing', async () => {
    for (const format of ['csv', 'xlsx']) {
      const output = `期初导出.${format}`;
      const exported = await h.boh(['export', 'opening_stock', '--output', output, '--json'], { BOH_LANG: 'zh-CN' });
      expect(exported.code, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout).count).toBe(3);
      if (format === 'csv') {
        expect(csvRows(h.read(output))).toContainEqual(['0001', 'BEANS', '', '2000', '', '24000', '2024-01-01', 'OPEN-0001', '']);
        expect(csvRows(h.read(output))[0]!.slice(0, 2)).toEqual(['门店编码', '物料编码']);
      }
      const again = await h.boh(['import', 'opening_stock', `${h.folder}/${output}`, '--json']);
      expect(JSON.parse(again.stdout).job.counts, again.stderr).toEqual({ received: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
    }
  });

  it('reads back exported base quantities above a million', async () => {
    const result = await h.boh(['import', 'opening_stock', h.file('big.csv', file(['0001,SUGAR,白砂糖,1200000,,9600.00,2024-01-01,'])), '--json']);
    expect(JSON.parse(result.stdout).job.counts, h.read('big.results.csv')).toMatchObject({ created: 1, rejected: 0 });
    expect(await balance('0001', 'SUGAR')).toMatchObject({ quantity: 1_200_000, value_fen: 960_000 });

    const exported = await h.boh(['export', 'opening_stock', '--output', 'big-export.csv', '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(csvRows(h.read('big-export.csv'))).toContainEqual(['0001', 'SUGAR', '', '1200000', '', '960000', '2024-01-01', '', '']);
    const again = await h.boh(['import', 'opening_stock', `${h.folder}/big-export.csv`, '--json']);
    expect(JSON.parse(again.stdout).job.counts, h.read('big-export.results.csv')).toEqual({ received: 4, created: 0, updated: 0, unchanged: 4, rejected: 0 });
  });

  it('plans a dry run without posting anything', async () => {
    const result = await h.boh(['import', 'opening_stock', h.file('dry.csv', file(['0002,SUGAR,白砂糖,1000,,10.00,2024-01-01,'])), '--dry-run', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ created: 1, rejected: 0 });
    expect(await balance('0002', 'SUGAR')).toBeUndefined();
  });

  it('rejects rows dated in a closed period and posts nothing of them', async () => {
    const closed = await send(h.server.url, 'POST', '/ledger/periods/2023-11/close', { token: h.env.BOH_TOKEN });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    const result = await h.boh(['import', 'opening_stock', h.file('closed.csv', file(['0002,MILK,牛奶,1,盒,15.00,2023-11-30,'])), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ created: 0, rejected: 1 });
    expect(csvRows(h.read('closed.errors.csv'))[1]!.at(-1)).toMatch(/period 2023-11 is closed/);
    expect(await balance('0002', 'MILK')).toBeUndefined();
  });
});
