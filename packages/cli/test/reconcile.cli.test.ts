import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-reconcile-cli-'));
const bill = join(folder, 'wechat-2024-01.csv');

// A WeChat Pay merchant bill (交易账单): backtick-prefixed fields and a summary block (case B19).
const HEADER = '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率';
const row = (at: string, transaction: string, order: string, yuan: string, fee: string) =>
  `\`${at},\`wx0000000000000001,\`1900000001,\`0,\`POS01,\`${transaction},\`${order},\`oUser0000000001,\`MICROPAY,\`SUCCESS,\`OTHERS,\`CNY,\`${yuan},\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`午市套餐,\`,\`${fee},\`0.60%`;

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  boh = createClient({ baseUrl: server.url, token });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
  await boh.items.create({ code: 'BEANS', name: '咖啡豆', kind: 'raw_material', base_unit: 'g' });
  await boh.menuItems.create({ code: 'SET', name: '午市套餐', components: [{ component_type: 'item', code: 'BEANS', quantity: 18 }] });
  const order = (number: string, at: string, fen: number, transaction: string | null, merchantOrder: string | null) => ({
    store_code: '0001',
    order_number: number,
    channel: 'dine_in' as const,
    ordered_at: at,
    lines: [{ menu_item_code: 'SET', quantity: 1, unit_price_fen: fen }],
    payments: [{ method: 'wechat' as const, amount_fen: fen, transaction_id: transaction, merchant_order_number: merchantOrder }],
  });
  await boh.orders.postBatch([
    order('O-1', '2024-01-05T04:30:11Z', 5800, '4200000000202401050000000001', 'M20240105000001'),
    order('O-2', '2024-01-06T01:00:00Z', 3500, '4200000000202401060000000002', 'M20240106000002'),
  ]);
  writeFileSync(
    bill,
    [
      HEADER,
      row('2024-01-05 12:30:11', '4200000000202401050000000001', 'M20240105000001', '58.00', '0.35000'),
      row('2024-01-07 10:00:00', '4200000000202401070000000003', 'M20240107000003', '12.00', '0.07000'),
      '总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额',
      '`2,`70.00,`0.00,`0.00,`0.42000',
    ].join('\n'),
  );
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('boh statement parse', () => {
  it('reports the layout, the lines and the totals without storing anything', async () => {
    const result = await runBoh(['statement', 'parse', bill, '--json'], { env });
    expect(result.code).toBe(0);
    const [parsed] = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ channel: 'wechat', counts: { processed: 2, ok: 2, flagged: 0, rejected: 0 }, totals: { grossFen: 7000, feeMilliFen: 42_000 } });
    expect((await boh.statements.list()).data).toEqual([]);

    const people = await runBoh(['statement', 'parse', bill, '--lang', 'en'], { env });
    expect(people.stdout).toMatch(/gross 70\.00, refunds \d+\.\d{2}, fees 0\.42, net -?\d+\.\d{2}\n/);
  });

  it('names the channel by its label', async () => {
    const chinese = await runBoh(['statement', 'parse', bill, '--lang', 'zh-CN'], { env });
    expect(chinese.stdout).toContain('（微信支付）');
    const english = await runBoh(['statement', 'parse', bill, '--lang', 'en'], { env });
    expect(english.stdout).toContain('(WeChat Pay)');
  });

  it('reports a row of an unknown type with its line and reads the rest', async () => {
    const unknown = join(folder, 'unknown-type.csv');
    writeFileSync(
      unknown,
      [
        '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注',
        '2024-01-05 12:30:11,商户消费,某面馆,牛肉面,支出,¥58.00,零钱,支付成功,4200000000202401050000000201,M1,/',
        '2024-01-05 23:40:27,分分捐,某公益基金会,乐园,支出,¥0.01,零钱,支付成功,4200000000202401050000000202,M2,/',
        '2024-01-06 09:15:02,商户消费,某超市,矿泉水,支出,¥3.50,零钱,支付成功,4200000000202401060000000203,M3,/',
      ].join('\n'),
    );
    const result = await runBoh(['statement', 'parse', unknown, '--lang', 'en'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 lines, 1 flagged, 0 rejected');
    expect(result.stderr).toContain('Line 3: transaction type "分分捐"');
  });

  it('names the file it cannot read', async () => {
    const other = join(folder, 'notes.csv');
    writeFileSync(other, 'a,b\n1,2\n');
    const result = await runBoh(['statement', 'parse', other, '--lang', 'en'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read notes.csv as a statement');
  });
});

describe('boh reconcile', () => {
  const out = join(folder, 'out');
  const args = ['reconcile', 'wechat', '--statement', bill, '--period', '2024-01', '--out', out, '--fail-on', 'unexplained', '--lang', 'en'];

  it('fails CI with exit code 7 on unexplained differences and writes the workbook and JSON', async () => {
    const result = await runBoh([...args, '--json'], { env });
    expect(result.code).toBe(7);
    const run = JSON.parse(result.stdout);
    expect(run.summary.states.matched).toEqual({ count: 1, amount_fen: 5800 });
    expect(run.summary.states.missing_in_statement).toEqual({ count: 1, amount_fen: 3500 });
    expect(run.summary.states.missing_in_pos).toEqual({ count: 1, amount_fen: 1200 });
    expect(run.files).toEqual([join(out, 'reconciliation-wechat-2024-01.xlsx'), join(out, 'reconciliation-wechat-2024-01.json')]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(run.files[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Matched', 'Timing difference', 'Amount mismatch', 'Missing in statement', 'Missing in POS', 'Duplicate', 'Written off']);
    const missing = workbook.getWorksheet('Missing in statement')!;
    expect(missing.getRow(2).getCell(8).value).toBe(35);
    expect(missing.getRow(2).getCell(8).numFmt).toBe('#,##0.00');
    expect(missing.getRow(2).getCell(2).value).toBe('No statement line matches this POS payment.');
  });

  it('prints the same summary on a re-run, reusing the stored statement', async () => {
    const first = await runBoh(args, { env });
    const second = await runBoh(args, { env });
    expect(second.code).toBe(7);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toContain('Missing in POS');
    expect(second.stderr).toMatch(/is already stored as statement stm_[0-9a-f]{16}, loaded at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}; using that statement\. See the stored statements with `boh statement list --period 2024-01`\./);
    expect(second.stderr).not.toMatch(/[0-9a-f]{64}|file_sha256/);
    expect((await boh.statements.list()).data).toHaveLength(1);
  });

  it('passes once finance accepts the differences', async () => {
    const [reconciliation] = (await boh.reconciliations.list({ period: '2024-01' })).data;
    await boh.reconciliations.accept(reconciliation!.id, { note: 'O-2 is paid next month' });
    const result = await runBoh(args, { env });
    expect(result.code).toBe(0);
  });
});

describe('boh reconcile list, items and resolve', () => {
  let id: string;

  it('lists the reconciliation and its unexplained items', async () => {
    const list = await runBoh(['reconcile', 'list', '--period', '2024-01', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    const [reconciliation] = JSON.parse(list.stdout);
    expect(reconciliation).toMatchObject({ channel: 'wechat', period: '2024-01', unexplained: { count: 2, amount_fen: 4700 } });
    id = reconciliation.id;

    const items = await runBoh(['reconcile', 'items', id, '--unexplained', '--lang', 'en'], { env });
    expect(items.code, items.stderr).toBe(0);
    const rows = items.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.map((row) => [row[1], row[4]])).toEqual([
      ['Missing in statement', '35.00'],
      ['Missing in POS', '12.00'],
    ]);
  });

  it('lists the stored statement', async () => {
    const result = await runBoh(['statement', 'list', '--channel', 'wechat', '--lang', 'zh-CN'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^stm_[0-9a-f]{16}\t微信支付\t2024-01\twechat-2024-01\.csv\t1900000001\t2\t70\.00\t已保存\t/);
  });

  it('resolves one item with a note and one with a journal entry', async () => {
    const [missingInStatement, missingInPos] = (await boh.reconciliations.items(id).pages().next()).value!.data.filter((item) => item.state !== 'matched');
    const noted = await runBoh(['reconcile', 'resolve', id, String(missingInStatement!.id), '--note', 'O-2 是次月到账', '--lang', 'zh-CN'], { env });
    expect(noted.code, noted.stderr).toBe(0);
    expect(noted.stdout).toBe(`${id} 的明细 ${missingInStatement!.id}（对账单缺失，35.00 元）已处理。\n`);

    const posted = await runBoh(['reconcile', 'resolve', id, String(missingInPos!.id), '--note', 'Paid on the old terminal', '--debit', '5603', '--credit', '1012.01', '--amount', '12', '--json'], { env });
    expect(posted.code, posted.stderr).toBe(0);
    const item = JSON.parse(posted.stdout);
    expect(item.resolution).toMatchObject({ kind: 'journal', note: 'Paid on the old terminal' });
    const entry = await boh.ledger.entries.get(item.resolution.journal_entry_id);
    expect(entry.lines.map((line) => [line.account_code, line.debit_fen, line.credit_fen])).toEqual([
      ['5603', 1200, 0],
      ['1012.01', 0, 1200],
    ]);

    const left = await runBoh(['reconcile', 'items', id, '--unexplained', '--lang', 'en'], { env });
    expect(left.stderr).toContain('No item found.');
    expect((await boh.reconciliations.get(id)).unexplained).toEqual({ count: 0, amount_fen: 0 });
  });

  it('explains an item already resolved and an item id that is gone', async () => {
    const [resolved] = (await boh.reconciliations.items(id, { state: 'missing_in_pos' }).pages().next()).value!.data;
    const again = await runBoh(['reconcile', 'resolve', id, String(resolved!.id), '--note', 'again', '--lang', 'en'], { env });
    expect(again.code).toBe(3);
    expect(again.stderr).toContain(`Item ${resolved!.id} was resolved by test-admin.`);
    const unknown = await runBoh(['reconcile', 'resolve', id, '999', '--note', 'x', '--lang', 'zh-CN'], { env });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('`boh reconcile items <对账编号>`');
  });

  it('rejects a resolution without a note or with half a journal entry', async () => {
    const empty = await runBoh(['reconcile', 'resolve', id, '1', '--lang', 'en'], { env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('Give a --note, or --debit, --credit and --amount');
    const half = await runBoh(['reconcile', 'resolve', id, '1', '--debit', '1122', '--amount', '1', '--lang', 'zh-CN'], { env });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('调整凭证需要同时给出 --debit、--credit 和 --amount。');
  });
});

describe('boh reconcile bank', () => {
  it('prints the settlement states in Chinese', async () => {
    const bank = join(folder, 'cmb-2024-01.csv');
    writeFileSync(bank, '\ufeff记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\r\n2024-01-10,人民币,300.00,300.00,入账,财付通支付科技有限公司,结算\r\n2024-01-15,人民币,800.00,1100.00,入账,张三,转账\r\n');
    const result = await runBoh(['reconcile', 'bank', '--statement', bank, '--period', '2024-01', '--out', folder, '--lang', 'zh-CN'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/非渠道结算\s+1\s+800\.00/);
    expect(result.stderr).toContain('reconciliation-bank-2024-01.xlsx');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, 'reconciliation-bank-2024-01.xlsx'));
    const headers = (book.getWorksheet('非渠道结算')!.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toContain('结算日');
    expect(headers).toContain('银行入账');
    expect(headers.at(-1)).toBe('渠道');
    // A bank item has no store, POS time, fee or merchant order number, so those columns are left out.
    expect(headers).not.toContain('门店');
    expect(headers).not.toContain('收银时间（UTC）');
    expect(headers).not.toContain('手续费');
    expect(headers).not.toContain('商户订单号');
    expect(headers).toHaveLength(15);
  });
});

describe('boh reconcile-settings', () => {
  it('changes a channel and prints it', async () => {
    const result = await runBoh(['reconcile-settings', 'alipay', '--tolerance-fen', '3', '--lag-days', '2', '--bank-name', '支付宝', '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ channel: 'alipay', tolerance_fen: 3, settlement_lag_days: 2, bank_names: ['支付宝'], stored: true });
  });

  it('lists every channel in Chinese', async () => {
    const result = await runBoh(['reconcile-settings', '--lang', 'zh-CN'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('容差（分）');
    expect(result.stdout).toContain('（默认）');
    expect(result.stdout.split('\n').filter((line) => /\((wechat|alipay|unionpay|meituan|jd)\)/.test(line))).toHaveLength(5);
  });

  it('names the limits of a number option', async () => {
    const negative = await runBoh(['reconcile-settings', 'wechat', '--lag-days', '-1', '--lang', 'en'], { env });
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('Option --lag-days: -1 is less than 0; give a whole number of 0 or more.');
    const huge = await runBoh(['reconcile', 'bank', '--statement', bill, '--period', '2024-01', '--tolerance-fen', '99999999999999999', '--lang', 'zh-CN'], { env });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('选项 --tolerance-fen：99999999999999999 大于 100000');
  });

  it('needs a channel to change', async () => {
    const result = await runBoh(['reconcile-settings', '--tolerance-fen', '1'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('boh reconcile-settings wechat');
  });

  it('rejects the bank options on a channel run', async () => {
    const result = await runBoh(['reconcile', 'wechat', '--statement', bill, '--period', '2024-01', '--lag-days', '1'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--lag-days');
  });
});
