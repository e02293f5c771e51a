import { describe, expect, it } from 'vitest';
import { toUpload } from '../../src/commands/statement/upload.js';
import type { ParsedStatement, StatementLine } from '../../src/statements/types.js';

const PAYMENT: StatementLine = {
  line: 2,
  fingerprint: 'wechat:0123456789abcdef0123456789abcdef',
  occurredAt: '2024-01-05T04:30:01.000Z',
  businessDate: '2024-01-05',
  kind: 'payment',
  flow: 'in',
  grossFen: 3200,
  refundFen: 0,
  feeMilliFen: 19_200,
  netMilliFen: 3_180_800,
  currency: 'CNY',
  channelTransactionId: '4200000000202401050000000001',
  merchantOrderNumber: 'M000000000001',
  description: '午市套餐',
};

function linesOf(lines: StatementLine[]) {
  const parsed = {
    layout: 'wechat-merchant-trade',
    channel: 'wechat',
    account: { id: '1900000001' },
    timeZone: 'Asia/Shanghai',
    lines,
    quarantine: [],
    totals: { grossFen: 0, refundFen: 0, feeMilliFen: 0, netMilliFen: 0 },
  } as unknown as ParsedStatement;
  return [...toUpload({ file: '/tmp/wechat-2024-01.csv', sha256: 'f'.repeat(64), parsed }, '2024-01').lines];
}

describe('toUpload lines', () => {
  it('leaves out the optional fields a line lacks', () => {
    const [input] = linesOf([PAYMENT]);
    expect(input).toEqual({
      line: 2,
      fingerprint: 'wechat:0123456789abcdef0123456789abcdef',
      occurred_at: '2024-01-05T04:30:01.000Z',
      business_date: '2024-01-05',
      kind: 'payment',
      flow: 'in',
      gross_fen: 3200,
      refund_fen: 0,
      fee_milli_fen: 19_200,
      net_milli_fen: 3_180_800,
      transaction_id: '4200000000202401050000000001',
      merchant_order_number: 'M000000000001',
      description: '午市套餐',
    });
  });

  it('keeps every optional field a line has', () => {
    const refund: StatementLine = { ...PAYMENT, kind: 'refund', flow: 'out', channelRefundId: '50300000000001', merchantRefundId: 'R-1', storeId: '0001', counterparty: '张三', memo: '退款' };
    const [input] = linesOf([refund]);
    expect(input).toMatchObject({ refund_id: '50300000000001', merchant_refund_id: 'R-1', store_id: '0001', counterparty: '张三', memo: '退款' });
  });

  it('sends a null time and date as null', () => {
    const [input] = linesOf([{ ...PAYMENT, occurredAt: null, businessDate: null }]);
    expect(input!.occurred_at).toBeNull();
    expect(input!.business_date).toBeNull();
  });

  it('cuts texts to 200 characters', () => {
    const long = '长'.repeat(250);
    const [input] = linesOf([{ ...PAYMENT, description: long, counterparty: long, memo: long }]);
    expect(input!.description).toHaveLength(200);
    expect(input!.counterparty).toHaveLength(200);
    expect(input!.memo).toHaveLength(200);
  });

  it('keeps a transaction id longer than 200 characters', () => {
    const id = '4'.repeat(210);
    const [input] = linesOf([{ ...PAYMENT, channelTransactionId: id }]);
    expect(input!.transaction_id).toBe(id);
  });

  it('takes each line out of the parsed statement as it is sent', () => {
    const parsed = { channel: 'wechat', layout: 'wechat-merchant-trade', account: {}, timeZone: 'Asia/Shanghai', quarantine: [], lines: [PAYMENT, { ...PAYMENT, line: 3 }, { ...PAYMENT, line: 4 }], totals: { grossFen: 0, refundFen: 0, feeMilliFen: 0, netMilliFen: 0 } } as unknown as ParsedStatement;
    const upload = toUpload({ file: '/tmp/wechat-2024-01.csv', sha256: 'f'.repeat(64), parsed }, '2024-01');
    const lines = upload.lines[Symbol.iterator]();

    expect(lines.next().value).toMatchObject({ line: 2 });
    expect(parsed.lines[0]).toBeUndefined();
    expect(parsed.lines[1]).toMatchObject({ line: 3 });
    expect([...{ [Symbol.iterator]: () => lines }].map((input) => input.line)).toEqual([3, 4]);
    expect(parsed.lines).toHaveLength(0);
    expect(upload.statement.line_count).toBe(3);
  });
});
