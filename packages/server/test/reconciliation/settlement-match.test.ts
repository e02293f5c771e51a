import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/time/business-date.js';
import { matchSettlements } from '../../src/reconciliation/settlement-match.js';
import type { BankCredit, SettlementDay } from '../../src/reconciliation/settlement-records.js';

const OPTIONS = { toleranceFen: new Map([['wechat', 0], ['alipay', 0]]), periodStart: '2024-03-01', bankThrough: '2024-03-31' };

function day(channel: string, date: string, netFen: number, lag = 1): SettlementDay {
  return { key: `${channel}@${date}`, channel, date, dueDate: addDays(date, lag), netFen, inPeriod: date.startsWith('2024-03') };
}

function credit(line: number, channel: string | null, date: string, amountFen: number): BankCredit {
  return { key: `stm:${line}`, channel, date, atMs: null, amountFen, transactionId: null, inPeriod: date.startsWith('2024-03') };
}

const summary = (items: ReturnType<typeof matchSettlements>) => items.map((item) => `${item.state}/${item.reason} ${item.days.map((d) => d.key).join('+')} ${item.credits.map((c) => c.key).join('+')}`);

describe('settlement matching', () => {
  it('pairs a T+2 deposit', () => {
    const items = matchSettlements([day('wechat', '2024-03-04', 500, 2)], [credit(1, 'wechat', '2024-03-06', 500)], OPTIONS);
    expect(summary(items)).toEqual(['matched/deposit_matches wechat@2024-03-04 stm:1']);
  });

  it('covers days around a closed day', () => {
    // The shop was closed on the 5th, so the deposit of the 7th covers the 4th and the 6th.
    const days = [day('wechat', '2024-03-04', 100), day('wechat', '2024-03-06', 200)];
    const items = matchSettlements(days, [credit(1, 'wechat', '2024-03-07', 300)], OPTIONS);
    expect(summary(items)).toEqual(['matched/deposit_covers_days wechat@2024-03-04+wechat@2024-03-06 stm:1']);
  });

  it('keeps channels apart', () => {
    const days = [day('wechat', '2024-03-04', 100), day('alipay', '2024-03-04', 100)];
    const credits = [credit(1, 'alipay', '2024-03-05', 100), credit(2, 'wechat', '2024-03-05', 100)];
    expect(summary(matchSettlements(days, credits, OPTIONS))).toEqual([
      'matched/deposit_matches alipay@2024-03-04 stm:1',
      'matched/deposit_matches wechat@2024-03-04 stm:2',
    ]);
  });

  it('never pairs a credit before its day is due', () => {
    const items = matchSettlements([day('wechat', '2024-03-10', 100)], [credit(1, 'wechat', '2024-03-10', 100)], OPTIONS);
    expect(summary(items)).toEqual(['missing_in_pos/no_settlement_day  stm:1', 'missing_in_statement/no_deposit wechat@2024-03-10 ']);
  });

  it('gives the same items in any input order', () => {
    const days = [day('wechat', '2024-03-08', 10), day('wechat', '2024-03-09', 20), day('wechat', '2024-03-10', 30), day('wechat', '2024-03-12', 40)];
    const credits = [credit(1, 'wechat', '2024-03-11', 60), credit(2, 'wechat', '2024-03-13', 39), credit(3, null, '2024-03-13', 5)];
    const forward = summary(matchSettlements(days, credits, OPTIONS));
    const backward = summary(matchSettlements([...days].reverse(), [...credits].reverse(), OPTIONS));
    expect(backward).toEqual(forward);
    expect(forward).toEqual([
      'matched/deposit_covers_days wechat@2024-03-08+wechat@2024-03-09+wechat@2024-03-10 stm:1',
      'amount_mismatch/deposit_differs wechat@2024-03-12 stm:2',
      'unrelated/not_channel_credit  stm:3',
    ]);
  });

  it('calls an early credit timing only with settlement days', () => {
    const early = credit(1, 'wechat', '2024-03-02', 500);
    expect(summary(matchSettlements([day('wechat', '2024-03-05', 100)], [early], OPTIONS))).toContain('timing_difference/deposit_before_period  stm:1');
    expect(summary(matchSettlements([day('alipay', '2024-03-05', 100)], [early], OPTIONS))).toContain('missing_in_pos/no_settlement_day  stm:1');
    expect(summary(matchSettlements([], [early], OPTIONS))).toEqual(['missing_in_pos/no_settlement_day  stm:1']);
  });

  it('dates the first due day from all days', () => {
    // A re-run passes only the days it did not keep matched; the kept day of the 2nd is due on the 3rd.
    const items = matchSettlements([day('wechat', '2024-03-05', 100)], [credit(1, 'wechat', '2024-03-04', 500)], { ...OPTIONS, firstDue: new Map([['wechat', '2024-03-03']]) });
    expect(summary(items)).toContain('missing_in_pos/no_settlement_day  stm:1');
  });

  it('leaves a refund credit unrelated', () => {
    const refund = { ...credit(1, null, '2024-03-05', 5000), refund: true };
    expect(summary(matchSettlements([day('alipay', '2024-03-04', 5000)], [refund], OPTIONS))).toContain('unrelated/refund_credit  stm:1');
  });

  it('leaves out items wholly outside the period', () => {
    const items = matchSettlements([day('wechat', '2024-02-27', 100)], [credit(1, 'wechat', '2024-02-28', 100), credit(2, null, '2024-04-01', 1)], OPTIONS);
    expect(items).toEqual([]);
  });
});
