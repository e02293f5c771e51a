import { sumSigned, type MatchItem } from './item.js';
import type { LineRecord, MatchOptions, PosRecord } from './records.js';
import type { RuleName } from './states.js';

/**
 * Build the item of POS records and lines that a rule paired: matched when the amounts agree,
 * written off when they differ by no more than the tolerance, an amount mismatch otherwise.
 * Whether a match crosses a day is decided later, once every match is known.
 */
export function pairedItem(pos: PosRecord[], lines: LineRecord[], rule: RuleName, score: number, options: MatchOptions): MatchItem {
  const differenceFen = sumSigned(lines) - sumSigned(pos);
  const split = pos.length > 1 || lines.length > 1;
  if (differenceFen === 0) {
    return { state: 'matched', reason: split ? 'split' : 'same_amount', rule, score, pos, lines, differenceFen, candidates: [] };
  }
  const state = Math.abs(differenceFen) <= options.toleranceFen ? 'written_off' : 'amount_mismatch';
  const reason = state === 'written_off' ? 'within_tolerance' : 'amount_differs';
  return { state, reason, rule, score, pos, lines, differenceFen, candidates: [] };
}

/** A record left over in a group whose twin (same amount, same id) was matched. */
export function duplicateItem(record: PosRecord | LineRecord, side: 'pos' | 'line', rule: RuleName | null): MatchItem {
  const signedAmount = record.kind === 'refund' ? -record.amountFen : record.amountFen;
  return side === 'pos'
    ? { state: 'duplicate', reason: 'duplicate_pos', rule, score: 100, pos: [record as PosRecord], lines: [], differenceFen: -signedAmount, candidates: [] }
    : { state: 'duplicate', reason: 'duplicate_line', rule, score: 100, pos: [], lines: [record as LineRecord], differenceFen: signedAmount, candidates: [] };
}
