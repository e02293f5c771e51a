import { describe, expect, it } from 'vitest';
import { matchRecords } from '../../src/reconciliation/engine.js';
import { itemRow } from '../../src/reconciliation/item-rows.js';
import { line, pos } from './records.js';

const OPTIONS = { toleranceFen: 0, windowSeconds: 300 };

describe('payments settled after the period', () => {
  it('are timing differences, not missing', () => {
    const late = { ...pos('p1', 3200, '2024-01-31T15:59:58Z', { transactionId: 'T1' }), settlesAfterPeriod: true };
    const items = matchRecords([late], [], OPTIONS);

    expect(items).toHaveLength(1);
    expect(items[0]!.state).toBe('timing_difference');
    expect(items[0]!.reason).toBe('after_cut_off');
  });

  it('stay missing when paid well before the cut-off', () => {
    const items = matchRecords([pos('p1', 3200, '2024-01-31T10:00:00Z', { transactionId: 'T1' })], [], OPTIONS);
    expect(items[0]!.state).toBe('missing_in_statement');
  });
});

describe('fees far from the usual rate', () => {
  /** Twelve payments of 10 yuan at 0.6 %, plus one charged `feeMilliFen`. */
  function run(feeMilliFen: number) {
    const records = [];
    const lines = [];
    for (let i = 0; i < 13; i++) {
      const at = `2024-01-10T0${Math.floor(i / 6)}:${String(10 + i).padStart(2, '0')}:00Z`;
      records.push(pos(`p${i}`, 1000, at, { transactionId: `T${i}` }));
      lines.push({ ...line(`s:${i}`, 1000, at, { transactionId: `T${i}` }), feeMilliFen: i === 12 ? feeMilliFen : 6000 });
    }
    return matchRecords(records, lines, OPTIONS);
  }

  it('flag a fee of ten times the rate', () => {
    const items = run(60_000);
    const odd = items.find((item) => item.lines[0]?.key === 's:12')!;
    expect(odd.state).toBe('amount_mismatch');
    expect(odd.reason).toBe('fee_differs');
    expect(items.filter((item) => item.state === 'matched')).toHaveLength(12);
  });

  it('give the net shortfall as the amount of a fee difference', () => {
    const odd = run(60_000).find((item) => item.lines[0]?.key === 's:12')!;
    // 0.60 yuan charged where 0.6 % of 10 yuan is 0.06 yuan: the net is 0.54 yuan short.
    expect(odd.differenceFen).toBe(-54);
    expect(itemRow('r1', 1, odd)).toMatchObject({ amount_fen: -54, difference_fen: -54, fee_milli_fen: 60_000 });
  });

  it('allow a fen of rounding', () => {
    const items = run(6900);
    expect(items.every((item) => item.state === 'matched')).toBe(true);
  });

  it('flag a line charged no fee', () => {
    const odd = run(0).find((item) => item.lines[0]?.key === 's:12')!;
    expect(odd.state).toBe('amount_mismatch');
  });
});

describe('the business date of an item', () => {
  it('is the order\'s, after the store\'s day-end cut-off', () => {
    // Paid at 01:30 on 1 February in Shanghai, in a store whose business day ends at 02:00.
    const late = pos('p1', 3200, '2024-01-31T17:30:00Z', { transactionId: 'T1', businessDate: '2024-01-31', inPeriod: true });
    const items = matchRecords([late], [line('s:1', 3200, '2024-01-31T17:30:03Z', { transactionId: 'T1' })], OPTIONS);
    expect(items[0]!.state).toBe('matched');
    expect(itemRow('r1', 1, items[0]!).business_date).toBe('2024-01-31');
  });
});

describe('a re-run over settled matches', () => {
  it('keeps a fee difference and a duplicate as they were', () => {
    const records = [];
    const lines = [];
    for (let i = 0; i < 13; i++) {
      const at = `2024-01-10T0${Math.floor(i / 6)}:${String(10 + i).padStart(2, '0')}:00Z`;
      records.push(pos(`p${i}`, 1000, at, { transactionId: `T${i}` }));
      lines.push({ ...line(`s:${i}`, 1000, at, { transactionId: `T${i}` }), feeMilliFen: i === 12 ? 60_000 : 6000 });
    }
    lines.push({ ...line('s:3b', 1000, '2024-01-10T00:13:00Z', { transactionId: 'T3' }), feeMilliFen: 6000 });
    const first = matchRecords(records, lines, OPTIONS);

    // A re-run leaves matched items alone and matches only the rest, as run.ts does.
    const settled = first.filter((item) => item.state === 'matched');
    const settledPos = new Set(settled.flatMap((item) => item.pos.map((record) => record.key)));
    const settledLines = settled.flatMap((item) => item.lines);
    const settledKeys = new Set(settledLines.map((l) => l.key));
    const again = matchRecords(records.filter((r) => !settledPos.has(r.key)), lines.filter((l) => !settledKeys.has(l.key)), OPTIONS, settledLines);

    const states = (items: typeof first) => items.filter((item) => item.state !== 'matched').map((item) => `${item.state}:${item.reason}`).sort();
    expect(states(first)).toEqual(['amount_mismatch:fee_differs', 'duplicate:duplicate_line']);
    expect(states(again)).toEqual(states(first));
  });
});
