import type { HandlerContext } from '../http/handler.js';
import { loadPostingRules } from '../ledger/posting-rules.js';
import { postJournalEntry, type JournalLineInput } from '../ledger/journal.js';
import { addDays } from '../time/business-date.js';
import { CHANNEL_METHODS } from './channels.js';
import type { ReconciliationTable } from './tables.js';
import { itemIdLists } from './item-id-lists.js';

/** The sales channel whose payment posting rule names a platform's clearing account. */
const SALES_CHANNEL_OF: Readonly<Record<string, string>> = { meituan: 'delivery_meituan', jd: 'delivery_other' };

/**
 * Post the write-offs of a run that are not posted yet as one journal entry, dated the last day of
 * the period, and mark their items with it. Each difference moves between the write-off account
 * and the channel's clearing account (the account the sales posting debits for the channel's
 * payments), per store: money short of the POS is debited to the write-off account, money over
 * it credited. Items posted by an earlier run keep their entry, so a re-run posts only new
 * write-offs. Posted write-offs the run dropped (`dropped`) are reversed in the same entry, so
 * a difference matched again and written off anew is booked once. Returns the entry's id, or null
 * when nothing was left to post. A locked or closed period rejects the entry with the ledger's
 * usual error.
 */
export async function postWriteOffs(
  c: HandlerContext<'runReconciliation'>,
  reconciliation: ReconciliationTable,
  writeOffAccountOf: (channel: string) => string,
  dropped: readonly DroppedWriteOff[] = [],
): Promise<number | null> {
  const items = await c.db
    .selectFrom('reconciliation_items')
    .select(['item_id', 'channel', 'store_code', 'difference_fen'])
    .where('reconciliation_id', '=', reconciliation.id)
    .where('state', '=', 'written_off')
    .where('journal_entry_id', 'is', null)
    .where('resolution', 'is', null)
    .execute();

  // New write-offs add their differences; dropped ones take theirs back.
  const differences = [
    ...items.map((item) => ({ channel: item.channel, storeCode: item.store_code, fen: Number(item.difference_fen) })),
    ...dropped.map((item) => ({ channel: item.channel, storeCode: item.store_code, fen: -item.difference_fen })),
  ];
  const totals = new Map<string, { channel: string; storeCode: string | null; fen: number }>();
  for (const difference of differences) {
    const channel = difference.channel ?? reconciliation.channel;
    const key = `${channel}|${difference.storeCode ?? ''}`;
    const total = totals.get(key) ?? { channel, storeCode: difference.storeCode, fen: 0 };
    total.fen += difference.fen;
    totals.set(key, total);
  }
  const nonZero = [...totals.values()].filter((total) => total.fen !== 0);
  if (nonZero.length === 0) return null;

  const rules = await loadPostingRules(c.db);
  const lines: JournalLineInput[] = [];
  for (const total of nonZero) {
    const method = CHANNEL_METHODS[total.channel]![0]!;
    const clearing = rules.payment(method, SALES_CHANNEL_OF[total.channel] ?? 'default');
    const writeOff = writeOffAccountOf(total.channel);
    const amount = Math.abs(total.fen);
    const short = total.fen < 0;
    lines.push({ accountCode: short ? writeOff : clearing, storeCode: total.storeCode, debitFen: amount });
    lines.push({ accountCode: short ? clearing : writeOff, storeCode: total.storeCode, creditFen: amount });
  }

  const entryId = await postJournalEntry(
    { db: c.db, dialect: c.database.dialect, actor: c.actor, now: c.now().toISOString() },
    {
      entryDate: lastDayOf(reconciliation.period),
      storeCode: reconciliation.store_code === '' ? null : reconciliation.store_code,
      sourceType: 'reconciliation_write_off',
      sourceRef: `${reconciliation.id}/run-${Number(reconciliation.runs) + 1}`,
      // ledger/entries.ts reads this `<channel> <period>` memo to word the entry's summary.
      memo: `${reconciliation.channel} ${reconciliation.period}`,
      documentCount: items.length + dropped.length,
      lines,
    },
  );
  for (const ids of itemIdLists(items.map((item) => item.item_id))) {
    await c.db.updateTable('reconciliation_items').set({ journal_entry_id: entryId }).where('reconciliation_id', '=', reconciliation.id).where('item_id', 'in', ids).execute();
  }
  return entryId;
}

/** A posted write-off among the items a re-run drops, because their statement is no longer named. */
export interface DroppedWriteOff {
  channel: string | null;
  store_code: string | null;
  difference_fen: number;
}

/** Read the posted write-offs among the items a run is about to drop. */
export async function postedWriteOffsAmong(c: HandlerContext<'runReconciliation'>, reconciliationId: string, itemIds: readonly number[]): Promise<DroppedWriteOff[]> {
  const dropped: DroppedWriteOff[] = [];
  for (const ids of itemIdLists(itemIds)) {
    const rows = await c.db
      .selectFrom('reconciliation_items')
      .select(['channel', 'store_code', 'difference_fen'])
      .where('reconciliation_id', '=', reconciliationId)
      .where('item_id', 'in', ids)
      .where('state', '=', 'written_off')
      .where('journal_entry_id', 'is not', null)
      .execute();
    for (const row of rows) dropped.push({ channel: row.channel, store_code: row.store_code, difference_fen: Number(row.difference_fen) });
  }
  return dropped;
}

function lastDayOf(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}
