import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { LAYOUTS } from '../src/commands/voucher/layouts.js';

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-close-cli-'));

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  boh = createClient({ baseUrl: server.url, token });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
  await boh.items.create({ code: 'BEANS', name: '咖啡豆', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }] });
  await boh.menuItems.create({ code: 'ESPRESSO', name: '浓缩咖啡', components: [{ component_type: 'item', code: 'BEANS', quantity: 18 }] });
  await boh.stock.postDocument({ kind: 'receipt', store_code: '0001', occurred_at: '2024-01-02T01:00:00Z', lines: [{ item_code: 'BEANS', quantity: 2, unit: '袋', value_fen: 24_000 }] });
  for (const [number, quantity] of [['C-1', 1], ['C-2', 3]] as const) {
    await boh.orders.post({
      store_code: '0001',
      order_number: number,
      channel: 'dine_in',
      ordered_at: '2024-01-05T04:00:00Z',
      lines: [{ menu_item_code: 'ESPRESSO', quantity, unit_price_fen: 2050 }],
      payments: [{ method: 'wechat', amount_fen: 2050 * quantity }],
    });
  }
  await boh.stock.counts.create({ store_code: '0001', count_date: '2024-01-31', item_codes: ['BEANS'] });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('boh close', () => {
  it('prints the checklist and exits with 7 while a check fails', async () => {
    const result = await runBoh(['close', '--period', '2024-01', '--dry-run', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(7);
    const rows = result.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ['订单全部过账（orders_posted）', '通过'],
      ['试算平衡（trial_balance_balanced）', '通过'],
      ['盘点全部过账（stock_counts_posted）', '未通过'],
      ['对账（reconciliations）', '未通过'],
      ['以前期间已结账（previous_periods_closed）', '通过（提醒）'],
    ]);
    expect(result.stderr).toContain('期间 2024-01 未结账');
    expect((await boh.ledger.periods.get('2024-01')).status).toBe('open');
  });

  it('rejects a misspelt --accept', async () => {
    const chinese = await runBoh(['close', '--period', '2024-01', '--accept', 'reconcilations', '--yes', '--lang', 'zh-CN'], { env });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain('选项 --accept：月结检查中没有名为“reconcilations”的检查项。');
    expect(chinese.stderr).toContain('reconciliations');
    const english = await runBoh(['close', '--period', '2024-01', '--dry-run', '--accept', 'stock_count_posted', '--lang', 'en'], { env });
    expect(english.code).toBe(2);
    expect(english.stderr).toContain('the month-end checklist has no check called "stock_count_posted"');
    expect((await boh.ledger.periods.get('2024-01')).status).toBe('open');
  });

  it('closes when the failing check is accepted', async () => {
    const dry = await runBoh(['close', '--period', '2024-01', '--dry-run', '--accept', 'stock_counts_posted', '--accept', 'reconciliations', '--json'], { env });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ready: true, closed: false });

    const result = await runBoh(['close', '--period', '2024-01', '--accept', 'stock_counts_posted', '--accept', 'reconciliations', '--yes', '--json'], { env });
    expect(result.code).toBe(0);
    const closed = JSON.parse(result.stdout);
    expect(closed).toMatchObject({ period: '2024-01', status: 'closed', ready: true, closed: true });
    expect(closed.checks.find((c: { key: string }) => c.key === 'stock_counts_posted').state).toBe('accepted');
    expect((await boh.ledger.periodSnapshot('2024-01')).verified).toBe(true);
  });

  it('says a closed period was already closed', async () => {
    const chinese = await runBoh(['close', '--period', '2024-01', '--yes', '--lang', 'zh-CN'], { env });
    expect(chinese.code).toBe(0);
    expect(chinese.stderr).toContain('期间 2024-01 的状态本来就是“已结账”，本次未做任何修改。');
    expect(chinese.stderr).not.toContain('期末快照已保存');
    const english = await runBoh(['close', '--period', '2024-01', '--yes', '--lang', 'en'], { env });
    expect(english.stderr).toContain('Period 2024-01 was already closed; nothing was changed.');
  });
});

/** Read the first sheet of an XLSX as rows of cell values. */
async function readSheet(file: string): Promise<{ rows: unknown[][]; formats: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  const formats: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1));
    formats.push(values.slice(1).map((_, index) => row.getCell(index + 1).numFmt ?? ''));
  });
  return { rows, formats };
}

/** Yuan read back from a cell, as fen: through the decimal text, never by multiplying floats. */
const fenOf = (value: unknown) => (value === null || value === undefined ? 0 : Number(String((value as number).toFixed(2)).replace('.', '')));

describe('boh voucher export', () => {
  it('writes the Kingdee layout with balanced vouchers and amounts in yuan', async () => {
    const result = await runBoh(['voucher', 'export', '--period', '2024-01', '--layout', 'kingdee', '--out', join(folder, 'gl'), '--json'], { env });
    expect(result.code).toBe(0);
    const file = join(folder, 'gl', 'vouchers-2024-01-kingdee.xlsx');
    expect(JSON.parse(result.stdout)).toEqual({ period: '2024-01', layout: 'kingdee', files: [file] });

    const { rows, formats } = await readSheet(file);
    const header = rows[0] as string[];
    expect(header).toEqual(LAYOUTS.kingdee.columns.map((column) => column.header));
    expect(header.slice(0, 9)).toEqual(['凭证日期', '会计年度', '会计期间', '凭证字', '凭证号', '分录序号', '摘要', '科目代码', '科目名称']);
    const at = (name: string) => header.indexOf(name);

    const body = rows.slice(1);
    const vouchers = new Map<number, { debit: number; credit: number }>();
    for (const row of body) {
      const totals = vouchers.get(row[at('凭证号')] as number) ?? { debit: 0, credit: 0 };
      totals.debit += fenOf(row[at('借方金额')]);
      totals.credit += fenOf(row[at('贷方金额')]);
      vouchers.set(row[at('凭证号')] as number, totals);
    }
    expect(vouchers.size).toBeGreaterThanOrEqual(2);
    for (const totals of vouchers.values()) expect(totals.debit).toBe(totals.credit);

    const sales = body.filter((row) => String(row[at('摘要')]).includes('销售'));
    const receipts = sales.filter((row) => String(row[at('科目代码')]) === '1012.01');
    expect(receipts.map((row) => fenOf(row[at('借方金额')]))).toEqual([2050, 6150]);
    expect(receipts[0]![at('核算项目')]).toBe('部门---0001---静安寺店');
    expect(receipts[0]![at('科目名称')]).toBe('其他货币资金-微信');
    expect((receipts[0]![at('凭证日期')] as Date).toISOString().slice(0, 10)).toBe('2024-01-05');
    expect(formats[body.indexOf(receipts[0]!) + 1]![at('借方金额')]).toBe('0.00');
    expect(receipts[0]![at('参考信息')]).toMatch(/^BOH#\d+ 销售 批次 \d+$/);
  });

  it('writes the Yonyou layout', async () => {
    const result = await runBoh(['voucher', 'export', '--period', '2024-01', '--layout', 'yonyou', '--out', join(folder, 'gl')], { env });
    expect(result.code).toBe(0);
    const { rows } = await readSheet(join(folder, 'gl', 'vouchers-2024-01-yonyou.xlsx'));
    expect(rows[0]).toEqual(['制单日期', '凭证类别字', '凭证号', '附单据数', '分录行号', '摘要', '科目编码', '科目名称', '借方金额', '贷方金额', '币种', '汇率', '部门编码', '部门名称', '制单人', '外部凭证号']);
    expect(rows.slice(1).every((row) => row[1] === '记')).toBe(true);
    // The external voucher number is an id the importer stores, so it keeps the codes.
    expect(rows.slice(1).some((row) => /^BOH#\d+ sales batch:\d+$/.test(String(row[15])))).toBe(true);
  });

  it('writes a plain CSV', async () => {
    const result = await runBoh(['voucher', 'export', '--period', '2024-01', '--layout', 'csv', '--out', folder, '--lang', 'en'], { env });
    expect(result.code).toBe(0);
    const bytes = readFileSync(join(folder, 'vouchers-2024-01-csv.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Period,Voucher word,Voucher number,Date,Line,Summary,Account code,Account name,Debit (yuan),Credit (yuan),Store code,Store name,Attachments,Prepared by,Entry id,Source,Source reference,Source code,Source reference code');
    const receipts = lines.filter((line) => line.includes(',1012.01,')).map((line) => line.slice(line.indexOf(',1012.01,')));
    expect(receipts.map((tail) => tail.split(',').slice(0, 5))).toEqual([
      ['', '1012.01', 'Other monetary funds - WeChat Pay', '20.50', '0.00'],
      ['', '1012.01', 'Other monetary funds - WeChat Pay', '61.50', '0.00'],
    ]);
    expect(lines.some((line) => line.includes(',"Sales of store 0001 on 2024-01-05, 1 order",'))).toBe(true);
    expect(readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(lines.find((line) => line.includes(',1012.01,'))).toMatch(/,sales,batch (\d+),sales,batch:\1$/);
  });

  it('labels the source in a Chinese CSV', async () => {
    const out = join(folder, 'zh');
    const result = await runBoh(['voucher', 'export', '--period', '2024-01', '--layout', 'csv', '--out', out, '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(0);
    const lines = readFileSync(join(out, 'vouchers-2024-01-csv.csv'), 'utf8').slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(-4)).toEqual(['来源', '来源单号', '来源代码', '来源单号代码']);
    const receipt = lines.find((line) => line.includes(',1012.01,'))!;
    expect(receipt).toMatch(/,销售,批次 (\d+),sales,batch:\1$/);
    const stock = lines.filter((line) => line.includes(',stock_receipt,'));
    expect(stock.length).toBeGreaterThan(0);
    for (const line of stock) expect(line).toContain(',入库,');
  });

  it('rejects an unknown layout as a usage error', async () => {
    const result = await runBoh(['voucher', 'export', '--period', '2024-01', '--layout', 'sap'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown voucher layout "sap"');
  });
});

describe('output folder the system refuses', () => {
  // A path through an existing file cannot be a folder: the command names the path and the reason.
  const blocked = () => {
    const file = join(folder, 'not-a-folder');
    writeFileSync(file, '');
    return join(file, 'out');
  };
  const commands = [
    ['voucher', 'export', '--period', '2024-01', '--layout', 'csv', '--out'],
    ['report', 'store-pnl', '--period', '2024-01', '--format', 'csv', '--out'],
    ['template', 'store', '--output'],
  ];

  it.each(commands)('is a usage error: %s %s', async (...command) => {
    const path = blocked();
    const target = command[0] === 'template' ? join(path, 'store.xlsx') : path;
    const chinese = await runBoh([...command, target, '--lang', 'zh-CN'], { env });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain(`无法使用 ${target}：路径中有一部分是文件，不是文件夹。`);
    expect(chinese.stderr).not.toMatch(/ENOTDIR|at async|缺陷/);
    const english = await runBoh([...command, target, '--lang', 'en'], { env });
    expect(english.code).toBe(2);
    expect(english.stderr).toContain(`Cannot use ${target}: part of the path is a file, not a folder.`);
  });
});

describe('values the API rejects', () => {
  it('are named by their option', async () => {
    const chinese = await runBoh(['report', 'store-pnl', '--period', '2024-01', '--store', 'NOPE', '--out', folder, '--lang', 'zh-CN'], { env });
    expect(chinese.code).toBe(3);
    expect(chinese.stderr).toContain('  - 选项 --store：门店 "NOPE" 不存在');
    expect(chinese.stderr).not.toContain('body.store_code');
    const english = await runBoh(['report', 'store-pnl', '--period', '2024-01', '--region', 'XX', '--out', folder, '--lang', 'en'], { env });
    expect(english.stderr).toContain('  - Option --region: region "XX" does not exist');
    expect(english.stderr).not.toContain('body.region_code');
  });

  it('keep the field path in JSON', async () => {
    const result = await runBoh(['report', 'store-pnl', '--period', '2024-01', '--store', 'NOPE', '--out', folder, '--json'], { env });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stderr).error.fields[0].field).toBe('body.store_code');
  });
});

describe('boh period reopen', () => {
  it('reopens with a reason', async () => {
    const result = await runBoh(['period', 'reopen', '--period', '2024-01', '--reason', '补录发票', '--yes', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'open', reopen_reason: '补录发票' });
  });
});
