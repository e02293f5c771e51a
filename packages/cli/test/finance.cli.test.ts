import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { ledgerMessages } from '../src/commands/ledger/messages.js';
import { salesMessages } from '../src/commands/sales/messages.js';
import { stockMessages } from '../src/commands/stock/messages.js';

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-finance-cli-'));

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  boh = createClient({ baseUrl: server.url, token });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
  await boh.items.create({ code: 'BEANS', name: '咖啡豆', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }] });
  await boh.menuItems.create({ code: 'ESPRESSO', name: '浓缩咖啡', components: [{ component_type: 'item', code: 'BEANS', quantity: 18 }] });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

const order = (number: string, quantity: number) => ({
  store_code: '0001',
  order_number: number,
  channel: 'dine_in',
  ordered_at: '2024-01-05T04:00:00Z',
  lines: [{ menu_item_code: 'ESPRESSO', quantity, unit_price_fen: 2000 }],
  payments: [{ method: 'wechat', amount_fen: 2000 * quantity }],
});

describe('boh stock receive', () => {
  it('receives packs at a value in yuan', async () => {
    const result = await runBoh(['stock', 'receive', '--store', '0001', '--line', 'BEANS:2:袋:240.00', '--tax', 'BEANS:31.20', '--at', '2024-01-02T00:00:00Z', '--json'], { env });
    expect(result.code).toBe(0);
    const posted = JSON.parse(result.stdout);
    expect(posted.movements[0]).toMatchObject({ item_code: 'BEANS', quantity: 2000, value_fen: 24_000 });
  });

  it('names the option of a malformed line', async () => {
    const result = await runBoh(['stock', 'receive', '--store', '0001', '--line', 'BEANS:2', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('选项 --line：“BEANS:2”不符合格式 ITEM:QUANTITY[:UNIT]:VALUE');
  });
});

describe('boh order post', () => {
  it('posts a file, reports rejected orders by index and exits with 6', async () => {
    const file = join(folder, 'orders.json');
    writeFileSync(file, JSON.stringify([order('C-1', 1), order('C-2', 2), { ...order('C-3', 1), payments: [] }]));
    const result = await runBoh(['order', 'post', file], { env });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('Posted 2, duplicates 0, rejected 1, conflicts 0.');
    expect(result.stderr).toContain('orders[2] 0001/C-3: payments: the payments add up to 0 fen but the order comes to 2000 fen');

    const again = await runBoh(['order', 'post', file, '--json'], { env });
    expect(again.code).toBe(6);
    expect(JSON.parse(again.stdout)).toMatchObject({ posted: 0, duplicates: 2, rejected: 1 });
  });

  it('reads standard input', async () => {
    const result = await runBoh(['order', 'post', '-', '--json'], { env, input: JSON.stringify({ orders: [order('C-4', 1)] }) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).posted).toBe(1);
  });
});

describe('JSON files of boh order post', () => {
  it('name a syntax error by line and column in Chinese', async () => {
    const file = join(folder, 'broken.json');
    writeFileSync(file, '{\n  "orders": [\n    {"store_code": "0001",\n  ]\n}');
    const result = await runBoh(['order', 'post', file, '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`错误：无法按 JSON 读取 ${file}：第 4 行第 3 列不是有效的 JSON\n`);
  });

  it('name an empty file in English', async () => {
    const file = join(folder, 'empty.json');
    writeFileSync(file, '');
    const result = await runBoh(['order', 'post', file, '--lang', 'en'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`Error: Cannot read ${file} as JSON: the file is empty\n`);
  });

  it('read a file saved with a byte order mark', async () => {
    const file = join(folder, 'bom.json');
    writeFileSync(file, '\ufeff{"orders": []}');
    const result = await runBoh(['order', 'post', file, '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ posted: 0, rejected: 0 });
  });
});

describe('boh order list, get and refund', () => {
  it('lists orders as tab-separated lines when piped', async () => {
    const result = await runBoh(['order', 'list', '--store', '0001'], { env });
    expect(result.stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 5))).toEqual([
      ['0001', 'C-4', '2024-01-05', 'dine_in', '20.00'],
      ['0001', 'C-2', '2024-01-05', 'dine_in', '40.00'],
      ['0001', 'C-1', '2024-01-05', 'dine_in', '20.00'],
    ]);
  });

  it('refunds a line in Chinese', async () => {
    const result = await runBoh(['order', 'refund', '0001', 'C-2', '--refund-number', 'CR-1', '--line', '1:1', '--at', '2024-01-06T04:00:00Z', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('订单 0001/C-2 已退款 20.00，退款单号 CR-1。\n');
    const shown = JSON.parse((await runBoh(['order', 'get', '0001', 'C-2', '--json'], { env })).stdout);
    expect(shown).toMatchObject({ status: 'partially_refunded', refunded_fen: 2000 });
  });

  it('shows an order with labels in Chinese', async () => {
    const result = await runBoh(['order', 'get', '0001', 'C-2', '--lang', 'zh-CN'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('订单 0001/C-2，2024-01-05，堂食，部分退款');
    expect(result.stdout).toContain('微信支付');
    expect(result.stdout).not.toMatch(/dine_in|partially_refunded|\bwechat\b/);
  });

  it('says a store of --store does not exist instead of listing no orders', async () => {
    for (const json of [[], ['--json']]) {
      const result = await runBoh(['order', 'list', '--store', 'XX', ...json], { env });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('XX');
      expect(result.stderr).not.toContain('No orders');
      expect(result.stdout).toBe('');
    }
  });

  it('refuses --line with --amount', async () => {
    const result = await runBoh(['order', 'refund', '0001', 'C-2', '--refund-number', 'CR-2', '--line', '1:1', '--amount', '1'], { env });
    expect(result.code).toBe(2);
  });

  it('returns the stored refund when the same command runs again without --at', async () => {
    const args = ['-y', 'order', 'refund', '0001', 'C-4', '--amount', '5', '--refund-number', 'CR-4', '--reason', 'test'];
    const first = await runBoh(args, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('Refunded 5.00 of order 0001/C-4 as CR-4.\n');

    const again = await runBoh(args, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^Refund CR-4 of order 0001\/C-4 was already posted: 5\.00 on \d{4}-\d{2}-\d{2}\. Nothing changed\.\n$/);
    const chinese = await runBoh([...args, '--lang', 'zh-CN'], { env });
    expect(chinese.code, chinese.stderr).toBe(0);
    expect(chinese.stderr).toMatch(/^订单 0001\/C-4 的退款 CR-4 此前已过账：\d{4}-\d{2}-\d{2} 退款 5\.00。本次没有任何更改。\n$/);

    const shown = JSON.parse((await runBoh(['order', 'get', '0001', 'C-4', '--json'], { env })).stdout);
    expect(shown.refunds).toHaveLength(1);
    expect(shown.refunded_fen).toBe(500);
  });

  it('still reports a conflict when the repeated refund differs', async () => {
    const result = await runBoh(['-y', 'order', 'refund', '0001', 'C-4', '--amount', '6', '--refund-number', 'CR-4'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('amount_fen');
    expect(result.stderr).not.toContain('refunded_at');
  });

  it('names the option and yuan when a refund amount is wrong', async () => {
    const tooMuch = await runBoh(['-y', 'order', 'refund', '0001', 'C-4', '--amount', '60', '--refund-number', 'CR-5'], { env });
    expect(tooMuch.code).toBe(3);
    expect(tooMuch.stderr).toBe('Error: Refund CR-5 of order 0001/C-4 was rejected: --amount: 60.00 yuan is more than the 15.00 yuan left to refund.\n');
    const chinese = await runBoh(['-y', '--lang', 'zh-CN', 'order', 'refund', '0001', 'C-4', '--amount', '60', '--refund-number', 'CR-5'], { env });
    expect(chinese.code).toBe(3);
    expect(chinese.stderr).toBe('错误：订单 0001/C-4 的退款 CR-5 被拒绝：--amount: 60.00 元超过了可退金额 15.00 元。\n');

    for (const [option, value] of [['--amount', '-5'], ['--amount', '0'], ['--payment', '1:-5']] as const) {
      const negative = await runBoh(['-y', 'order', 'refund', '0001', 'C-4', '--amount', '1', '--refund-number', 'CR-6', ...(option === '--payment' ? ['--payment', value] : []), ...(option === '--amount' ? ['--amount', value] : [])], { env });
      expect(negative.code, value).toBe(2);
      const shown = option === '--payment' ? '-5' : value;
      expect(negative.stderr).toBe(`Error: Option ${option}: "${shown}" is not more than 0; give the amount to refund in yuan, such as 5.00.\n`);
    }
  });

  it('names an amount too large for BOH in yuan', async () => {
    for (const value of ['90071992547409.91', '90071992547409.93', '10,000,000,000.01']) {
      const english = await runBoh(['-y', 'order', 'refund', '0001', 'C-4', '--amount', value, '--refund-number', 'CR-7'], { env });
      expect(english.code, value).toBe(2);
      expect(english.stderr).toBe(`Error: Option --amount: "${value}" is more than 10,000,000,000.00 yuan, the largest amount BOH takes.\n`);
    }
    const chinese = await runBoh(['-y', '--lang', 'zh-CN', 'order', 'refund', '0001', 'C-4', '--amount', '90071992547409.91', '--refund-number', 'CR-7'], { env });
    expect(chinese.stderr).toBe('错误：选项 --amount：“90071992547409.91”超过了 BOH 可接受的最大金额 10,000,000,000.00 元。\n');
  });
});

describe('boh stock on-hand, movements and count', () => {
  it('shows stock after the sales', async () => {
    const result = await runBoh(['stock', 'on-hand', '--store', '0001', '--json'], { env });
    // 2000 g received, 4 espressos of 18 g sold, one returned.
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ item_code: 'BEANS', quantity: 2000 - 54, value_fen: 24_000 - 648 })]);
    const movements = JSON.parse((await runBoh(['stock', 'movements', '--store', '0001', '--json'], { env })).stdout);
    expect(movements.map((m: { kind: string }) => m.kind)).toEqual(['receipt', 'sale', 'sale', 'refund_return']);
  });

  it('counts from a GBK CSV file and posts with --yes', async () => {
    const created = JSON.parse((await runBoh(['stock', 'count', 'create', '--store', '0001', '--json'], { env })).stdout);
    const file = join(folder, '盘点表.csv');
    writeFileSync(file, iconv.encode('物料编码,数量,单位\r\nBEANS,1.9,袋\r\n', 'gbk'));
    const entered = await runBoh(['stock', 'count', 'enter', String(created.id), '--file', file, '--json'], { env });
    expect(entered.code).toBe(0);
    expect(JSON.parse(entered.stdout).lines[0]).toMatchObject({ counted_quantity: 1900, variance_quantity: -46 });

    const refused = await runBoh(['stock', 'count', 'post', String(created.id)], { env });
    expect(refused.code).toBe(2);
    const posted = await runBoh(['stock', 'count', 'post', String(created.id), '--yes'], { env });
    expect(posted.code).toBe(0);
    expect(posted.stderr).toContain(`Posted count ${created.id}: variance -5.52`);
  });

  it('reports every bad row of a count file', async () => {
    const created = JSON.parse((await runBoh(['stock', 'count', 'create', '--store', '0001', '--item', 'BEANS', '--json'], { env })).stdout);
    const file = join(folder, 'bad.csv');
    writeFileSync(file, 'item_code,quantity\nBEANS,abc\nBEANS,-1\n');
    const result = await runBoh(['stock', 'count', 'enter', String(created.id), '--file', file], { env });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('line 2: "abc" is not a quantity');
    expect(result.stderr).toContain('line 3: "-1" is not a quantity');
  });
});

describe('unknown filter codes', () => {
  const cases = [
    ['stock', 'on-hand', '--store', 'NOPE'],
    ['stock', 'on-hand', '--item', 'NOPE'],
    ['stock', 'movements', '--store', 'NOPE'],
    ['stock', 'count', 'list', '--store', 'NOPE'],
    ['ledger', 'trial-balance', '--period', '2024-01', '--store', 'NOPE'],
    ['ledger', 'detail', '--period', '2024-01', '--account', '1002', '--store', 'NOPE'],
  ];

  it.each(cases)('are named instead of listing nothing: %s %s', async (...args) => {
    const result = await runBoh([...args, '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/找不到.+“NOPE”/);
    expect(result.stderr).not.toContain('没有可显示的内容');
    expect(result.stdout).toBe('');
  });
});

describe('date options', () => {
  const cases = [
    ['order', 'list', '--from', '2024-13-01'],
    ['order', 'list', '--to', '2024-02-30'],
    ['stock', 'movements', '--from', '2024/13/01'],
    ['stock', 'movements', '--to', 'yesterday'],
    ['stock', 'count', 'create', '--store', '0001', '--date', '20241301'],
    ['ledger', 'entry', 'reverse', '1', '--reason', 'wrong', '--date', '2024-02-30', '--yes'],
  ];

  it.each(cases)('reject a wrong date as usage: %s %s', async (...args) => {
    const option = args.find((arg) => arg.startsWith('--') && arg !== '--yes' && arg !== '--store' && arg !== '--reason')!;
    const value = args[args.indexOf(option) + 1]!;
    const chinese = await runBoh([...args, '--lang', 'zh-CN'], { env });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain(`选项 ${option}：`);
    expect(chinese.stderr).toContain(value);
    expect(chinese.stderr).not.toMatch(/query\.|body\.|有效的 date/);
    const english = await runBoh([...args, '--lang', 'en'], { env });
    expect(english.code).toBe(2);
    expect(english.stderr).toContain(`Option ${option}: `);
  });

  for (const command of [['stock', 'movements'], ['order', 'list']]) {
    it(`rejects --to before --from in ${command.join(' ')}`, async () => {
      const english = await runBoh([...command, '--from', '2024-01-05', '--to', '2024-01-02'], { env });
      expect(english.code).toBe(3);
      expect(english.stderr).toContain('Option --to: must not be before from (2024-01-05)');
      expect(english.stdout).toBe('');
      const chinese = await runBoh(['--lang', 'zh-CN', ...command, '--from', '2024-01-05', '--to', '2024-01-02'], { env });
      expect(chinese.stderr).toContain('选项 --to：不能早于 from（2024-01-05）');
    });
  }

  it('reads a slash date as YYYY-MM-DD', async () => {
    const result = await runBoh(['stock', 'movements', '--store', '0001', '--from', '2024/1/2', '--to', '2024年1月5日', '--json'], { env });
    expect(result.code).toBe(0);
    expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
  });
});

describe('boh ledger', () => {
  it('prints the trial balance with Chinese headers and balanced totals', async () => {
    const result = await runBoh(['ledger', 'trial-balance', '--period', '2024-01', '--level', '1', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => line.split('\t'));
    const total = rows.at(-1)!;
    expect(total[1]).toBe('合计');
    expect(total[4]).toBe(total[5]);
    expect(total[6]).toBe(total[7]);
    expect(rows.map((r) => r[0])).toContain('5001');

    const json = JSON.parse((await runBoh(['ledger', 'trial-balance', '--period', '2024-01', '--json'], { env })).stdout);
    expect(json.balanced).toBe(true);
  });

  it('names --to when it is before --period', async () => {
    const english = await runBoh(['ledger', 'detail', '--account', '1001', '--period', '2024-02', '--to', '2024-01'], { env });
    expect(english.code).toBe(3);
    expect(english.stderr).toContain('Option --to: 2024-01 is before 2024-02');
    expect(english.stderr).not.toContain('period_to');
    const chinese = await runBoh(['--lang', 'zh-CN', 'ledger', 'detail', '--account', '1001', '--period', '2024-02', '--to', '2024-01'], { env });
    expect(chinese.stderr).toContain('选项 --to：2024-01 早于 2024-02');
    expect(chinese.stderr).not.toContain('period_to');
  });

  it('prints the detail of the WeChat clearing account', async () => {
    const result = await runBoh(['ledger', 'detail', '--account', '1012.01', '--period', '2024-01', '--json'], { env });
    const detail = JSON.parse(result.stdout);
    // 2000 + 4000 + 2000 received, 2000 refunded.
    expect(detail.closing_balance_fen).toBe(6000);
    expect(detail.data.at(-1).balance_fen).toBe(6000);
  });

  it('prints the detail balances in Chinese', async () => {
    const result = await runBoh(['ledger', 'detail', '--account', '1012.01', '--period', '2024-01', '--lang', 'zh-CN'], { env });
    expect(result.stdout).toContain('期初余额：0.00');
    expect(result.stdout).toContain('期末余额：60.00');
  });

  it('closes and reopens a period with a reason', async () => {
    expect((await runBoh(['ledger', 'period', 'close', '2024-01'], { env })).code).toBe(2);
    const refused = await runBoh(['ledger', 'period', 'close', '2024-01', '--yes'], { env });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('reconciliations');
    const closed = await runBoh(['ledger', 'period', 'close', '2024-01', '--accept', 'reconciliations', '--yes', '--json'], { env });
    expect(JSON.parse(closed.stdout).status).toBe('closed');
    const posted = await runBoh(['order', 'post', '-'], { env, input: JSON.stringify(order('C-9', 1)) });
    expect(posted.code).toBe(6);
    expect(posted.stderr).toContain('period 2024-01 is closed');
    const reopened = await runBoh(['ledger', 'period', 'reopen', '2024-01', '--reason', '补录', '--yes', '--lang', 'zh-CN'], { env });
    expect(reopened.stderr).toBe('期间 2024-01 现为未结账。\n');
    const lock = await runBoh(['ledger', 'period', 'lock', '2024-01', '--yes'], { env });
    expect(lock.code).toBe(3);
    expect(lock.stderr).toContain('Period 2024-01 is open, so it cannot be locked. Only a period in one of these states can be: closed. See the state of each period with `boh ledger period list`.');
    const reopenedAgain = await runBoh(['ledger', 'period', 'reopen', '2024-01', '--reason', '补录', '--yes', '--lang', 'zh-CN'], { env });
    expect(reopenedAgain.code).toBe(3);
    expect(reopenedAgain.stderr).toContain('会计期间 2024-01 当前未结账，不能重新打开。只有以下状态的期间才可以：已结账、已锁定。可用 `boh ledger period list` 查看各期间的状态。');
  });

  it('sets a small-scale rate written as a percentage', async () => {
    const result = await runBoh(['ledger', 'tax-rate', 'set', 'catering_service', '2024-02-01', '3%', '--json'], { env });
    expect(JSON.parse(result.stdout)).toMatchObject({ tax_category: 'catering_service', effective_from: '2024-02-01', rate: 0.03 });
  });

  it('reads percentages with a space or full-width', async () => {
    for (const [text, from, rate] of [['1 %', '2024-03-01', 0.01], ['１３％', '2024-03-02', 0.13], ['6.25%', '2024-03-03', 0.0625], ['０．０６', '2024-03-04', 0.06]] as const) {
      const result = await runBoh(['ledger', 'tax-rate', 'set', 'goods', from, text, '--json'], { env });
      expect(result.code, `${text}: ${result.stderr}`).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ effective_from: from, rate });
    }
    const invalid = await runBoh(['ledger', 'tax-rate', 'set', 'goods', '2024-03-05', '六%', '--lang', 'zh-CN'], { env });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('“六%”不是税率；请写成 0.06 或 6%。');
  });

  it('shows help in Chinese', async () => {
    const result = await runBoh(['ledger', 'trial-balance', '--help', '--lang', 'zh-CN'], { env });
    expect(result.stdout).toContain('查看一段期间的科目余额表');
    expect(result.stdout).toContain('$ boh ledger trial-balance --period 2024-01');
  });
});

describe('finance catalogues', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it.each([
    ['sales', salesMessages],
    ['stock', stockMessages],
    ['ledger', ledgerMessages],
  ] as const)('%s has the same keys and placeholders in both languages', (_name, catalogue) => {
    const en = catalogue.en as Record<string, string>;
    const zh = catalogue['zh-CN'] as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
  });

  it('share no keys', () => {
    const keys = [salesMessages, stockMessages, ledgerMessages].flatMap((c) => Object.keys(c.en));
    expect(keys.length).toBe(new Set(keys).size);
  });
});
