import { describe, expect, it } from 'vitest';
import { formatMessage, type MessageCode } from '../../src/statements/messages.js';
import { parseStatement } from '../../src/statements/parse-statement.js';
import { csvRows, lineAt, warningTexts } from './helpers.js';

const ALL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';

/** Builds a WeChat ALL row; `fields` overrides cells by header name. */
function wechatRow(fields: Record<string, string>): string {
  const defaults: Record<string, string> = {
    交易时间: '2024-03-01 10:00:00',
    公众账号ID: 'wx1',
    商户号: '1900000009',
    特约商户号: '0',
    微信订单号: '4200000000202403010000000001',
    商户订单号: 'P0001',
    交易类型: 'JSAPI',
    交易状态: 'SUCCESS',
    付款银行: 'OTHERS',
    货币种类: 'CNY',
    应结订单金额: '9.90',
    代金券金额: '0.00',
    微信退款单号: '0',
    商户退款单号: '0',
    退款金额: '0.00',
    充值券退款金额: '0.00',
    手续费: '0.05940',
    费率: '0.60%',
    订单金额: '9.90',
    申请退款金额: '0.00',
  };
  return ALL_HEADER.split(',')
    .map((name) => `\`${fields[name] ?? defaults[name] ?? ''}`)
    .join(',');
}

describe('WeChat merchant trade bill', () => {
  it('reads a payment and its refund with the returned fee', async () => {
    const statement = await parseStatement(
      csvRows(
        [
          ALL_HEADER,
          wechatRow({}),
          wechatRow({ 交易时间: '2024-03-01 11:00:00', 交易状态: 'REFUND', 应结订单金额: '0.00', 订单金额: '0.00', 微信退款单号: '50300001', 商户退款单号: 'RF1', 退款金额: '9.90', 申请退款金额: '9.90', 手续费: '-0.05940', 退款类型: 'ORIGINAL', 退款状态: 'SUCCESS' }),
          '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
          '`2,`9.90,`9.90,`0.00,`0.00000,`9.90,`9.90',
        ].join('\n'),
      ),
    );
    expect(lineAt(statement, 2)).toMatchObject({ kind: 'payment', flow: 'in', grossFen: 990, feeMilliFen: 5_940, netMilliFen: 984_060 });
    expect(lineAt(statement, 3)).toMatchObject({ kind: 'refund', flow: 'out', refundFen: 990, feeMilliFen: -5_940, netMilliFen: -984_060, channelRefundId: '50300001' });
    expect(lineAt(statement, 3).refundOf).toMatchObject({ line: 2, by: 'merchant-order-number' });
    expect(statement.totals.netMilliFen).toBe(0);
    expect(statement.summary.every((check) => check.matches)).toBe(true);
  });

  it('warns when the summary disagrees with the rows', async () => {
    const statement = await parseStatement(
      csvRows([ALL_HEADER, wechatRow({}), '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额', '`12,`9.90,`0.00,`0.00,`0.05940'].join('\n')),
    );
    expect(statement.summary.find((check) => check.item === 'count')).toMatchObject({ stated: 12, computed: 1, matches: false });
    expect(warningTexts(statement)).toEqual([
      'The statement states the number of rows = 12 on line 4, but its rows give 1. Check for edited or missing rows.',
    ]);
  });

  it('recognises the REFUND bill and dates refunds by their application', async () => {
    const header = ALL_HEADER.replace('代金券金额,', '代金券金额,退款申请时间,退款成功时间,');
    const row = wechatRow({ 交易状态: 'REFUND', 退款金额: '9.90', 应结订单金额: '0.00', 手续费: '-0.05940' }).split(',');
    row.splice(14, 0, '`2024-03-02 08:00:00', '`2024-03-02 08:00:05');
    const statement = await parseStatement(csvRows([header, row.join(',')].join('\n')));
    expect(statement.layout).toBe('wechat-merchant-refund');
    expect(lineAt(statement, 2)).toMatchObject({ kind: 'refund', occurredAt: '2024-03-02T00:00:00Z', refundFen: 990 });
  });

  const quarantined: { name: string; fields: Record<string, string>; code: string; disposition: string }[] = [
    { name: 'revoked payment', fields: { 交易状态: 'REVOKED' }, code: 'status-needs-review', disposition: 'flagged' },
    { name: 'new status', fields: { 交易状态: 'PARTIAL' }, code: 'unknown-transaction-type', disposition: 'flagged' },
    { name: 'foreign currency', fields: { 货币种类: 'HKD' }, code: 'foreign-currency', disposition: 'flagged' },
    { name: 'sixth fee decimal', fields: { 手续费: '0.059401' }, code: 'amount-too-precise', disposition: 'rejected' },
    { name: 'bad amount', fields: { 应结订单金额: '9,90' }, code: 'amount-invalid', disposition: 'rejected' },
    { name: 'negative gross', fields: { 应结订单金额: '-9.90' }, code: 'amount-negative', disposition: 'rejected' },
    { name: 'bad time', fields: { 交易时间: '2024-02-30 10:00:00' }, code: 'date-invalid', disposition: 'rejected' },
  ];
  it.each(quarantined)('quarantines a $name', async ({ fields, code, disposition }) => {
    const statement = await parseStatement(csvRows([ALL_HEADER, wechatRow(fields), wechatRow({})].join('\n')));
    expect(statement.quarantine.map((row) => [row.line, row.code, row.disposition])).toEqual([[2, code, disposition]]);
    expect(statement.lines.map((line) => line.line)).toEqual([3]);
  });

  it('names a row cut short by a truncated file', async () => {
    const cut = wechatRow({}).split(',').slice(0, 2).join(',');
    const statement = await parseStatement(csvRows([ALL_HEADER, wechatRow({}), cut].join('\n')), { layout: 'wechat-merchant-trade' });
    expect(statement.lines.map((line) => line.line)).toEqual([2]);
    expect(statement.quarantine.map((row) => [row.line, row.code])).toEqual([[3, 'row-short']]);
    const [row] = statement.quarantine;
    expect(formatMessage('zh-CN', row!.code as MessageCode, { ...row!.params, line: row!.line })).toBe(
      '第 3 行只有 2 个字段，而表头有 27 列，缺少 交易状态 列；文件可能被截断，或某个字段中的换行把该行拆开了。请重新导出完整的账单。',
    );
    expect(formatMessage('en', row!.code as MessageCode, { ...row!.params, line: row!.line })).toContain('Line 3: the row ends after 2 cells but the header has 27 columns');
  });

  it('rejects an id too long to store', async () => {
    const longOrder = `P${'0'.repeat(229)}`;
    const longTransaction = `42${'1'.repeat(199)}`;
    const rows = [ALL_HEADER, wechatRow({}), wechatRow({ 商户订单号: longOrder }), wechatRow({ 微信订单号: longTransaction }), wechatRow({ 商户订单号: 'P'.repeat(200) })];
    const statement = await parseStatement(csvRows(rows.join('\n')), { layout: 'wechat-merchant-trade' });

    expect(statement.lines.map((line) => line.line)).toEqual([2, 5]);
    expect(statement.quarantine.map((row) => [row.line, row.code, row.params['column'], row.params['length']])).toEqual([
      [3, 'id-too-long', '商户订单号', 230],
      [4, 'id-too-long', '微信订单号', 201],
    ]);
    const [row] = statement.quarantine;
    expect(formatMessage('en', row!.code as MessageCode, { ...row!.params, line: row!.line })).toContain('Line 3: column 商户订单号 holds an id of 230 characters, but ids of at most 200');
    expect(formatMessage('zh-CN', row!.code as MessageCode, { ...row!.params, line: row!.line })).toContain('第 3 行：商户订单号 列的编号有 230 个字符，但最多只能保存 200 个字符');
  });

  it('quarantines every row when a required column was renamed', async () => {
    const statement = await parseStatement(csvRows([ALL_HEADER.replace('手续费', '服务费'), wechatRow({})].join('\n')), {
      layout: 'wechat-merchant-trade',
    });
    expect(statement.quarantine.map((row) => [row.code, row.params['column']])).toEqual([['required-column-missing', '手续费']]);
    expect(statement.warnings.map((warning) => warning.code)).toEqual(['header-column-missing']);
  });
});

describe('Alipay merchant bills', () => {
  const tradeHeader =
    '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';
  const trade = csvRows(
    [
      '#支付宝业务明细查询',
      '#账号：[20880000000000000156]',
      '#起始日期：[2024年03月01日 00:00:00]   终止日期：[2024年03月02日 00:00:00]',
      '#-----------------------------------------业务明细列表----------------------------------------',
      tradeHeader,
      '2024030122001400000000000001\t,A0001\t,交易\t,拿铁,2024-03-01 09:00:00,2024-03-01 09:00:02,S01\t,静安店\t,\t,T1\t,**明(138****0000)\t,32.00,30.00,0.00,0.00,0.00,2.00,0.00,,0.00\t,0.00,\t,0.18,0.00,',
      '2024030122001400000000000001\t,A0001\t,退款\t,拿铁,2024-03-01 10:00:00,2024-03-01 10:00:03,S01\t,静安店\t,\t,T1\t,**明(138****0000)\t,-32.00,-30.00,0.00,0.00,0.00,-2.00,0.00,,0.00\t,0.00,RF0001\t,0.18,0.00,',
      '#-----------------------------------------业务明细列表结束------------------------------------',
      '#交易合计：1笔，商家实收共30.00元，商家优惠共2.00元',
      '#退款合计：1笔，商家实收退款共-30.00元，商家优惠退款共-2.00元',
      '#导出时间：[2024年03月02日 06:00:00]',
    ].join('\n'),
  );

  it('reads 业务明细 with its # preamble and footer', async () => {
    const statement = await parseStatement(trade);
    expect(statement.layout).toBe('alipay-merchant-trade');
    expect(statement.account.id).toBe('20880000000000000156');
    expect(statement.period).toEqual({ start: '2024-03-01', end: '2024-03-01' });
    expect(lineAt(statement, 6)).toMatchObject({ kind: 'payment', grossFen: 3000, orderAmountFen: 3200, feeMilliFen: 18_000, storeId: 'S01', terminalId: 'T1', occurredAt: '2024-03-01T01:00:02Z' });
    expect(lineAt(statement, 7)).toMatchObject({ kind: 'refund', flow: 'out', refundFen: 3000, feeMilliFen: -18_000, merchantRefundId: 'RF0001' });
    expect(statement.summary.map((check) => [check.item, check.stated, check.matches])).toEqual([
      ['payments.count', 1, true],
      ['payments.amount', 3000, true],
      ['refunds.count', 1, true],
      ['refunds.amount', 3000, true],
    ]);
    expect(statement.footer).toHaveLength(4);
  });

  it('reads 账务明细 in and out columns', async () => {
    const statement = await parseStatement(
      csvRows(
        [
          '#支付宝账务明细查询',
          '#账号：[20880000000000000156]',
          '账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注',
          '5001\t,2024030122001400000000000001\t,A0001\t,拿铁\t,2024-03-01 09:00:02,**明\t,30.00,0.00,1030.00,支付宝,在线支付,',
          '5002\t,2024030122001400000000000001\t,A0001\t,拿铁\t,2024-03-01 09:00:02,**明\t,0.00,-0.18,1029.82,支付宝,收费,',
          '5003\t,2024030122001400000000000009\t,A0009\t,x\t,2024-03-01 09:30:00,**明\t,5.00,0.00,1034.82,支付宝,奖励金,',
          '#收入合计：2笔，共35.00元',
          '#支出合计：1笔，共0.18元',
        ].join('\n'),
      ),
    );
    expect(statement.layout).toBe('alipay-merchant-account');
    expect(lineAt(statement, 4)).toMatchObject({ kind: 'payment', flow: 'in', grossFen: 3000, balanceFen: 103000 });
    expect(lineAt(statement, 5)).toMatchObject({ kind: 'fee', flow: 'out', feeMilliFen: 18_000, netMilliFen: -18_000 });
    expect(statement.quarantine.map((row) => [row.line, row.code, row.partial.grossFen])).toEqual([[6, 'unknown-transaction-type', 500]]);
    expect(statement.summary.every((check) => check.matches)).toBe(true);
  });
});
