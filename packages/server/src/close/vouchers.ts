import type { components } from '@boh/sdk/types';
import type { Handler } from '../http/handler.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { accountName } from '../ledger/accounts.js';
import { entrySummary } from '../ledger/entries.js';
import { translate } from '../i18n/messages.js';
import type { Language } from '../i18n/language.js';

type VoucherLine = components['schemas']['VoucherLine'];

// Vouchers (凭证) for a general-ledger import: each journal entry of the period is one voucher
// with the word 记, numbered 1, 2, … in the order the entries were posted (by id). Posting only
// appends ids, so the numbers of a closed period never change.

export const VOUCHER_WORD = '记';
const SORT = 'voucher';

export const listVouchers: Handler<'listVouchers'> = async (c) => {
  const limit = c.query.limit ?? 50;
  const period = c.query.period;
  let after = { entryId: 0, line: 0 };
  if (c.query.cursor) {
    const [entryId, line] = decodeCursor(c.query.cursor, SORT).key.split(':').map(Number) as [number, number];
    after = { entryId, line };
  }

  // Every entry has at least one line, so `limit + 1` entries hold enough lines for the page.
  const entries = await c.db
    .selectFrom('journal_entries')
    .selectAll()
    .where('period', '=', period)
    .where('id', '>=', after.entryId)
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  if (entries.length === 0) return { status: 200, body: { data: [], next_cursor: null } };

  // Only the page's lines, and one more to tell whether another page follows.
  const ids = entries.map((entry) => Number(entry.id));
  const lines = await c.db
    .selectFrom('journal_lines')
    .innerJoin('accounts', 'accounts.code', 'journal_lines.account_code')
    .leftJoin('stores', 'stores.code', 'journal_lines.store_code')
    .select(['journal_lines.entry_id', 'journal_lines.line_number', 'journal_lines.account_code', 'accounts.name_zh', 'accounts.name_en', 'journal_lines.store_code', 'stores.name as store_name', 'journal_lines.debit_fen', 'journal_lines.credit_fen', 'journal_lines.memo'])
    .where('journal_lines.entry_id', 'in', ids)
    .where((eb) => eb.or([eb('journal_lines.entry_id', '>', after.entryId), eb('journal_lines.line_number', '>', after.line)]))
    .orderBy('journal_lines.entry_id')
    .orderBy('journal_lines.line_number')
    .limit(limit + 1)
    .execute();
  const page = lines.slice(0, limit);

  // The voucher number of the first entry on the page is its rank among the period's entries.
  const before = await c.db
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('period', '=', period)
    .where('id', '<', ids[0]!)
    .executeTakeFirstOrThrow();
  const numberOf = new Map(ids.map((id, index) => [id, Number(before.count) + index + 1]));
  const entryById = new Map(entries.map((entry) => [Number(entry.id), entry]));

  const data: VoucherLine[] = page.map((line) => {
    const entry = entryById.get(Number(line.entry_id))!;
    return {
      period,
      voucher_word: VOUCHER_WORD,
      voucher_number: numberOf.get(Number(entry.id))!,
      entry_id: Number(entry.id),
      entry_date: entry.entry_date,
      line_number: line.line_number,
      summary: line.memo ?? entrySummary(entry, c.language),
      account_code: line.account_code,
      account_name: accountName(line, c.language),
      debit_fen: Number(line.debit_fen),
      credit_fen: Number(line.credit_fen),
      store_code: line.store_code,
      store_name: line.store_name ?? null,
      attachments: entry.document_count,
      prepared_by: entry.posted_by,
      source_type: entry.source_type,
      source_label: sourceLabel(entry.source_type, c.language),
      source_ref: entry.source_ref,
    };
  });
  const last = page.at(-1);
  const more = lines.length > limit || entries.length > limit;
  const next = more && last ? encodeCursor({ sort: SORT, value: null, key: `${Number(last.entry_id)}:${last.line_number}` }) : null;
  return { status: 200, body: { data, next_cursor: next } };
};

/** Return the label of an entry's source type, or the type itself when it has none. */
function sourceLabel(sourceType: string, language: Language): string {
  const key = `label.source_type.${sourceType}`;
  const label = translate(language, key);
  return label === key ? sourceType : label;
}
