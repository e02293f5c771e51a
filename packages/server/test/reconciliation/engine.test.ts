import { describe, expect, it } from 'vitest';
import { matchRecords } from '../../src/reconciliation/engine.js';
import type { MatchItem } from '../../src/reconciliation/item.js';
import { line, pos } from './records.js';

const OPTIONS = { toleranceFen: 0, windowSeconds: 300 };

function outcome(items: MatchItem[]): [string, string, string | null, string[], string[]][] {
  return items.map((item) => [item.state, item.reason, item.rule, item.pos.map((p) => p.key), item.lines.map((l) => l.key)]);
}

describe('matchRecords', () => {
  it('matches on the transaction id before the amount', () => {
    const items = matchRecords(
      [pos('p1', 5800, '2024-01-05T04:30:11Z', { transactionId: 'T1' }), pos('p2', 5800, '2024-01-05T04:30:12Z', { transactionId: 'T2' })],
      [line('s:2', 5800, '2024-01-05T04:30:12Z', { transactionId: 'T1' }), line('s:3', 5800, '2024-01-05T04:30:11Z', { transactionId: 'T2' })],
      OPTIONS,
    );
    expect(outcome(items)).toEqual([
      ['matched', 'same_amount', 'transaction_id', ['p1'], ['s:2']],
      ['matched', 'same_amount', 'transaction_id', ['p2'], ['s:3']],
    ]);
  });

  it('matches a payment split over two transactions by the merchant order number', () => {
    const items = matchRecords(
      [pos('p1', 10000, '2024-01-05T04:30:00Z', { merchantOrderNumber: 'M1' })],
      [line('s:2', 6000, '2024-01-05T04:30:01Z', { merchantOrderNumber: 'M1', transactionId: 'A' }), line('s:3', 4000, '2024-01-05T04:30:02Z', { merchantOrderNumber: 'M1', transactionId: 'B' })],
      OPTIONS,
    );
    expect(outcome(items)).toEqual([['matched', 'split', 'merchant_order_number', ['p1'], ['s:2', 's:3']]]);
  });

  it('matches on amount and time within the window, with a lower score further apart', () => {
    const items = matchRecords([pos('p1', 2800, '2024-01-05T04:30:00Z')], [line('s:2', 2800, '2024-01-05T04:32:30Z')], OPTIONS);
    expect(outcome(items)).toEqual([['matched', 'same_amount', 'amount_time', ['p1'], ['s:2']]]);
    expect(items[0]!.score).toBe(50);
  });

  it('flags a line outside the window as missing and offers the POS payment as a candidate', () => {
    const items = matchRecords([pos('p1', 2800, '2024-01-05T04:30:00Z')], [line('s:2', 2800, '2024-01-05T05:30:00Z')], OPTIONS);
    expect(outcome(items)).toEqual([
      ['missing_in_statement', 'no_line', null, ['p1'], []],
      ['missing_in_pos', 'no_pos', null, [], ['s:2']],
    ]);
    expect(items[0]!.candidates).toEqual([{ key: 's:2', amountFen: 2800, at: '2024-01-05T05:30:00.000Z', differenceFen: 0, seconds: 3600 }]);
  });

  it('writes off a difference within the tolerance and reports a larger one', () => {
    const records = [pos('p1', 1000, '2024-01-05T04:30:00Z', { transactionId: 'T1' }), pos('p2', 1000, '2024-01-05T04:31:00Z', { transactionId: 'T2' })];
    const lines = [line('s:2', 999, '2024-01-05T04:30:00Z', { transactionId: 'T1' }), line('s:3', 990, '2024-01-05T04:31:00Z', { transactionId: 'T2' })];
    const items = matchRecords(records, lines, { toleranceFen: 1, windowSeconds: 300 });
    expect(items.map((item) => [item.state, item.differenceFen])).toEqual([
      ['written_off', -1],
      ['amount_mismatch', -10],
    ]);
  });

  it('flags the second copy of a line as a duplicate', () => {
    const items = matchRecords(
      [pos('p1', 5800, '2024-01-05T04:30:11Z', { transactionId: 'T1' })],
      [line('s:2', 5800, '2024-01-05T04:30:11Z', { transactionId: 'T1' }), line('s:3', 5800, '2024-01-05T04:30:11Z', { transactionId: 'T1' })],
      OPTIONS,
    );
    expect(outcome(items)).toEqual([
      ['matched', 'same_amount', 'transaction_id', ['p1'], ['s:2']],
      ['duplicate', 'duplicate_line', 'transaction_id', [], ['s:3']],
    ]);
  });

  it('matches a partial refund to its refund record through the payment it refunds', () => {
    const refund = { ...pos('r:p1', 3000, '2024-01-06T02:00:00Z'), kind: 'refund' as const, originalMerchantOrderNumber: 'M1' };
    const items = matchRecords(
      [pos('p1', 10000, '2024-01-05T04:30:00Z', { merchantOrderNumber: 'M1' }), refund],
      [line('s:2', 10000, '2024-01-05T04:30:00Z', { merchantOrderNumber: 'M1' }), { ...line('s:3', 3000, '2024-01-06T02:00:05Z', { merchantOrderNumber: 'M1' }), kind: 'refund' }],
      OPTIONS,
    );
    expect(outcome(items)).toEqual([
      ['matched', 'same_amount', 'merchant_order_number', ['p1'], ['s:2']],
      ['matched', 'same_amount', 'original_merchant_order_number', ['r:p1'], ['s:3']],
    ]);
  });

  it('gives the same items whatever the order of its input', () => {
    const records = [pos('p1', 100, '2024-01-05T04:30:00Z'), pos('p2', 100, '2024-01-05T04:30:30Z'), pos('p3', 200, '2024-01-05T04:31:00Z', { transactionId: 'X' })];
    const lines = [line('s:1', 100, '2024-01-05T04:30:10Z'), line('s:2', 100, '2024-01-05T04:30:20Z'), line('s:3', 200, '2024-01-05T04:31:00Z', { transactionId: 'X' })];
    expect(outcome(matchRecords([...records].reverse(), [...lines].reverse(), OPTIONS))).toEqual(outcome(matchRecords(records, lines, OPTIONS)));
  });
});

describe('B22 month-end cut-off in the store time zone', () => {
  // T1 2024-01-31T15:30Z is 23:30 on 31 January in Shanghai, T2 16:10Z is 00:10 on 1 February.
  const records = [pos('T1', 10000, '2024-01-31T15:30:00Z', { transactionId: 'T1' }), pos('T3', 5000, '2024-01-31T00:05:00Z', { transactionId: 'T3' })];

  it('keeps the January payments in January and leaves the February line out', () => {
    const lines = [line('s:1', 10000, '2024-01-31T15:30:00Z', { transactionId: 'T1' }), line('s:2', 20000, '2024-01-31T16:10:00Z', { transactionId: 'T2' }), line('s:3', 5000, '2024-01-31T00:05:00Z', { transactionId: 'T3' })];
    const items = matchRecords(records, lines, OPTIONS);
    expect(outcome(items)).toEqual([
      ['matched', 'same_amount', 'transaction_id', ['T3'], ['s:3']],
      ['matched', 'same_amount', 'transaction_id', ['T1'], ['s:1']],
    ]);
    expect(items.reduce((sum, item) => sum + item.pos[0]!.amountFen, 0)).toBe(15000);
  });

  it('calls a 23:59:59 payment settled at 00:00:03 a timing difference, not an error', () => {
    const items = matchRecords([pos('p1', 10000, '2024-01-31T15:59:59Z')], [line('s:1', 10000, '2024-01-31T16:00:03Z')], OPTIONS);
    expect(outcome(items)).toEqual([['timing_difference', 'crosses_day', 'amount_time', ['p1'], ['s:1']]]);
  });

  it('reads the line date in the store zone', () => {
    // 11:38 in New York on 5 January is 00:38 on 6 January in China, where the bill is written.
    const payment = { ...pos('p1', 10000, '2024-01-05T16:38:36Z'), storeCode: 'NY01', localDate: '2024-01-05' };
    const bill = line('s:1', 10000, '2024-01-05T16:38:39Z');
    expect(bill.localDate).toBe('2024-01-06');
    const items = matchRecords([payment], [bill], { ...OPTIONS, storeZones: new Map([['NY01', 'America/New_York']]) });
    expect(outcome(items)).toEqual([['matched', 'same_amount', 'amount_time', ['p1'], ['s:1']]]);
  });

  it('still finds a day crossed in the store zone', () => {
    const payment = { ...pos('p1', 10000, '2024-01-06T04:59:59Z'), storeCode: 'NY01', localDate: '2024-01-05' };
    const items = matchRecords([payment], [line('s:1', 10000, '2024-01-06T05:00:03Z')], { ...OPTIONS, storeZones: new Map([['NY01', 'America/New_York']]) });
    expect(outcome(items)).toEqual([['timing_difference', 'crosses_day', 'amount_time', ['p1'], ['s:1']]]);
  });
});

describe('B34 fees netted from the settlement', () => {
  it('matches gross amounts and keeps the 35 fen of fees apart', () => {
    const payment = (key: string, amount: number, order: string) => pos(key, amount, '2024-01-05T04:30:00Z', { transactionId: `42${order}`, merchantOrderNumber: order });
    const refund = { ...pos('r:R1', 10000, '2024-01-06T04:30:00Z'), kind: 'refund' as const, originalTransactionId: '42M0001', originalMerchantOrderNumber: 'M0001' };
    const lines = [
      { ...line('s:2', 10000, '2024-01-05T04:30:00Z', { transactionId: '42M0001', merchantOrderNumber: 'M0001' }), feeMilliFen: 60_000 },
      { ...line('s:3', 5800, '2024-01-05T04:30:00Z', { transactionId: '42M0002', merchantOrderNumber: 'M0002' }), feeMilliFen: 35_000 },
      { ...line('s:4', 10000, '2024-01-06T04:30:00Z', { transactionId: '42M0001', merchantOrderNumber: 'M0001' }), kind: 'refund' as const, feeMilliFen: -60_000 },
    ];
    const items = matchRecords([payment('p1', 10000, 'M0001'), payment('p2', 5800, 'M0002'), refund], lines, OPTIONS);
    expect(items.map((item) => item.state)).toEqual(['matched', 'matched', 'matched']);
    const fees = items.flatMap((item) => item.lines).reduce((sum, l) => sum + l.feeMilliFen, 0);
    expect(fees).toBe(35_000);
    const posNet = items.flatMap((item) => item.pos).reduce((sum, p) => sum + (p.kind === 'refund' ? -p.amountFen : p.amountFen), 0);
    expect(posNet * 1000 - fees).toBe(5_765_000);
  });

  it('explains 95 fen of fees when the refund returns no fee', () => {
    const payment = (key: string, amount: number, order: string) => pos(key, amount, '2024-01-05T04:30:00Z', { merchantOrderNumber: order });
    const refund = { ...pos('r:R1', 10000, '2024-01-06T04:30:00Z'), kind: 'refund' as const, originalMerchantOrderNumber: 'M0001' };
    const lines = [
      { ...line('s:2', 10000, '2024-01-05T04:30:00Z', { merchantOrderNumber: 'M0001' }), feeMilliFen: 60_000 },
      { ...line('s:3', 5800, '2024-01-05T04:30:00Z', { merchantOrderNumber: 'M0002' }), feeMilliFen: 35_000 },
      { ...line('s:4', 10000, '2024-01-06T04:30:00Z', { merchantOrderNumber: 'M0001' }), kind: 'refund' as const, feeMilliFen: 0 },
    ];
    const items = matchRecords([payment('p1', 10000, 'M0001'), payment('p2', 5800, 'M0002'), refund], lines, OPTIONS);
    expect(items.map((item) => item.state)).toEqual(['matched', 'matched', 'matched']);
    expect(items.flatMap((item) => item.lines).reduce((sum, l) => sum + l.feeMilliFen, 0)).toBe(95_000);
  });
});
