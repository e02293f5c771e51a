import type { MatchItem } from './item.js';
import { duplicateItem, pairedItem } from './match-state.js';
import type { LineRecord, MatchOptions, PosRecord } from './records.js';
import type { RuleName } from './states.js';

/** Records already placed in an item, by identity. */
export type Used = Set<PosRecord | LineRecord>;

/**
 * Settle a group of lines and POS records that share an id (a transaction id, a merchant order
 * number, …). In order:
 * 1. pair records of equal amount, one to one;
 * 2. if what is left on both sides sums to the same amount, it is one split payment
 *    (one POS payment paid by several transactions, or one line settling several orders);
 * 3. otherwise a leftover with the amount of a record already paired is a duplicate, and the
 *    rest are paired in order as amount differences.
 * Records still left over stay free for later rules.
 */
export function settleGroup(lines: readonly LineRecord[], pos: readonly PosRecord[], rule: RuleName, options: MatchOptions, used: Used, items: MatchItem[]): void {
  // One line and one POS record, the usual case: the steps below would pair them whatever
  // their amounts, so pair them without building the lists.
  if (lines.length === 1 && pos.length === 1) {
    settlePair(lines[0]!, pos[0]!, rule, options, used, items);
    return;
  }

  const freeLines = lines.filter((line) => !used.has(line));
  const freePos = pos.filter((record) => !used.has(record));
  if (freeLines.length === 0 || freePos.length === 0) return;

  const pairedAmounts = new Set<number>();
  const restLines: LineRecord[] = [];
  for (const line of freeLines) {
    const index = freePos.findIndex((record) => record.amountFen === line.amountFen);
    if (index < 0) {
      restLines.push(line);
      continue;
    }
    const [record] = freePos.splice(index, 1);
    take(used, [record!], [line]);
    pairedAmounts.add(line.amountFen);
    items.push(pairedItem([record!], [line], rule, 100, options));
  }
  if (restLines.length === 0 && freePos.length === 0) return;

  if (restLines.length > 0 && freePos.length > 0 && total(restLines) === total(freePos)) {
    take(used, freePos, restLines);
    items.push(pairedItem([...freePos], restLines, rule, 100, options));
    return;
  }

  const unpairedLines = takeDuplicates(restLines, 'line', pairedAmounts, rule, used, items);
  const unpairedPos = takeDuplicates(freePos, 'pos', pairedAmounts, rule, used, items);
  const count = Math.min(unpairedLines.length, unpairedPos.length);
  for (let index = 0; index < count; index++) {
    take(used, [unpairedPos[index]!], [unpairedLines[index]!]);
    items.push(pairedItem([unpairedPos[index]!], [unpairedLines[index]!], rule, 100, options));
  }
}

/** Settle a group of one line and one POS record: pair them unless either is used already. */
export function settlePair(line: LineRecord, record: PosRecord, rule: RuleName, options: MatchOptions, used: Used, items: MatchItem[]): void {
  if (used.has(line) || used.has(record)) return;
  used.add(record);
  used.add(line);
  items.push(pairedItem([record], [line], rule, 100, options));
}

function takeDuplicates<T extends PosRecord | LineRecord>(records: T[], side: 'pos' | 'line', pairedAmounts: Set<number>, rule: RuleName, used: Used, items: MatchItem[]): T[] {
  const rest: T[] = [];
  for (const record of records) {
    if (pairedAmounts.has(record.amountFen)) {
      used.add(record);
      items.push(duplicateItem(record, side, rule));
    } else {
      rest.push(record);
    }
  }
  return rest;
}

function take(used: Used, pos: readonly PosRecord[], lines: readonly LineRecord[]): void {
  for (const record of pos) used.add(record);
  for (const line of lines) used.add(line);
}

function total(records: readonly { amountFen: number }[]): number {
  let sum = 0;
  for (const record of records) sum += record.amountFen;
  return sum;
}
