import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/time/business-date.js';
import { matchSettlements } from '../../src/reconciliation/settlement-match.js';
import type { BankCredit, SettlementDay } from '../../src/reconciliation/settlement-records.js';

// Random months of daily WeChat Pay settlements: weekday nets are paid the next day (T+1), and
// Friday to Sunday are paid together on Monday. April 2024 ends on a Tuesday, June 2024 on a
// Sunday, so June's last Friday to Sunday are paid after its bank statement ends. Faults are injected at credits at least two
// apart: a short deposit, a missing deposit, and an unrelated credit. Every fault must end in
// its state, and everything else must be matched.

type Fault = 'short' | 'missing' | 'unrelated';

/** Build a Mulberry32 generator, small and seeded, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Return the Monday after a Friday, Saturday or Sunday, or the next day otherwise. */
function depositDate(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 5) return addDays(date, 3);
  if (weekday === 6) return addDays(date, 2);
  if (weekday === 0) return addDays(date, 1);
  return addDays(date, 1);
}

function scenario(seed: number, month: string) {
  const next = random(seed);
  const days: SettlementDay[] = [];
  for (let day = 1; day <= 30; day++) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    days.push({ key: `wechat@${date}`, channel: 'wechat', date, dueDate: addDays(date, 1), netFen: 100_000 + Math.floor(next() * 900_000), inPeriod: true });
  }

  const groups = new Map<string, SettlementDay[]>();
  for (const day of days) groups.set(depositDate(day.date), [...(groups.get(depositDate(day.date)) ?? []), day]);
  // The last group is paid in the next month, after the bank statement ends on the 30th.
  const paid = [...groups.entries()].filter(([date]) => date <= `${month}-30`);

  const faults = new Map<number, Fault>();
  const kinds: Fault[] = ['short', 'missing', 'unrelated'];
  for (const kind of kinds) {
    for (;;) {
      const index = 1 + Math.floor(next() * (paid.length - 2));
      if ([...faults.keys()].every((taken) => Math.abs(taken - index) >= 2)) {
        faults.set(index, kind);
        break;
      }
    }
  }

  const credits: BankCredit[] = [];
  for (const [index, [date, group]] of paid.entries()) {
    const amount = group.reduce((total, day) => total + day.netFen, 0);
    const fault = faults.get(index);
    if (fault === 'missing') continue;
    credits.push({ key: `stm:${index}`, channel: 'wechat', date, atMs: null, amountFen: fault === 'short' ? amount - 1_000 : amount, transactionId: null, inPeriod: true });
    if (fault === 'unrelated') credits.push({ key: `stm:x${index}`, channel: null, date, atMs: null, amountFen: amount, transactionId: null, inPeriod: true });
  }
  return { days, credits, paid, faults, last: [...groups.values()].at(-1)! };
}

describe('settlement matching properties', () => {
  const cases = Array.from({ length: 50 }, (_, seed) => [seed + 1, seed % 2 === 0 ? '2024-04' : '2024-06'] as const);
  it.each(cases)('finds every fault of seed %i in %s', (seed, month) => {
    const { days, credits, paid, faults, last } = scenario(seed, month);
    const items = matchSettlements(days, credits, { toleranceFen: new Map([['wechat', 0]]), periodStart: `${month}-01`, bankThrough: `${month}-30` });
    const stateOf = new Map<string, string>();
    for (const item of items) for (const key of [...item.days.map((d) => d.key), ...item.credits.map((c) => c.key)]) {
      expect(stateOf.has(key), `${key} in two items`).toBe(false);
      stateOf.set(key, item.state);
    }

    for (const [index, [, group]] of paid.entries()) {
      const fault = faults.get(index);
      let expected = 'matched';
      if (fault === 'short') expected = 'amount_mismatch';
      if (fault === 'missing') expected = 'missing_in_statement';
      for (const day of group) expect(stateOf.get(day.key), `${day.key} (${fault ?? 'paid'})`).toBe(expected);
      if (fault === 'unrelated') expect(stateOf.get(`stm:x${index}`)).toBe('unrelated');
    }
    for (const day of last) expect(stateOf.get(day.key), day.key).toBe('timing_difference');
    expect(stateOf.size).toBe(days.length + credits.length);
  });
});
