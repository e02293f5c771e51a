import { nearestCandidates } from './candidates.js';
import { flagFeeDifferences, type RateCounts } from './fee-check.js';
import { signed, type MatchItem } from './item.js';
import { EXACT_RULES, runExactRule } from './match-exact.js';
import type { Used } from './match-group.js';
import { duplicateItem } from './match-state.js';
import { runWindowRule } from './match-window.js';
import type { LineRecord, MatchOptions, PosRecord } from './records.js';
import { localDateAt } from '../time/business-date.js';

/**
 * Match POS records against statement lines, all in memory: exact rules on ids first, then
 * amount and time within the window; what is left is a duplicate of a matched line or missing
 * on the other side. Every record ends in exactly one item. Items whose records all lie outside
 * the period (loaded only so that matches across the cut-off are found) are left out.
 *
 * The result depends only on the records, never on their input order. `pairedRates` counts the fee
 * rates of lines paired outside the engine (see pairInDatabase), which the fee check reads too.
 */
export function matchRecords(
  posInput: readonly PosRecord[],
  lineInput: readonly LineRecord[],
  options: MatchOptions,
  settledLines: readonly LineRecord[] = [],
  pairedRates?: RateCounts,
): MatchItem[] {
  const pos = [...posInput].sort(byTime);
  const lines = [...lineInput].sort(byTime);
  const used: Used = new Set();
  const items: MatchItem[] = [];

  for (const rule of EXACT_RULES) runExactRule(rule, lines, pos, options, used, items);
  runWindowRule(lines, pos, options, used, items);
  markCrossDay(items, options.storeZones);

  const freeLines = lines.filter((line) => !used.has(line));
  const freePos = pos.filter((record) => !used.has(record));
  const twins = matchedSignatures(items, freeLines, settledLines);
  const missingLines: LineRecord[] = [];
  for (const line of freeLines) {
    if (twins.has(signature(line))) items.push(duplicateItem(line, 'line', null));
    else missingLines.push(line);
  }

  for (const record of freePos) {
    if (!record.inPeriod) continue;
    if (record.settlesAfterPeriod) {
      // Paid at the very end of the period (or after midnight for a late-night store): its line is
      // in the next period's statement, so it is a timing difference, not a missing payment.
      items.push({ state: 'timing_difference', reason: 'after_cut_off', rule: null, score: 0, pos: [record], lines: [], differenceFen: -signed(record), candidates: [] });
      continue;
    }
    items.push({ state: 'missing_in_statement', reason: 'no_line', rule: null, score: 0, pos: [record], lines: [], differenceFen: -signed(record), candidates: nearestCandidates(record, missingLines) });
  }
  for (const line of missingLines) {
    if (!line.inPeriod) continue;
    items.push({ state: 'missing_in_pos', reason: 'no_pos', rule: null, score: 0, pos: [], lines: [line], differenceFen: signed(line), candidates: nearestCandidates(line, freePos) });
  }

  flagFeeDifferences(items, settledLines, pairedRates);
  return items.filter((item) => item.pos.some((r) => r.inPeriod) || item.lines.some((l) => l.inPeriod)).sort(byFirstRecord);
}

/**
 * Mark a match whose POS payment and line fall on different local days as a timing difference.
 * Both dates are read in the POS store's time zone when it is known.
 */
function markCrossDay(items: MatchItem[], storeZones: ReadonlyMap<string, string> | undefined): void {
  for (const item of items) {
    if (item.state !== 'matched') continue;
    const day = item.pos[0]!.localDate;
    const zone = storeZones?.get(item.pos[0]!.storeCode);
    const lineDay = (line: LineRecord) => (zone !== undefined && line.atMs !== null ? localDateAt(line.atMs, zone) : line.localDate);
    if (item.pos.some((record) => record.localDate !== day) || item.lines.some((line) => lineDay(line) !== day)) {
      item.state = 'timing_difference';
      item.reason = 'crosses_day';
    }
  }
}

/** Build the key of what makes two lines the same: kind, amount, time and ids. */
function signature(line: LineRecord): string {
  return `${line.kind}|${line.amountFen}|${line.atMs ?? ''}|${line.transactionId ?? ''}|${line.merchantOrderNumber ?? ''}|${line.refundId ?? ''}`;
}

/**
 * Collect the signatures of matched lines that share an amount with a free line, including
 * lines an earlier run matched (`settledLines`).
 */
function matchedSignatures(items: readonly MatchItem[], freeLines: readonly LineRecord[], settledLines: readonly LineRecord[]): Set<string> {
  const freeAmounts = new Set(freeLines.map((line) => line.amountFen));
  const signatures = new Set<string>();
  if (freeAmounts.size === 0) return signatures;
  for (const item of items) {
    if (item.state === 'duplicate') continue;
    for (const line of item.lines) if (freeAmounts.has(line.amountFen)) signatures.add(signature(line));
  }
  for (const line of settledLines) if (freeAmounts.has(line.amountFen)) signatures.add(signature(line));
  return signatures;
}

function byTime(a: { atMs: number | null; key: string }, b: { atMs: number | null; key: string }): number {
  const at = (a.atMs ?? Number.MAX_SAFE_INTEGER) - (b.atMs ?? Number.MAX_SAFE_INTEGER);
  if (at !== 0) return at;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

function firstKey(item: MatchItem): { atMs: number | null; key: string } {
  return item.pos[0] ?? item.lines[0]!;
}

function byFirstRecord(a: MatchItem, b: MatchItem): number {
  return byTime(firstKey(a), firstKey(b));
}
