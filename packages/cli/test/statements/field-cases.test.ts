// Field cases that have broken reconciliations elsewhere, rebuilt as fixtures of our own.

import { afterEach, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/files/types.js';
import { parseStatement } from '../../src/statements/parse-statement.js';
import { parseProfile } from '../../src/statements/profiles.js';
import { csvRows, lineAt, rowsOf, streamed } from './helpers.js';

const WECHAT_PERSONAL_HEADER = '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注';

function wechatPersonalBill(extraPreamble: readonly string[] = []): SourceRow[] {
  return csvRows(
    [
      '微信支付账单明细,,,,,,,,,,',
      '微信昵称：[门店收银],,,,,,,,,,',
      '起始时间：[2024-01-01 00:00:00] 终止时间：[2024-01-31 23:59:59],,,,,,,,,,',
      '导出类型：[全部],,,,,,,,,,',
      '共2笔记录,,,,,,,,,,',
      ...extraPreamble,
      '注：,,,,,,,,,,',
      ',,,,,,,,,,',
      '----------------------微信支付账单明细列表--------------------,,,,,,,,,,',
      WECHAT_PERSONAL_HEADER,
      '2024-01-05 12:30:11,商户消费,某面馆,牛肉面,支出,58.00,零钱,支付成功,4200000000202401050000000101,M0105A,/',
      '2024-01-06 09:15:02,商户消费,某超市,矿泉水,支出,¥3.50,零钱,支付成功,4200000000202401060000000102,M0106B,/',
    ].join('\n'),
  );
}

describe('B16 moved WeChat header', () => {
  it('finds the header by column names', async () => {
    const statement = await parseStatement(wechatPersonalBill(['1. 新增的说明行,,,,,,,,,,', '2. 又一行说明,,,,,,,,,,']));
    expect(statement.layout).toBe('wechat-personal');
    expect(statement.headerLine).toBe(11);
    expect(statement.lines.map((line) => [line.line, line.occurredAt, line.grossFen, line.channelTransactionId])).toEqual([
      [12, '2024-01-05T04:30:11Z', 5800, '4200000000202401050000000101'],
      [13, '2024-01-06T01:15:02Z', 350, '4200000000202401060000000102'],
    ]);
    expect(statement.counts).toEqual({ processed: 2, ok: 2, flagged: 0, rejected: 0 });
  });

  it('checks the declared count against the rows', async () => {
    const statement = await parseStatement(wechatPersonalBill());
    expect(statement.summary).toEqual([{ item: 'count', unit: 'count', stated: 2, computed: 2, line: 5, matches: true }]);
    expect(statement.warnings).toEqual([]);
    expect(statement.preamble.map((row) => row.text)).toContain('共2笔记录');
  });

  it('reads reordered columns by name', async () => {
    const rows = csvRows(
      [
        '交易单号,金额(元),收/支,交易时间,交易类型,交易对方,商品,支付方式,当前状态,商户单号,备注,新增列',
        '4200000000202401050000000101,58.00,支出,2024-01-05 12:30:11,商户消费,某面馆,牛肉面,零钱,支付成功,M0105A,/,x',
      ].join('\n'),
    );
    const statement = await parseStatement(rows);
    expect(statement.layout).toBe('wechat-personal');
    expect(lineAt(statement, 2)).toMatchObject({ grossFen: 5800, flow: 'out', channelTransactionId: '4200000000202401050000000101' });
  });
});

describe('B17 unknown transaction type', () => {
  const rows = csvRows(
    [
      WECHAT_PERSONAL_HEADER,
      '2024-01-05 12:30:11,商户消费,某面馆,牛肉面,支出,¥58.00,零钱,支付成功,4200000000202401050000000201,M1,/',
      '2024-01-05 23:40:27,分分捐,某公益基金会,乐园,支出,¥0.01,零钱,支付成功,4200000000202401050000000202,M2,/',
      '2024-01-06 09:15:02,商户消费,某超市,矿泉水,支出,¥3.50,零钱,支付成功,4200000000202401060000000203,M3,/',
    ].join('\n'),
  );

  it('quarantines the row and completes the run', async () => {
    const statement = await parseStatement(streamed(rows));
    expect(statement.counts).toEqual({ processed: 3, ok: 2, flagged: 1, rejected: 0 });
    expect(statement.lines.map((line) => [line.line, line.grossFen])).toEqual([
      [2, 5800],
      [4, 350],
    ]);
  });

  it('keeps the raw type and amount of the flagged row', async () => {
    const [flagged] = (await parseStatement(rows)).quarantine;
    expect(flagged).toMatchObject({
      line: 3,
      disposition: 'flagged',
      code: 'unknown-transaction-type',
      params: { line: 3, type: '分分捐', column: '交易类型' },
      partial: { typeText: '分分捐', grossFen: 1, occurredAt: '2024-01-05T15:40:27Z' },
    });
    expect(flagged?.rawText).toContain('分分捐');
  });
});

const WECHAT_MERCHANT_OLD_HEADER =
  '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率';

describe('B19 WeChat merchant bill with backticks', () => {
  const rows = csvRows(
    [
      WECHAT_MERCHANT_OLD_HEADER,
      '`2024-01-05 12:30:11,`wx0000000000000009,`1900000009,`0,`POS07,`4200000000202401050000000301,`M20240105000301,`oUserA,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`58.00,`0.00,`0,`0,`0.00,`0.00,`,`,`午市套餐,`,`0.35000,`0.60%',
      '总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额',
      '`1,`58.00,`0.00,`0.00,`0.35000',
    ].join('\n'),
  );

  it('reads one transaction without backticks', async () => {
    const statement = await parseStatement(rows);
    expect(statement.layout).toBe('wechat-merchant-trade');
    expect(statement.lines).toHaveLength(1);
    const line = lineAt(statement, 2);
    expect(line).toMatchObject({
      occurredAt: '2024-01-05T04:30:11Z',
      channelTransactionId: '4200000000202401050000000301',
      merchantOrderNumber: 'M20240105000301',
      merchantId: '1900000009',
      terminalId: 'POS07',
      status: 'SUCCESS',
      grossFen: 5800,
      refundFen: 0,
      feeRate: '0.60%',
      kind: 'payment',
      flow: 'in',
    });
    const texts = Object.values(line).filter((value): value is string => typeof value === 'string');
    expect(texts.filter((text) => text.includes('`'))).toEqual([]);
  });

  it('keeps the fee to five decimals', async () => {
    const line = lineAt(await parseStatement(rows), 2);
    expect(line.feeMilliFen).toBe(35_000);
    expect(line.feeMilliFen / 1000).toBe(35);
    expect(line.netMilliFen).toBe(5_765_000);
  });

  it('checks the summary block and does not read it as a line', async () => {
    const statement = await parseStatement(rows);
    expect(statement.summary.map((check) => [check.item, check.stated, check.computed, check.matches])).toEqual([
      ['count', 1, 1, true],
      ['gross', 5800, 5800, true],
      ['refund', 0, 0, true],
      ['fee', 35_000, 35_000, true],
    ]);
    expect(statement.footer.map((row) => row.line)).toEqual([3, 4]);
    expect(statement.account.id).toBe('1900000009');
  });

  it('recognises the current ALL bill by its header', async () => {
    const current = csvRows(
      [
        '商户订单号,交易时间,微信订单号,公众账号ID,商户号,特约商户号,设备号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
        '`M20240105000301,`2024-01-05 12:30:11,`4200000000202401050000000301,`wx09,`1900000009,`0,`,`oUserA,`JSAPI,`SUCCESS,`OTHERS,`CNY,`58.00,`0.00,`0,`0,`0.00,`0.00,`,`,`午市套餐,`,`0.35000,`0.60%,`58.00,`0.00,`',
        '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
        '`1,`58.00,`0.00,`0.00,`0.35000,`58.00,`0.00',
      ].join('\n'),
    );
    const statement = await parseStatement(current);
    expect(statement.layout).toBe('wechat-merchant-trade');
    expect(lineAt(statement, 2)).toMatchObject({ grossFen: 5800, feeMilliFen: 35_000, orderAmountFen: 5800 });
    expect(statement.summary.every((check) => check.matches)).toBe(true);
    expect(statement.summary.map((check) => check.item)).toContain('orderAmount');
  });
});

describe('B20 Alipay refund direction', () => {
  const rows = csvRows(
    [
      '交易时间,交易分类,交易对方,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号',
      '2024-01-21 09:31:32,交通出行,某租车,租车订金,支出,278.00,招商银行储蓄卡(1234),交易关闭,2024012122001400000000000099,R20240121000099',
      '2024-01-21 09:35:43,退款,某租车,退款-租车订金,收入,278.00,招商银行储蓄卡(1234),退款成功,2024012122001400000000000099_7777,R20240121000099',
    ].join('\n'),
  );

  it('signs payment and refund for the card account', async () => {
    const statement = await parseStatement(rows);
    expect(statement.layout).toBe('alipay-personal');
    expect(lineAt(statement, 2)).toMatchObject({ kind: 'payment', flow: 'out', netMilliFen: -27_800_000, paymentMethod: '招商银行储蓄卡(1234)' });
    expect(lineAt(statement, 3)).toMatchObject({ kind: 'refund', flow: 'in', netMilliFen: 27_800_000, paymentMethod: '招商银行储蓄卡(1234)' });
    expect(statement.totals.netMilliFen).toBe(0);
  });

  it('links the refund to its payment by merchant order number', async () => {
    const statement = await parseStatement(rows);
    const payment = lineAt(statement, 2);
    expect(lineAt(statement, 3).refundOf).toEqual({ line: 2, fingerprint: payment.fingerprint, by: 'merchant-order-number' });
  });

  it('keeps the closed-then-refunded payment and never counts the refund as income', async () => {
    const statement = await parseStatement(rows);
    expect(lineAt(statement, 2).status).toBe('交易关闭');
    expect(statement.totals.grossFen).toBe(27_800);
    expect(statement.totals.refundFen).toBe(27_800);
    expect(statement.lines.filter((line) => line.kind === 'payment' && line.flow === 'in')).toEqual([]);
  });
});

describe('B22 month-end cut-off in Asia/Shanghai', () => {
  const profile = parseProfile(
    {
      id: 'test-utc-instants',
      channel: 'wechat',
      detect: { signature: ['transactionId', 'date', 'amount'] },
      columns: { transactionId: ['交易单号'], date: ['交易时间UTC'], amount: ['金额'] },
      dateFormats: ['YYYY-MM-DDTHH:mm:ssZ'],
      direction: { from: 'signed-amount', positive: 'in' },
    },
    'test',
  );
  const rows = csvRows(
    ['交易单号,交易时间UTC,金额', 'T1,2024-01-31T15:30:00Z,100.00', 'T2,2024-01-31T16:10:00Z,200.00', 'T3,2024-01-31T00:05:00Z,50.00'].join('\n'),
  );
  const original = process.env['TZ'];
  afterEach(() => {
    if (original === undefined) delete process.env['TZ'];
    else process.env['TZ'] = original;
  });

  const zones = [
    { zone: 'UTC', offset: 0 },
    { zone: 'Asia/Shanghai', offset: -480 },
    { zone: 'America/Los_Angeles', offset: 480 },
  ];
  it.each(zones)('buckets by local date under TZ=$zone', async ({ zone, offset }) => {
    process.env['TZ'] = zone;
    expect(new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset()).toBe(offset);

    const statement = await parseStatement(rows, { profiles: [profile] });
    const byMonth = new Map<string, number>();
    for (const line of statement.lines) {
      const month = line.businessDate?.slice(0, 7) ?? '';
      byMonth.set(month, (byMonth.get(month) ?? 0) + line.grossFen);
    }
    expect(Object.fromEntries(byMonth)).toEqual({ '2024-01': 15_000, '2024-02': 20_000 });
    const dayTotal = statement.lines.filter((line) => line.businessDate === '2024-01-31').reduce((sum, line) => sum + line.grossFen, 0);
    expect(dayTotal).toBe(15_000);
    expect(statement.lines.map((line) => line.occurredAt)).toEqual(['2024-01-31T15:30:00Z', '2024-01-31T16:10:00Z', '2024-01-31T00:05:00Z']);
  });

  it.each(zones)('reads wall-clock times as Shanghai time under TZ=$zone', async ({ zone }) => {
    process.env['TZ'] = zone;
    const bill = csvRows(
      [WECHAT_PERSONAL_HEADER, '2024-02-01 00:10:00,商户消费,某店,咖啡,支出,20.00,零钱,支付成功,T9,M9,/'].join('\n'),
    );
    const line = lineAt(await parseStatement(bill), 2);
    expect(line.occurredAt).toBe('2024-01-31T16:10:00Z');
    expect(line.businessDate).toBe('2024-02-01');
  });
});

describe('B23 re-import of the same bill', () => {
  it('gives the same fingerprints on every import', async () => {
    const first = await parseStatement(wechatPersonalBill());
    const second = await parseStatement(wechatPersonalBill());
    expect(first.lines.map((line) => line.fingerprint)).toEqual(second.lines.map((line) => line.fingerprint));
    expect(new Set(first.lines.map((line) => line.fingerprint)).size).toBe(2);
    expect(first.totals.grossFen).toBe(6150);
  });

  it('keeps fingerprints when preamble lines shift the rows', async () => {
    const plain = await parseStatement(wechatPersonalBill());
    const shifted = await parseStatement(wechatPersonalBill(['3. 多一行,,,,,,,,,,']));
    expect(shifted.lines.map((line) => line.line)).not.toEqual(plain.lines.map((line) => line.line));
    expect(shifted.lines.map((line) => line.fingerprint)).toEqual(plain.lines.map((line) => line.fingerprint));
  });

  it('gives two identical purchases different fingerprints', async () => {
    const row = '2024-01-05 12:30:11,商户消费,某面馆,牛肉面,支出,58.00,零钱,支付成功,T1,M1,/';
    const statement = await parseStatement(csvRows([WECHAT_PERSONAL_HEADER, row, row].join('\n')));
    const [a, b] = statement.lines;
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
    expect(statement.warnings.map((warning) => warning.code)).toEqual(['duplicate-line']);
  });
});

describe('B34 fee netting', () => {
  const profile = parseProfile(
    {
      id: 'test-settlement',
      channel: 'wechat',
      detect: { signature: ['type', 'transactionId', 'merchantOrderNumber', 'gross', 'refund', 'fee'] },
      columns: {
        type: ['类型'],
        transactionId: ['微信订单号'],
        merchantOrderNumber: ['商户订单号'],
        gross: ['订单金额'],
        refund: ['退款金额'],
        fee: ['手续费'],
      },
      dateFormats: ['YYYY-MM-DD'],
      direction: {
        from: 'rules',
        column: 'type',
        rules: [
          { pattern: '^支付$', kind: 'payment', flow: 'in' },
          { pattern: '^退款$', kind: 'refund', flow: 'out' },
        ],
      },
    },
    'test',
  );
  const settlement = (refundFee: string): SourceRow[] =>
    csvRows(
      [
        '类型,微信订单号,商户订单号,订单金额,退款金额,手续费',
        '支付,4200000000202401050000000401,S0001,100.00,0.00,0.60',
        '支付,4200000000202401050000000402,S0002,58.00,0.00,0.35',
        `退款,4200000000202401050000000401,S0001,0.00,100.00,${refundFee}`,
      ].join('\n'),
    );

  it('nets each line from the stated fee', async () => {
    const statement = await parseStatement(settlement('-0.60'), { profiles: [profile], billDate: '2024-01-05' });
    expect(statement.lines.map((line) => [line.kind, line.netMilliFen])).toEqual([
      ['payment', 9_940_000],
      ['payment', 5_765_000],
      ['refund', -9_940_000],
    ]);
    expect(statement.totals.netMilliFen).toBe(5_765_000);
    expect(statement.totals.feeMilliFen).toBe(35_000);
    expect(lineAt(statement, 4).refundOf?.line).toBe(2);
    expect(lineAt(statement, 2).businessDate).toBe('2024-01-05');
  });

  it('keeps a zero refund fee as stated', async () => {
    const statement = await parseStatement(settlement('0.00'), { profiles: [profile] });
    expect(statement.totals.netMilliFen).toBe(5_705_000);
    expect(statement.totals.feeMilliFen).toBe(95_000);
    expect(lineAt(statement, 2).businessDate).toBeNull();
  });

  it('nets the same figures from a WeChat ALL bill', async () => {
    const row = (status: string, id: string, order: string, gross: string, refund: string, fee: string): (string | number)[] =>
      [`2024-01-05 10:00:00`, 'wx1', '1900000009', '0', '', id, order, 'oU', 'JSAPI', status, 'OTHERS', 'CNY', gross, '0.00', status === 'REFUND' ? 'R1' : '0', status === 'REFUND' ? 'RF1' : '0', refund, '0.00', '', '', '套餐', '', fee, '0.60%'].map((cell) => `\`${cell}`);
    const bill = rowsOf([
      WECHAT_MERCHANT_OLD_HEADER.split(','),
      row('SUCCESS', '4200000000202401050000000401', 'S0001', '100.00', '0.00', '0.60000'),
      row('SUCCESS', '4200000000202401050000000402', 'S0002', '58.00', '0.00', '0.35000'),
      row('REFUND', '4200000000202401050000000401', 'S0001', '0.00', '100.00', '-0.60000'),
    ]);
    const statement = await parseStatement(bill);
    expect(statement.lines.map((line) => line.netMilliFen)).toEqual([9_940_000, 5_765_000, -9_940_000]);
    expect(statement.totals.feeMilliFen).toBe(35_000);
    expect(lineAt(statement, 4)).toMatchObject({ kind: 'refund', flow: 'out', channelRefundId: 'R1', merchantRefundId: 'RF1' });
  });
});
