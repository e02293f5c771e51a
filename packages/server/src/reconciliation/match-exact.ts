import type { MatchItem } from './item.js';
import { settleGroup, settlePair, type Used } from './match-group.js';
import type { LineRecord, MatchOptions, PosRecord, RecordKind } from './records.js';
import type { RuleName } from './states.js';

/** One exact rule: the id a line and a POS record must share. */
export interface ExactRule {
  readonly rule: RuleName;
  readonly kind: RecordKind;
  readonly lineKey: (line: LineRecord) => string | null;
  readonly posKey: (record: PosRecord) => string | null;
}

/** The exact rules in the order they run: payments by their ids, then refunds. */
export const EXACT_RULES: readonly ExactRule[] = [
  { rule: 'transaction_id', kind: 'payment', lineKey: (l) => l.transactionId, posKey: (p) => p.transactionId },
  { rule: 'merchant_order_number', kind: 'payment', lineKey: (l) => l.merchantOrderNumber, posKey: (p) => p.merchantOrderNumber },
  { rule: 'refund_id', kind: 'refund', lineKey: (l) => l.refundId, posKey: (p) => p.transactionId },
  { rule: 'merchant_refund_id', kind: 'refund', lineKey: (l) => l.merchantRefundId, posKey: (p) => p.refundNumber },
  { rule: 'original_transaction_id', kind: 'refund', lineKey: (l) => l.transactionId, posKey: (p) => p.originalTransactionId },
  { rule: 'original_merchant_order_number', kind: 'refund', lineKey: (l) => l.merchantOrderNumber, posKey: (p) => p.originalMerchantOrderNumber },
];

/**
 * Run one exact rule over the free records: index the POS records by the id once, group the
 * lines by it, and settle each group (see settleGroup). Groups are settled in the order of their
 * first line, so the outcome does not depend on hashing. Most ids name one record on each side,
 * so the maps hold a single record and make an array only for a second one.
 */
export function runExactRule(rule: ExactRule, lines: readonly LineRecord[], pos: readonly PosRecord[], options: MatchOptions, used: Used, items: MatchItem[]): void {
  const index = new Map<string, PosRecord | PosRecord[]>();
  for (const record of pos) {
    if (record.kind !== rule.kind || used.has(record)) continue;
    const key = rule.posKey(record);
    if (key === null || key === '') continue;
    addToGroup(index, key, record);
  }
  if (index.size === 0) return;

  const groups = new Map<string, LineRecord | LineRecord[]>();
  for (const line of lines) {
    if (line.kind !== rule.kind || used.has(line)) continue;
    const key = rule.lineKey(line);
    if (key === null || key === '' || !index.has(key)) continue;
    addToGroup(groups, key, line);
  }
  for (const [key, group] of groups) {
    const records = index.get(key)!;
    if (!Array.isArray(group) && !Array.isArray(records)) settlePair(group, records, rule.rule, options, used, items);
    else settleGroup(Array.isArray(group) ? group : [group], Array.isArray(records) ? records : [records], rule.rule, options, used, items);
  }
}

function addToGroup<T extends object>(groups: Map<string, T | T[]>, key: string, member: T): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, member);
  else if (Array.isArray(group)) group.push(member);
  else groups.set(key, [group, member]);
}
