import { recordChange } from '../audit/record.js';
import { ApiError, notFound, validationError } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { postJournalEntry } from '../ledger/journal.js';
import { addDays } from '../time/business-date.js';
import { itemToApi } from './items.js';
import { findReconciliation } from './reconciliation-record.js';
import { SETTLED_STATES, type ItemState } from './states.js';
import { summarise } from './summary.js';
import type { ReconciliationItemTable } from './tables.js';

/**
 * Resolve an item that is not matched: explain it with a note, or also post an adjusting journal
 * entry (fee expense, a short payment, …) through the ledger. Audited; kept by every re-run.
 */
export const resolveReconciliationItem: Handler<'resolveReconciliationItem'> = async (c) => {
  const reconciliation = await findReconciliation(c.db, c.params.id, c.database.dialect === 'postgres');
  const item = (await c.db
    .selectFrom('reconciliation_items')
    .selectAll()
    .where('reconciliation_id', '=', reconciliation.id)
    .where('item_id', '=', c.params.item_id)
    .executeTakeFirst()) as ReconciliationItemTable | undefined;
  if (!item) throw notFound('reconciliation_item', `${reconciliation.id}/${c.params.item_id}`);
  if (SETTLED_STATES.has(item.state as ItemState)) throw new ApiError(409, 'item_not_resolvable', { id: item.item_id, state: item.state });
  if (item.resolution !== null) throw new ApiError(409, 'item_already_resolved', { id: item.item_id, by: item.resolved_by ?? '' });

  let journalEntryId: number | null = null;
  const journal = c.body.journal;
  const note = c.body.note ?? '';
  if (note === '' && !journal) throw validationError([{ field: 'body.note', code: 'resolution_empty' }]);
  if (journal) {
    journalEntryId = await postJournalEntry(
      { db: c.db, dialect: c.database.dialect, actor: c.actor, now: c.now().toISOString() },
      {
        entryDate: journal.entry_date ?? addDays(`${nextMonth(reconciliation.period)}-01`, -1),
        storeCode: item.store_code,
        sourceType: 'reconciliation',
        sourceRef: `${reconciliation.id}/${item.item_id}`,
        memo: note === '' ? null : note,
        lines: journal.lines.map((line) => ({
          accountCode: line.account_code,
          ...(line.store_code !== undefined ? { storeCode: line.store_code } : {}),
          debitFen: line.debit_fen ?? 0,
          creditFen: line.credit_fen ?? 0,
        })),
      },
    );
  }

  const resolution = {
    resolution: journal ? 'journal' : 'note',
    resolution_note: note,
    journal_entry_id: journalEntryId,
    resolved_by: c.principal.name,
    resolved_at: c.now().toISOString(),
  };
  await c.db.updateTable('reconciliation_items').set(resolution).where('reconciliation_id', '=', reconciliation.id).where('item_id', '=', item.item_id).execute();
  await recordChange(c.db, {
    resource: 'reconciliation_item',
    key: `${reconciliation.id}/${item.item_id}`,
    action: 'resolve',
    actor: c.actor,
    changes: [
      { field: 'resolution', before: null, after: resolution.resolution },
      { field: 'note', before: null, after: note },
      ...(journalEntryId !== null ? [{ field: 'journal_entry_id', before: null, after: journalEntryId }] : []),
    ],
  });

  const summary = await summarise(c.db, reconciliation.id);
  await c.db
    .updateTable('reconciliations')
    .set({ summary: JSON.stringify(summary), unexplained_count: summary.unexplained.count, unexplained_fen: summary.unexplained.amount_fen, updated_at: c.now().toISOString() })
    .where('id', '=', reconciliation.id)
    .execute();
  return { status: 200, body: itemToApi({ ...item, ...resolution }, c.language) };
};

function nextMonth(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
