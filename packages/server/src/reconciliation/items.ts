import type { components } from '@boh/sdk/types';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { translate } from '../i18n/messages.js';
import type { Language } from '../i18n/language.js';
import { findReconciliation } from './reconciliation-record.js';
import type { ReconciliationItemTable } from './tables.js';
import type { Candidate } from './item.js';

export type ReconciliationItemApi = components['schemas']['ReconciliationItem'];

/**
 * Convert a stored item to its API form. `messages` may carry the translated reasons of earlier
 * items of the same page, which a page of thousands of items mostly repeats.
 */
export function itemToApi(row: ReconciliationItemTable, language: Language, messages: Map<string, string> = new Map()): ReconciliationItemApi {
  const refs = (text: string) => (text === '' ? [] : text.split(' '));
  const candidates = row.candidates === null ? [] : (JSON.parse(row.candidates) as Candidate[]);
  const posRefs = refs(row.pos_refs);
  const lineRefs = refs(row.line_refs);
  const messageKey = `${row.reason}|${posRefs.length + lineRefs.length}`;
  let message = messages.get(messageKey);
  if (message === undefined) {
    message = translate(language, `reason.${row.reason}`, { count: posRefs.length + lineRefs.length });
    messages.set(messageKey, message);
  }
  return {
    id: Number(row.item_id),
    channel: row.channel ?? null,
    state: row.state as ReconciliationItemApi['state'],
    reason: row.reason,
    message,
    rule: row.rule,
    score: Number(row.score),
    amount_fen: Number(row.amount_fen),
    difference_fen: Number(row.difference_fen),
    fee_milli_fen: Number(row.fee_milli_fen),
    business_date: row.business_date,
    store_code: row.store_code,
    pos: { refs: posRefs, amount_fen: row.pos_amount_fen === null ? null : Number(row.pos_amount_fen), at: row.pos_at },
    statement: { refs: lineRefs, amount_fen: row.line_amount_fen === null ? null : Number(row.line_amount_fen), at: row.line_at },
    transaction_id: row.transaction_id,
    merchant_order_number: row.merchant_order_number,
    candidates: candidates.map((candidate) => ({ ref: candidate.key, amount_fen: candidate.amountFen, at: candidate.at, difference_fen: candidate.differenceFen, seconds: candidate.seconds })),
    resolution:
      row.resolution === null
        ? null
        : {
            kind: row.resolution as 'note' | 'journal',
            note: row.resolution_note ?? '',
            journal_entry_id: row.journal_entry_id === null ? null : Number(row.journal_entry_id),
            resolved_by: row.resolved_by,
            resolved_at: new Date(row.resolved_at!).toISOString(),
          },
  };
}

/** Page through the items of a reconciliation in id order, optionally of one state. */
export const listReconciliationItems: Handler<'listReconciliationItems'> = async (c) => {
  const reconciliation = await findReconciliation(c.db, c.params.id);
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('reconciliation_items').selectAll().where('reconciliation_id', '=', reconciliation.id);
  if (c.query.state) query = query.where('state', '=', c.query.state);
  if (c.query.cursor) query = query.where('item_id', '>', Number(decodeCursor(c.query.cursor, 'item_id').value));
  const rows = (await query.orderBy('item_id').limit(limit + 1).execute()) as ReconciliationItemTable[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: 'item_id', value: Number(last.item_id), key: String(last.item_id) }) : null;
  const messages = new Map<string, string>();
  return { status: 200, body: { data: page.map((row) => itemToApi(row, c.language, messages)), next_cursor: next } };
};
