import type { Kysely } from 'kysely';
import { bulkInsert, bulkUpsert } from '../db/bulk-insert.js';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError, validationError, type FieldIssue } from '../http/api-error.js';
import { periodOf } from '../time/business-date.js';
import { loadAccountIndex, type AccountIndex } from './account-index.js';
import { postingTime, type PostingContext } from './context.js';
import { lockPeriodsForPosting, periodClosedError } from './periods.js';

/** One line of a journal entry. A negative amount on one side is posted on the other. */
export interface JournalLineInput {
  accountCode: string;
  /** The store the amount belongs to, for per-store trial balances; the entry's store when absent. */
  storeCode?: string | null;
  debitFen?: number;
  creditFen?: number;
  memo?: string | null;
}

/** A journal entry (记账凭证) to post. */
export interface JournalEntryInput {
  /** `YYYY-MM-DD`; the entry's period is its month. */
  entryDate: string;
  storeCode?: string | null;
  /** The producer of the entry: sales, refunds, stock_receipt, manual, reversal, or another domain's name. */
  sourceType: string;
  /** The producing record's key, such as a batch id or document number. */
  sourceRef?: string | null;
  memo?: string | null;
  /** How many orders, refunds or documents the entry sums up. */
  documentCount?: number;
  reversesEntryId?: number | null;
  lines: JournalLineInput[];
}

/** A line after netting: exactly one side is positive. */
interface NormalisedLine {
  accountCode: string;
  storeCode: string | null;
  debit: number;
  credit: number;
  memo: string | null;
}

/**
 * Post one balanced journal entry and return its id. See postJournalEntries for the checks.
 *
 * ```ts
 * await postJournalEntry(context, {
 *   entryDate: '2024-01-31', sourceType: 'expense_claim', sourceRef: 'EC-0042', storeCode: '0001',
 *   lines: [{ accountCode: '5602.99', storeCode: '0001', debitFen: 12800 }, { accountCode: '1002', creditFen: 12800 }],
 * });
 * ```
 */
export async function postJournalEntry(context: PostingContext, entry: JournalEntryInput, accounts?: AccountIndex): Promise<number> {
  const [id] = await postJournalEntries(context, [entry], accounts);
  return id!;
}

/**
 * Post journal entries in the context's transaction and return their ids in order. Each entry
 * must balance (debits equal credits, in fen, and more than zero), name only leaf accounts that
 * are active, and fall into an open period. Otherwise nothing is written, and the error names
 * the entry, the account or the period. Lines with a zero amount are left out. The per-period
 * balances read by trial balances are updated in the same transaction. With `ids` (reserved by
 * JournalEntryIds, one per entry) the entries get those ids and are inserted in bulk.
 */
export async function postJournalEntries(context: PostingContext, entries: JournalEntryInput[], accounts?: AccountIndex, ids?: readonly number[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const index = accounts ?? (await loadAccountIndex(context.db));
  const normalised = entries.map((entry, position) => ({ entry, lines: checkEntry(entry, position, index, entries.length) }));

  const statuses = await lockPeriodsForPosting(context, entries.map((entry) => periodOf(entry.entryDate)));
  for (const [period, status] of statuses) {
    if (status !== 'open') throw periodClosedError(period, status);
  }

  if (ids && ids.length !== entries.length) throw new Error(`postJournalEntries: ${ids.length} ids for ${entries.length} entries`);
  const now = postingTime(context);
  const entryRows: Record<string, unknown>[] = [];
  const entryIds: number[] = [];
  const lineRows: Record<string, unknown>[] = [];
  for (const [entryIndex, { entry, lines }] of normalised.entries()) {
    const period = periodOf(entry.entryDate);
    const row = {
      entry_date: entry.entryDate,
      period,
      store_code: entry.storeCode ?? null,
      source_type: entry.sourceType,
      source_ref: entry.sourceRef ?? null,
      memo: entry.memo ?? null,
      document_count: entry.documentCount ?? 0,
      reverses_entry_id: entry.reversesEntryId ?? null,
      total_fen: lines.reduce((sum, line) => sum + line.debit, 0),
      posted_at: now,
      posted_by: context.actor.name,
      request_id: context.actor.requestId,
    };
    let id: number;
    if (ids) {
      id = ids[entryIndex]!;
      entryRows.push({ id, ...row });
    } else {
      const inserted = await context.db.insertInto('journal_entries').values(row).returning('id').executeTakeFirstOrThrow();
      id = Number(inserted.id);
    }
    entryIds.push(id);
    lines.forEach((line, position) =>
      lineRows.push({
        entry_id: id,
        line_number: position + 1,
        account_code: line.accountCode,
        store_code: line.storeCode,
        debit_fen: line.debit,
        credit_fen: line.credit,
        memo: line.memo,
        entry_date: entry.entryDate,
        period,
      }),
    );
  }

  await bulkInsert(context, 'journal_entries', entryRows);
  await bulkInsert(context, 'journal_lines', lineRows);
  await addToBalances(context, lineRows);
  return entryIds;
}

function checkEntry(entry: JournalEntryInput, position: number, accounts: AccountIndex, count: number): NormalisedLine[] {
  const prefix = count === 1 ? 'body' : `entries[${position}]`;
  const issues: FieldIssue[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.entryDate) || Number.isNaN(Date.parse(`${entry.entryDate}T00:00:00Z`))) {
    issues.push({ field: `${prefix}.entry_date`, code: 'format', params: { value: entry.entryDate, format: 'date' }, value: entry.entryDate });
  }

  const lines: NormalisedLine[] = [];
  entry.lines.forEach((line, index) => {
    const storeCode = line.storeCode === undefined ? (entry.storeCode ?? null) : line.storeCode;
    const field = `${prefix}.lines[${index}]`;
    const net = (line.debitFen ?? 0) - (line.creditFen ?? 0);
    if (!Number.isSafeInteger(net)) {
      issues.push({ field, code: 'amount_not_integer', params: { value: net }, value: net });
      return;
    }
    const reason = accounts.unpostableReason(line.accountCode);
    if (reason) {
      issues.push({ field: `${field}.account_code`, code: `account_${reason}`, params: { value: line.accountCode }, value: line.accountCode });
      return;
    }
    if (net === 0) return;
    lines.push({
      accountCode: line.accountCode,
      storeCode,
      debit: net > 0 ? net : 0,
      credit: net < 0 ? -net : 0,
      memo: line.memo ?? null,
    });
  });
  if (issues.length > 0) throw validationError(issues);

  const debit = lines.reduce((sum, line) => sum + line.debit, 0);
  const credit = lines.reduce((sum, line) => sum + line.credit, 0);
  if (debit !== credit || debit === 0) {
    throw new ApiError(422, 'journal_unbalanced', { entry: position, debit_fen: debit, credit_fen: credit, source_type: entry.sourceType, source_ref: entry.sourceRef ?? '' });
  }
  return lines;
}

/** Add the lines' amounts to the per-period balances, one upsert per period, account and store. */
async function addToBalances(target: { db: Kysely<Database>; dialect: DialectName }, lines: Record<string, unknown>[]): Promise<void> {
  const totals = new Map<string, { period: string; account_code: string; store_code: string; debit_fen: number; credit_fen: number }>();
  for (const line of lines) {
    const key = `${line.period}|${line.account_code}|${line.store_code ?? ''}`;
    let total = totals.get(key);
    if (!total) {
      total = { period: line.period as string, account_code: line.account_code as string, store_code: (line.store_code as string | null) ?? '', debit_fen: 0, credit_fen: 0 };
      totals.set(key, total);
    }
    total.debit_fen += line.debit_fen as number;
    total.credit_fen += line.credit_fen as number;
  }

  // Sorted keys make concurrent transactions take the row locks in the same order.
  const rows = [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await bulkUpsert(target, 'ledger_balances', rows, ['period', 'account_code', 'store_code'], 'add');
}

/** Split a list into consecutive chunks of at most `size` items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
