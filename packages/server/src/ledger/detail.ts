import { sql } from 'kysely';
import { notFound } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { accountName } from './accounts.js';
import { entrySummary } from './entries.js';
import { rangeOf } from './trial-balance.js';

/**
 * Read the general-ledger detail (明细账) of an account and its sub-accounts: opening balance,
 * lines in date order with the running balance after each, closing balance. Balances are signed in the
 * account's direction, so a debit account's debit balance and a credit account's credit balance
 * are both positive.
 */
const getLedgerDetail: Handler<'getLedgerDetail'> = async (c) => {
  const range = rangeOf(c.query);
  const account = await c.db.selectFrom('accounts').selectAll().where('code', '=', c.query.account_code).executeTakeFirst();
  if (!account) throw notFound('account', c.query.account_code);
  const sign = account.balance_direction === 'credit' ? -1 : 1;
  const code = account.code;
  const ofAccount = <Q extends { where: (...args: any[]) => Q }>(query: Q, column: string): Q =>
    query.where((eb: any) => eb.or([eb(column, '=', code), eb(column, 'like', `${code}.%`)]));
  const ofStore = <Q extends { where: (...args: any[]) => Q }>(query: Q, column: string): Q => (range.storeCode === null ? query : query.where(column, '=', range.storeCode));

  const sums = await ofStore(
    ofAccount(
      c.db
        .selectFrom('ledger_balances')
        .select([
          sql<number>`coalesce(sum(case when period < ${range.periodFrom} then debit_fen - credit_fen else 0 end), 0)`.as('opening'),
          sql<number>`coalesce(sum(case when period >= ${range.periodFrom} then debit_fen else 0 end), 0)`.as('debit'),
          sql<number>`coalesce(sum(case when period >= ${range.periodFrom} then credit_fen else 0 end), 0)`.as('credit'),
        ])
        .where('period', '<=', range.periodTo),
      'account_code',
    ),
    'store_code',
  ).executeTakeFirstOrThrow();
  const opening = Number(sums.opening);
  const debit = Number(sums.debit);
  const credit = Number(sums.credit);

  const limit = c.query.limit ?? 50;
  let lines = ofStore(
    ofAccount(
      c.db
        .selectFrom('journal_lines')
        .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
        .where('journal_lines.period', '>=', range.periodFrom)
        .where('journal_lines.period', '<=', range.periodTo),
      'journal_lines.account_code',
    ),
    'journal_lines.store_code',
  );
  let before = 0;
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, 'entry_date');
    const [entryId, lineNumber] = position.key.split(':').map(Number);
    const after = sql<boolean>`(journal_lines.entry_date, journal_lines.entry_id, journal_lines.line_number) > (${String(position.value)}, ${entryId}, ${lineNumber})`;
    const earlier = await lines
      .select(sql<number>`coalesce(sum(journal_lines.debit_fen - journal_lines.credit_fen), 0)`.as('net'))
      .where(sql<boolean>`not ${after}`)
      .executeTakeFirstOrThrow();
    before = Number(earlier.net);
    lines = lines.where(after);
  }
  const rows = await lines
    .select([
      'journal_lines.entry_id',
      'journal_lines.line_number',
      'journal_lines.entry_date',
      'journal_lines.account_code',
      'journal_lines.store_code',
      'journal_lines.debit_fen',
      'journal_lines.credit_fen',
      'journal_lines.memo',
      'journal_entries.source_type',
      'journal_entries.source_ref',
      'journal_entries.store_code as entry_store_code',
      'journal_entries.document_count',
      'journal_entries.memo as entry_memo',
    ])
    .orderBy('journal_lines.entry_date')
    .orderBy('journal_lines.entry_id')
    .orderBy('journal_lines.line_number')
    .limit(limit + 1)
    .execute();

  let running = opening + before;
  const page = rows.slice(0, limit).map((row) => {
    running += Number(row.debit_fen) - Number(row.credit_fen);
    return {
      entry_id: Number(row.entry_id),
      line_number: row.line_number,
      entry_date: row.entry_date,
      account_code: row.account_code,
      store_code: row.store_code,
      source_type: row.source_type,
      source_ref: row.source_ref,
      summary: entrySummary({ source_type: row.source_type, source_ref: row.source_ref, store_code: row.entry_store_code, entry_date: row.entry_date, document_count: row.document_count, memo: row.entry_memo }, c.language),
      memo: row.memo,
      debit_fen: Number(row.debit_fen),
      credit_fen: Number(row.credit_fen),
      balance_fen: sign * running,
    };
  });
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      account_code: account.code,
      account_name: accountName(account, c.language),
      balance_direction: account.balance_direction as 'debit' | 'credit',
      period_from: range.periodFrom,
      period_to: range.periodTo,
      store_code: range.storeCode,
      opening_balance_fen: sign * opening,
      closing_balance_fen: sign * (opening + debit - credit),
      debit_fen: debit,
      credit_fen: credit,
      data: page,
      next_cursor: rows.length > limit && last ? encodeCursor({ sort: 'entry_date', value: last.entry_date, key: `${last.entry_id}:${last.line_number}` }) : null,
    },
  };
};

export const detailHandlers = { getLedgerDetail };
