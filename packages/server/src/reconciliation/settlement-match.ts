import { addDays } from '../time/business-date.js';
import type { Candidate } from './item.js';
import type { BankCredit, SettlementDay, SettlementOptions } from './settlement-records.js';
import type { ItemState } from './states.js';

/** The maximum days a deposit may arrive after its due date, for weekends and public holidays. */
export const MAX_DEPOSIT_DELAY_DAYS = 7;

/** Reason codes of a settlement item. Each has a message `reason.<code>`. */
export type SettlementReason =
  | 'deposit_matches'
  | 'deposit_covers_days'
  | 'within_tolerance'
  | 'deposit_differs'
  | 'no_deposit'
  | 'deposit_after_period'
  | 'deposit_before_period'
  | 'no_settlement_day'
  | 'not_channel_credit'
  | 'refund_credit';

/** The outcome for settlement days and the bank credits paired with them. */
export interface SettlementItem {
  channel: string | null;
  state: ItemState;
  reason: SettlementReason;
  rule: 'settlement_day' | 'settlement_days' | 'deposit_window' | null;
  days: SettlementDay[];
  credits: BankCredit[];
  /** Credits minus settlement days. */
  differenceFen: number;
  candidates: Candidate[];
}

/**
 * Match settlement days against bank credits, channel by channel. A credit first pairs with the
 * run of consecutive unpaired days whose nets add up to it within the tolerance. Those days are
 * due on or before the credit's date and at most MAX_DEPOSIT_DELAY_DAYS earlier, so the run is
 * one day for a T+n deposit and several for a deposit held over a weekend. A credit left over
 * pairs with the unpaired days due since the channel's previous credit as an amount mismatch.
 * Every day and credit ends in exactly one item. Items wholly outside the period are left out.
 */
export function matchSettlements(days: readonly SettlementDay[], credits: readonly BankCredit[], options: SettlementOptions, settledCredits: readonly BankCredit[] = []): SettlementItem[] {
  const items: SettlementItem[] = [];
  const channels = [...new Set(days.map((day) => day.channel))].sort();
  for (const credit of credits) if (credit.channel !== null && !channels.includes(credit.channel)) channels.push(credit.channel);

  for (const channel of channels) {
    const channelDays = days.filter((day) => day.channel === channel).sort(byDate);
    const channelCredits = credits.filter((credit) => credit.channel === channel).sort(byDate);
    const creditDates = [...channelCredits, ...settledCredits.filter((credit) => credit.channel === channel)].map((credit) => credit.date).sort();
    items.push(...matchChannel(channel, channelDays, channelCredits, creditDates, options));
  }
  for (const credit of credits) {
    if (credit.channel === null) {
      const reason = credit.refund ? 'refund_credit' : 'not_channel_credit';
      items.push({ channel: null, state: 'unrelated', reason, rule: null, days: [], credits: [credit], differenceFen: credit.amountFen, candidates: [] });
    }
  }
  return items.filter((item) => item.days.some((day) => day.inPeriod) || item.credits.some((credit) => credit.inPeriod)).sort(byFirstDate);
}

function matchChannel(channel: string, days: readonly SettlementDay[], credits: readonly BankCredit[], creditDates: readonly string[], options: SettlementOptions): SettlementItem[] {
  const tolerance = options.toleranceFen.get(channel) ?? 0;
  const paired = new Set<SettlementDay>();
  const creditItems = new Map<BankCredit, SettlementItem>();

  for (const credit of credits) {
    const run = findRun(candidateDays(days, paired, credit, addDays(credit.date, -MAX_DEPOSIT_DELAY_DAYS)), credit.amountFen, tolerance);
    if (!run) continue;
    for (const day of run) paired.add(day);
    const difference = credit.amountFen - sumNet(run);
    let reason: SettlementReason = run.length > 1 ? 'deposit_covers_days' : 'deposit_matches';
    if (difference !== 0) reason = 'within_tolerance';
    creditItems.set(credit, {
      channel,
      state: difference === 0 ? 'matched' : 'written_off',
      reason,
      rule: run.length > 1 ? 'settlement_days' : 'settlement_day',
      days: run,
      credits: [credit],
      differenceFen: difference,
      candidates: [],
    });
  }

  // A credit left over takes the days due since the channel's previous credit, which may be one
  // that a re-run keeps as matched. It is a short or excess deposit of those days.
  for (const credit of credits) {
    if (creditItems.has(credit)) continue;
    const previous = creditDates.filter((date) => date < credit.date).at(-1) ?? addDays(credit.date, -MAX_DEPOSIT_DELAY_DAYS - 1);
    const due = candidateDays(days, paired, credit, addDays(previous, 1));
    if (due.length === 0) continue;
    for (const day of due) paired.add(day);
    creditItems.set(credit, { channel, state: 'amount_mismatch', reason: 'deposit_differs', rule: 'deposit_window', days: due, credits: [credit], differenceFen: credit.amountFen - sumNet(due), candidates: [] });
  }

  const items = [...creditItems.values()];
  const firstDue = options.firstDue?.get(channel) ?? days[0]?.dueDate ?? null;
  const freeCredits = credits.filter((credit) => !creditItems.has(credit));
  for (const credit of freeCredits) {
    // A credit early in the period, before the channel's first settlement day of the period is
    // due, settles the end of the previous period. Without settlement days of the channel there
    // is nothing to tell that from a missing sale, so the credit stays missing in POS.
    const beforePeriod = firstDue !== null && credit.date < addDays(options.periodStart, MAX_DEPOSIT_DELAY_DAYS) && credit.date < firstDue;
    items.push({
      channel,
      state: beforePeriod ? 'timing_difference' : 'missing_in_pos',
      reason: beforePeriod ? 'deposit_before_period' : 'no_settlement_day',
      rule: null,
      days: [],
      credits: [credit],
      differenceFen: credit.amountFen,
      candidates: [],
    });
  }
  // A day due after the channel's last credit, near the end of the bank statements, may be paid
  // by a deposit held over a weekend that falls after them.
  const lastCredit = creditDates.at(-1) ?? null;
  const heldFrom = addDays(options.bankThrough, -MAX_DEPOSIT_DELAY_DAYS);
  for (const day of days) {
    if (paired.has(day)) continue;
    const afterLastCredit = lastCredit === null || day.dueDate > lastCredit;
    const afterStatement = day.dueDate > options.bankThrough || (afterLastCredit && day.dueDate > heldFrom);
    items.push({
      channel,
      state: afterStatement ? 'timing_difference' : 'missing_in_statement',
      reason: afterStatement ? 'deposit_after_period' : 'no_deposit',
      rule: null,
      days: [day],
      credits: [],
      differenceFen: -day.netFen,
      candidates: afterStatement ? [] : nearestCredits(day, freeCredits),
    });
  }
  return items;
}

/** Select the unpaired days due from `from` up to the credit's date, in date order. */
function candidateDays(days: readonly SettlementDay[], paired: ReadonlySet<SettlementDay>, credit: BankCredit, from: string): SettlementDay[] {
  return days.filter((day) => !paired.has(day) && day.dueDate <= credit.date && day.dueDate >= from);
}

/**
 * Find the run of consecutive candidate days whose total is closest to the amount, within the
 * tolerance. Of equally close runs, the one ending latest wins, then the shortest.
 */
function findRun(candidates: readonly SettlementDay[], amountFen: number, toleranceFen: number): SettlementDay[] | null {
  let best: { start: number; end: number; difference: number } | null = null;
  for (let start = 0; start < candidates.length; start++) {
    let total = 0;
    for (let end = start; end < candidates.length; end++) {
      total += candidates[end]!.netFen;
      const difference = Math.abs(amountFen - total);
      if (difference > toleranceFen) continue;
      const better = best === null || difference < best.difference || (difference === best.difference && (end > best.end || (end === best.end && start > best.start)));
      if (better) best = { start, end, difference };
    }
  }
  return best === null ? null : candidates.slice(best.start, best.end + 1);
}

/** List up to three unpaired credits of the channel nearest in amount to a day without a deposit. */
function nearestCredits(day: SettlementDay, credits: readonly BankCredit[]): Candidate[] {
  return [...credits]
    .sort((a, b) => Math.abs(a.amountFen - day.netFen) - Math.abs(b.amountFen - day.netFen) || byDate(a, b))
    .slice(0, 3)
    .map((credit) => ({ key: credit.key, amountFen: credit.amountFen, at: credit.atMs === null ? credit.date : new Date(credit.atMs).toISOString(), differenceFen: credit.amountFen - day.netFen, seconds: null }));
}

function sumNet(days: readonly SettlementDay[]): number {
  let total = 0;
  for (const day of days) total += day.netFen;
  return total;
}

function byDate(a: { date: string; key: string }, b: { date: string; key: string }): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

function byFirstDate(a: SettlementItem, b: SettlementItem): number {
  const first = (item: SettlementItem) => item.days[0] ?? item.credits[0]!;
  return byDate(first(a), first(b)) || (a.channel ?? '').localeCompare(b.channel ?? '');
}
