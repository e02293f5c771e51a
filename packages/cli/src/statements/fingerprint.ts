// Stable line fingerprints, so a loader can tell a re-imported line from a new one.
//
// The fingerprint hashes what identifies the transaction (channel, account, ids, direction,
// time, amounts, counterparty and texts), not the line number or the layout: the same bill
// imported twice, or exported once as CSV and once as XLSX, gives the same fingerprints.
// Rows that are identical in all of these get an occurrence number (first, second, …) in file
// order, so two genuine identical purchases stay two lines.

import { createHash } from 'node:crypto';
import type { Channel, StatementLine } from './types.js';

export type FingerprintInput = Omit<StatementLine, 'fingerprint' | 'refundOf' | 'line'>;

/** Returns the text that identifies a line before its occurrence number is added. */
export function fingerprintKey(line: FingerprintInput, channel: Channel, accountId: string | undefined): string {
  return JSON.stringify([
    channel,
    accountId ?? null,
    line.channelTransactionId ?? null,
    line.channelRefundId ?? null,
    line.merchantOrderNumber ?? null,
    line.merchantRefundId ?? null,
    line.kind,
    line.flow,
    line.occurredAt ?? line.businessDate,
    line.postingDate ?? null,
    line.grossFen,
    line.refundFen,
    line.feeMilliFen,
    line.counterparty ?? null,
    line.description ?? null,
    line.typeText ?? null,
  ]);
}

/** Hashes a key and its occurrence number into `<channel>:<32 hex digits>`. */
export function fingerprintOf(channel: Channel, key: string, occurrence: number): string {
  const digest = createHash('sha256').update(`${key}#${occurrence}`).digest('hex').slice(0, 32);
  return `${channel}:${digest}`;
}
