import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/parse-statement.js';
import { csvRows, lineAt, rowsOf } from './helpers.js';

describe('WeChat personal bill', () => {
  const header = '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注';

  it('takes the withdrawal service fee from 备注', async () => {
    const statement = await parseStatement(
      csvRows([header, '2021-07-15 16:29:37,零钱提现,招商银行,/,/,¥100.10,工商银行,提现已到账,2072107151000771,/,服务费¥0.10'].join('\n')),
    );
    expect(lineAt(statement, 2)).toMatchObject({ kind: 'transfer', flow: 'neutral', grossFen: 10010, feeMilliFen: 10_000, netMilliFen: -10_000 });
    expect(lineAt(statement, 2).merchantOrderNumber).toBeUndefined();
  });

  const kinds: { type: string; flow: string; kind: string }[] = [
    { type: '二维码收款', flow: '收入', kind: 'payment' },
    { type: '退款', flow: '收入', kind: 'refund' },
    { type: '微信红包-退款', flow: '收入', kind: 'refund' },
    { type: '零钱通转出-到工商银行(9876)', flow: '/', kind: 'transfer' },
    { type: '转账', flow: '支出', kind: 'transfer' },
  ];
  it.each(kinds)('reads $type as $kind', async ({ type, flow, kind }) => {
    const statement = await parseStatement(csvRows([header, `2024-01-05 12:00:00,${type},某人,/,${flow},¥1.00,零钱,成功,T1,/,/`].join('\n')));
    expect(lineAt(statement, 2).kind).toBe(kind);
  });

  it('flags an unknown 收/支 label', async () => {
    const statement = await parseStatement(csvRows([header, '2024-01-05 12:00:00,转账,某人,/,其他,¥1.00,零钱,成功,T1,/,/'].join('\n')));
    expect(statement.quarantine[0]).toMatchObject({ code: 'unknown-flow-label', disposition: 'flagged', params: { value: '其他', column: '收/支' } });
  });

  it('rejects a row split by an unquoted comma', async () => {
    const statement = await parseStatement(
      csvRows([header, '2024-01-05 12:00:00,商户消费,某餐饮管理,有限公司,午餐,支出,¥58.00,零钱,成功,T1,M1,/'].join('\n')),
    );
    expect(statement.quarantine[0]).toMatchObject({ code: 'extra-cells', disposition: 'rejected', params: { expected: 11, actual: 12 } });
    expect(statement.counts).toEqual({ processed: 1, ok: 0, flagged: 0, rejected: 1 });
  });
});

describe('JD personal bill', () => {
  const header = '交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,商家订单号,备注';
  const rows = rowsOf([
    ['导出信息：'],
    ['日期区间：2024-12-01 至 2024-12-31'],
    ['共：3笔记录'],
    ['支出：1笔(含1笔部分退款)，41.93元'],
    ['不计收支：2笔，468.32元'],
    header.split(','),
    ['2024-12-28 13:27:56\t', '京东平台商户', '卫衣 等多件', '131.77(已退款89.84)', '信用卡(1875)', '交易成功', '支出', '服饰内衣', 'J1\t', 'S1\t', ' '],
    ['2024-12-28 13:28:32\t', '京东平台商户', '退款-卫衣', '89.84', '信用卡(1875)', '退款成功', '不计收支', '网购', 'J1\t', 'S1\t', ' '],
    ['2024-12-24 22:33:07\t', '京东平台商户', '裤子', '468.32(已全额退款)', '信用卡(1875)', '交易成功', '不计收支', '服饰内衣', 'J2\t', 'S2\t', ' '],
  ]);

  it('reads refunds noted in the amount', async () => {
    const statement = await parseStatement(rows);
    expect(statement.layout).toBe('jd-personal');
    expect(lineAt(statement, 7)).toMatchObject({ kind: 'payment', flow: 'out', grossFen: 13177, refundFen: 8984, netMilliFen: -4_193_000 });
    expect(lineAt(statement, 8)).toMatchObject({ kind: 'refund', flow: 'neutral', refundFen: 8984, netMilliFen: 0 });
    expect(lineAt(statement, 9)).toMatchObject({ grossFen: 46832, refundFen: 46832, netMilliFen: 0 });
  });

  it('checks the preamble totals after refunds', async () => {
    const statement = await parseStatement(rows);
    expect(statement.period).toEqual({ start: '2024-12-01', end: '2024-12-31' });
    expect(statement.summary.map((check) => [check.item, check.stated, check.computed])).toEqual([
      ['count', 3, 3],
      ['out.count', 1, 1],
      ['out.amount', 4193, 4193],
      ['neutral.count', 2, 2],
      ['neutral.amount', 46832, 8984],
    ]);
  });
});

describe('Meituan personal bill', () => {
  const header = '交易创建时间,交易成功时间,交易类型,订单标题,收/支,支付方式,订单金额,实付金额,交易单号,商家单号,备注';

  it('uses the paid amount and keeps the order amount', async () => {
    const statement = await parseStatement(
      csvRows([header, '2025-02-28 20:35:13,2025-02-28 20:35:25,支付,某茶饮,支出,美团月付,¥22.30,¥21.17,"T1\t","M1\t",/'].join('\n')),
    );
    expect(lineAt(statement, 2)).toMatchObject({ grossFen: 2117, orderAmountFen: 2230, occurredAt: '2025-02-28T12:35:25Z' });
  });

  it('flags a new transaction type', async () => {
    const statement = await parseStatement(
      csvRows([header, '2025-02-28 20:35:13,2025-02-28 20:35:25,红包提现,某茶饮,收入,余额,¥1.00,¥1.00,T1,M1,/'].join('\n')),
    );
    expect(statement.quarantine[0]).toMatchObject({ code: 'unknown-transaction-type', partial: { typeText: '红包提现', grossFen: 100 } });
  });
});

describe('Alipay personal bill', () => {
  it('links a refund by the payment id before its suffix', async () => {
    const statement = await parseStatement(
      csvRows(
        [
          '交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,',
          '2023-01-09 18:21:50,交通出行,一卡通,x,一卡通充值,支出,50.00,余额宝,交易关闭,2023A88\t,\t,,',
          '2023-01-09 18:22:28,退款,一卡通,x,退款-一卡通充值,不计收支,50.00,余额宝,退款成功,2023A88_2023B57\t,\t,,',
        ].join('\n'),
      ),
    );
    expect(lineAt(statement, 3)).toMatchObject({ kind: 'refund', flow: 'neutral', refundOf: { line: 2, by: 'channel-transaction-id' } });
  });
});
