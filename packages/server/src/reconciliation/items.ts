import type { components } from '@boh/sdk/types';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { translate } from '../i18n/messages.js';
import type { Language } from '../i18n/language.js';
import { findReconciliation } from './reconciliation-record.js';
import type { ReconciliationItemTable } from './tables.js';
import type { Candidate } from './item.js';

export type ReconciliationItemApi = components['schemas']['ReconciliationItem'];
type ReconciliationItemRowApi = components['schemas']['ReconciliationItemRow'];
type ReconciliationCandidateApi = components['schemas']['ReconciliationCandidate'];

// The columns that the compact form of an item is built from.
const ROW_COLUMNS = [
  'item_id',
  'state',
  'reason',
  'rule',
  'score',
  'store_code',
  'business_date',
  'pos_refs',
  'pos_amount_fen',
  'pos_at',
  'line_refs',
  'line_amount_fen',
  'line_at',
  'difference_fen',
  'fee_milli_fen',
  'transaction_id',
  'merchant_order_number',
  'candidates',
  'resolution',
  'resolution_note',
  'channel',
] as const;

/**
 * Convert a stored item to its API form. `messages` may carry the translated reasons of earlier
 * items of the same page, which a page of thousands of items mostly repeats.
 */
export function itemToApi(row: ReconciliationItemTable, language: Language, messages: Map<string, string> = new Map()): ReconciliationItemApi {
  const refs = (text: string) => (text === '' ? [] : text.split(' '));
  const posRefs = refs(row.pos_refs);
  const lineRefs = refs(row.line_refs);
  const message = reasonMessage(row.reason, posRefs.length + lineRefs.length, language, messages);
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
    candidates: candidatesToApi(row.candidates),
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

/** Translate an item's reason once per reason and record count, through the cache `messages`. */
function reasonMessage(reason: string, recordCount: number, language: Language, messages: Map<string, string>): string {
  const key = `${reason}|${recordCount}`;
  let message = messages.get(key);
  if (message === undefined) {
    message = translate(language, `reason.${reason}`, { count: recordCount });
    messages.set(key, message);
  }
  return message;
}

function candidatesToApi(text: string | null): ReconciliationCandidateApi[] {
  if (text === null) return [];
  const candidates = JSON.parse(text) as Candidate[];
  return candidates.map((candidate) => ({ ref: candidate.key, amount_fen: candidate.amountFen, at: candidate.at, difference_fen: candidate.differenceFen, seconds: candidate.seconds }));
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

/**
 * Page through the items of a reconciliation in compact form (ReconciliationItemRow), in id order,
 * optionally of one state. Only the columns of the compact form are read, and each item becomes
 * one array instead of an object with nested sides, so a page is about half the size. The CLI
 * writes the reconciliation workbook from these rows.
 */
export const listReconciliationItemRows: Handler<'listReconciliationItemRows'> = async (c) => {
  const reconciliation = await findReconciliation(c.db, c.params.id);
  const limit = c.query.limit ?? 1000;
  let query = c.db.selectFrom('reconciliation_items').select(ROW_COLUMNS).where('reconciliation_id', '=', reconciliation.id);
  if (c.query.state) query = query.where('state', '=', c.query.state);
  if (c.query.cursor) query = query.where('item_id', '>', Number(decodeCursor(c.query.cursor, 'item_id').value));
  const rows = await query.orderBy('item_id').limit(limit + 1).execute();
  const page = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: 'item_id', value: Number(last.item_id), key: String(last.item_id) }) : null;

  const messages = new Map<string, string>();
  const data: ReconciliationItemRowApi[] = page.map((row) => [
    Number(row.item_id),
    row.state as ReconciliationItemRowApi[1],
    row.reason,
    reasonMessage(row.reason, countRefs(row.pos_refs) + countRefs(row.line_refs), c.language, messages),
    row.rule,
    Number(row.score),
    row.store_code,
    row.business_date,
    row.pos_refs,
    row.pos_amount_fen === null ? null : Number(row.pos_amount_fen),
    row.pos_at,
    row.line_refs,
    row.line_amount_fen === null ? null : Number(row.line_amount_fen),
    row.line_at,
    Number(row.difference_fen),
    Number(row.fee_milli_fen),
    row.transaction_id,
    row.merchant_order_number,
    candidatesToApi(row.candidates),
    row.resolution === null ? null : (row.resolution_note ?? ''),
    row.channel ?? null,
  ]);
  return { status: 200, body: { data, next_cursor: next } };
};

/** Count the references of a space-joined list without splitting it. */
function countRefs(text: string): number {
  if (text === '') return 0;
  let count = 1;
  for (let index = text.indexOf(' '); index !== -1; index = text.indexOf(' ', index + 1)) count += 1;
  return count;
}
