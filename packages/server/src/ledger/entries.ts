import type { Kysely, Selectable } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { ApiError, notFound, validationError, type FieldIssue } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import type { Language } from '../i18n/language.js';
import { labelEnumParams } from '../i18n/enum-labels.js';
import { translate } from '../i18n/messages.js';
import { postingContextOf } from '../sales/handlers.js';
import { valueLabel } from '../reports/value-labels.js';
import { accountName } from './accounts.js';
import { postJournalEntry } from './journal.js';
import type { JournalEntryTable } from './tables.js';

type JournalEntry = components['schemas']['JournalEntry'];

// Entries made by the sales and stock postings, and by repair tickets, whose parts left stock.
// Reversing one would leave orders and stock out of step with the books, so they are corrected
// by refunds and stock documents.
const SUBLEDGER_SOURCES = new Set(['sales', 'refunds', 'stock_receipt', 'stock_opening', 'stock_waste', 'stock_transfer', 'stock_count', 'maintenance']);

/** Describe an entry (摘要) in `language`, from what produced it. */
export function entrySummary(entry: Pick<Selectable<JournalEntryTable>, 'source_type' | 'source_ref' | 'store_code' | 'entry_date' | 'document_count' | 'memo'>, language: Language): string {
  const key = `summary.${entry.source_type}`;
  const params = { store: entry.store_code ?? '', date: entry.entry_date, count: entry.document_count, ref: entry.source_ref ?? '', memo: entry.memo ?? '', source: entry.source_type, ...writeOffParams(entry, language) };
  const text = translate(language, key, params);
  if (text !== key) return text;
  return entry.memo ?? translate(language, 'summary.other', labelEnumParams('summary.other', params, language));
}

/**
 * Return the channel (by its label) and period of a reconciliation write-off, read from the memo
 * `<channel> <period>` that reconciliation/write-off.ts stores.
 */
function writeOffParams(entry: Pick<Selectable<JournalEntryTable>, 'source_type' | 'memo'>, language: Language): Record<string, string> {
  if (entry.source_type !== 'reconciliation_write_off' || !entry.memo) return {};
  const [channel = '', period = ''] = entry.memo.split(' ');
  return { channel: valueLabel(channel, language), period };
}

/** Read entries with their lines, in the API's shape. */
export async function loadEntries(db: Kysely<Database>, ids: number[], language: Language): Promise<JournalEntry[]> {
  if (ids.length === 0) return [];
  const entries = await db.selectFrom('journal_entries').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const lines = await db
    .selectFrom('journal_lines')
    .innerJoin('accounts', 'accounts.code', 'journal_lines.account_code')
    .select(['journal_lines.entry_id', 'journal_lines.line_number', 'journal_lines.account_code', 'accounts.name_zh', 'accounts.name_en', 'journal_lines.store_code', 'journal_lines.debit_fen', 'journal_lines.credit_fen', 'journal_lines.memo'])
    .where('journal_lines.entry_id', 'in', ids)
    .orderBy('journal_lines.entry_id')
    .orderBy('journal_lines.line_number')
    .execute();
  const reversals = await db.selectFrom('journal_entries').select(['id', 'reverses_entry_id']).where('reverses_entry_id', 'in', ids).execute();
  const reversedBy = new Map(reversals.map((row) => [Number(row.reverses_entry_id), Number(row.id)]));

  return entries.map((entry) => ({
    id: Number(entry.id),
    entry_date: entry.entry_date,
    period: entry.period,
    store_code: entry.store_code,
    source_type: entry.source_type,
    source_ref: entry.source_ref,
    summary: entrySummary(entry, language),
    memo: entry.memo,
    document_count: entry.document_count,
    reverses_entry_id: entry.reverses_entry_id === null ? null : Number(entry.reverses_entry_id),
    reversed_by_entry_id: reversedBy.get(Number(entry.id)) ?? null,
    total_fen: Number(entry.total_fen),
    posted_at: entry.posted_at,
    posted_by: entry.posted_by,
    lines: lines
      .filter((line) => Number(line.entry_id) === Number(entry.id))
      .map((line) => ({
        line_number: line.line_number,
        account_code: line.account_code,
        account_name: accountName(line, language),
        store_code: line.store_code,
        debit_fen: Number(line.debit_fen),
        credit_fen: Number(line.credit_fen),
        memo: line.memo,
      })),
  }));
}

const listJournalEntries: Handler<'listJournalEntries'> = async (c) => {
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('journal_entries').select('id');
  if (c.query.period) query = query.where('period', '=', c.query.period);
  if (c.query.source_type) query = query.where('source_type', '=', c.query.source_type);
  if (c.query.store_code) {
    const store = c.query.store_code;
    query = query.where((eb) =>
      eb.or([eb('store_code', '=', store), eb.exists(eb.selectFrom('journal_lines').select('entry_id').whereRef('journal_lines.entry_id', '=', 'journal_entries.id').where('journal_lines.store_code', '=', store))]),
    );
  }
  if (c.query.account_code) {
    const account = c.query.account_code;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('journal_lines')
          .select('entry_id')
          .whereRef('journal_lines.entry_id', '=', 'journal_entries.id')
          .where((inner) => inner.or([inner('journal_lines.account_code', '=', account), inner('journal_lines.account_code', 'like', `${account}.%`)])),
      ),
    );
  }
  if (c.query.cursor) query = query.where('id', '>', Number(decodeCursor(c.query.cursor, 'id').value));
  const rows = await query.orderBy('id').limit(limit + 1).execute();

  const page = rows.slice(0, limit).map((row) => Number(row.id));
  const last = page.at(-1);
  return {
    status: 200,
    body: { data: await loadEntries(c.db, page, c.language), next_cursor: rows.length > limit && last ? encodeCursor({ sort: 'id', value: last, key: String(last) }) : null },
  };
};

const getJournalEntry: Handler<'getJournalEntry'> = async (c) => {
  const [entry] = await loadEntries(c.db, [c.params.id], c.language);
  if (!entry) throw notFound('journal_entry', String(c.params.id));
  return { status: 200, body: entry };
};

const createJournalEntry: Handler<'createJournalEntry'> = async (c) => {
  const stores = [c.body.store_code, ...c.body.lines.map((line) => line.store_code)].filter((code): code is string => typeof code === 'string');
  const known = new Set(stores.length > 0 ? (await c.db.selectFrom('stores').select('code').where('code', 'in', stores).execute()).map((row) => row.code) : []);
  const issues: FieldIssue[] = [];
  if (c.body.store_code && !known.has(c.body.store_code)) issues.push({ field: 'body.store_code', code: 'reference_not_found', params: { resource: 'store', value: c.body.store_code }, value: c.body.store_code });
  c.body.lines.forEach((line, index) => {
    if (line.store_code && !known.has(line.store_code)) issues.push({ field: `body.lines[${index}].store_code`, code: 'reference_not_found', params: { resource: 'store', value: line.store_code }, value: line.store_code });
    if ((line.debit_fen ?? 0) > 0 && (line.credit_fen ?? 0) > 0) issues.push({ field: `body.lines[${index}]`, code: 'line_both_sides' });
  });
  if (issues.length > 0) throw validationError(issues);

  const id = await postJournalEntry(postingContextOf(c), {
    entryDate: c.body.entry_date,
    storeCode: c.body.store_code ?? null,
    sourceType: 'manual',
    memo: c.body.memo ?? null,
    lines: c.body.lines.map((line) => ({
      accountCode: line.account_code,
      ...(line.store_code !== undefined ? { storeCode: line.store_code } : {}),
      debitFen: line.debit_fen ?? 0,
      creditFen: line.credit_fen ?? 0,
      memo: line.memo ?? null,
    })),
  });
  const [entry] = await loadEntries(c.db, [id], c.language);
  return { status: 201, body: entry! };
};

const reverseJournalEntry: Handler<'reverseJournalEntry'> = async (c) => {
  const original = await c.db.selectFrom('journal_entries').selectAll().where('id', '=', c.params.id).executeTakeFirst();
  if (!original) throw notFound('journal_entry', String(c.params.id));
  if (SUBLEDGER_SOURCES.has(original.source_type)) throw new ApiError(409, 'entry_from_subledger', { id: c.params.id, source_type: original.source_type });
  if (original.reverses_entry_id !== null) throw new ApiError(409, 'reversal_not_reversible', { id: c.params.id, reverses: Number(original.reverses_entry_id) });
  const existing = await c.db.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', c.params.id).executeTakeFirst();
  if (existing) throw new ApiError(409, 'entry_already_reversed', { id: c.params.id, reversal: Number(existing.id) });

  const lines = await c.db.selectFrom('journal_lines').selectAll().where('entry_id', '=', c.params.id).orderBy('line_number').execute();
  let id: number;
  try {
    id = await postJournalEntry(postingContextOf(c), {
      entryDate: c.body.entry_date ?? original.entry_date,
      storeCode: original.store_code,
      sourceType: 'reversal',
      sourceRef: String(original.id),
      memo: c.body.reason,
      reversesEntryId: Number(original.id),
      lines: lines.map((line) => ({ accountCode: line.account_code, storeCode: line.store_code, debitFen: Number(line.credit_fen), creditFen: Number(line.debit_fen), memo: line.memo })),
    });
  } catch (error) {
    if (isUniqueViolation(error, 'journal_entries')) throw new ApiError(409, 'entry_already_reversed', { id: c.params.id, reversal: 'unknown' });
    throw error;
  }
  const [entry] = await loadEntries(c.db, [id], c.language);
  return { status: 201, body: entry! };
};

export const entryHandlers = { listJournalEntries, getJournalEntry, createJournalEntry, reverseJournalEntry };
