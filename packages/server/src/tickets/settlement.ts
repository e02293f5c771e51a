import { ApiError } from '../http/api-error.js';
import { loadItems } from '../inventory/items.js';
import { recordStockMovements } from '../inventory/movements.js';
import type { PostingContext } from '../ledger/context.js';
import { postJournalEntry, type JournalLineInput } from '../ledger/journal.js';
import { lockPeriodsForPosting } from '../ledger/periods.js';
import { loadPostingRules } from '../ledger/posting-rules.js';
import { businessDate, periodOf } from '../time/business-date.js';
import type { TicketContext } from './context.js';
import { ticketCode, type TicketRow } from './ticket-record.js';

/**
 * Settle a resolved ticket's parts and labour with stock and the ledger, in the transaction that
 * records `resolved`. Only lines not yet settled count, so a ticket resolved again after a
 * reopening settles what was added since, and nothing is settled twice.
 *
 * 1. Each part leaves the store's stock as a `maintenance` movement, valued at moving-average
 *    cost (under the reject policy, a part not on hand refuses the resolution: 409
 *    insufficient_stock).
 * 2. One journal entry of the store on the business date of the resolution. It debits the
 *    maintenance_expense rule's account (5602 管理费用) with the parts' stock value plus the
 *    labour. It credits the inventory account of each part's item kind (1403 原材料 …) with the
 *    parts, and the maintenance_labour account (2211 应付职工薪酬) with the labour.
 * 3. A `ticket_settlements` row with the amounts and the entry, and the lines marked with it.
 *
 * A resolution whose business date falls in a closed or locked period is refused with 409
 * ticket_settlement_period_closed, and nothing is written.
 */
export async function settleTicketCosts(ctx: TicketContext, ticket: TicketRow, resolvedAt: string): Promise<void> {
  const parts = await ctx.db.selectFrom('ticket_parts').selectAll().where('ticket_number', '=', ticket.number).where('settlement_id', 'is', null).orderBy('id').execute();
  const labour = await ctx.db.selectFrom('ticket_labour').selectAll().where('ticket_number', '=', ticket.number).where('settlement_id', 'is', null).orderBy('id').execute();
  if (parts.length === 0 && labour.length === 0) return;

  const code = ticketCode(ticket.number);
  const store = await ctx.db.selectFrom('stores').select(['timezone', 'day_end_cutoff']).where('code', '=', ticket.store_code).executeTakeFirstOrThrow();
  const date = businessDate(resolvedAt, store.timezone, store.day_end_cutoff);
  const posting: PostingContext = { db: ctx.db, dialect: ctx.dialect, actor: ctx.actor, now: ctx.now.toISOString() };
  const partsCost = parts.reduce((sum, part) => sum + Number(part.cost_fen), 0);
  const labourCost = labour.reduce((sum, line) => sum + Number(line.cost_fen), 0);
  await assertPeriodOpen(posting, code, date, partsCost + labourCost);

  const movements = await recordStockMovements(
    posting,
    parts.map((part) => ({
      storeCode: ticket.store_code,
      itemCode: part.item_code,
      kind: 'maintenance' as const,
      quantityMicro: -Number(part.quantity_micro),
      businessDate: date,
      occurredAt: resolvedAt,
      sourceType: 'ticket',
      sourceRef: code,
    })),
  );

  // What each item kind's inventory account loses: the stock value the movements took out.
  const items = await loadItems(ctx.db, parts.map((part) => part.item_code));
  const rules = await loadPostingRules(ctx.db);
  const credits = new Map<string, number>();
  for (const movement of movements) {
    const account = rules.inventory(items.get(movement.item_code)!.kind);
    credits.set(account, (credits.get(account) ?? 0) - Number(movement.value_fen));
  }
  const partsValue = [...credits.values()].reduce((sum, value) => sum + value, 0);

  const lines: JournalLineInput[] = [
    { accountCode: rules.account('maintenance_expense'), debitFen: partsValue + labourCost },
    ...[...credits].map(([accountCode, value]) => ({ accountCode, creditFen: value })),
    { accountCode: rules.account('maintenance_labour'), creditFen: labourCost },
  ];
  const entryId =
    partsValue + labourCost === 0
      ? null
      : await postJournalEntry(posting, { entryDate: date, storeCode: ticket.store_code, sourceType: 'maintenance', sourceRef: code, memo: ticket.title, documentCount: 1, lines });
  if (entryId !== null && movements.length > 0) {
    await ctx.db.updateTable('stock_movements').set({ journal_entry_id: entryId }).where('id', 'in', movements.map((m) => m.id)).execute();
  }

  const settlement = await ctx.db
    .insertInto('ticket_settlements')
    .values({
      ticket_number: ticket.number,
      store_code: ticket.store_code,
      parts_cost_fen: partsCost,
      parts_value_fen: partsValue,
      labour_cost_fen: labourCost,
      status: 'posted',
      business_date: date,
      journal_entry_id: entryId,
      created_at: posting.now!,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const settlementId = Number(settlement.id);
  if (parts.length > 0) await ctx.db.updateTable('ticket_parts').set({ settlement_id: settlementId }).where('id', 'in', parts.map((p) => p.id)).execute();
  if (labour.length > 0) await ctx.db.updateTable('ticket_labour').set({ settlement_id: settlementId }).where('id', 'in', labour.map((l) => l.id)).execute();
}

/** Reject a settlement whose business date is in a closed or locked period, naming the ticket and the period. */
async function assertPeriodOpen(posting: PostingContext, ticket: string, date: string, amountFen: number): Promise<void> {
  const period = periodOf(date);
  const status = (await lockPeriodsForPosting(posting, [period])).get(period);
  if (status !== undefined && status !== 'open') {
    throw new ApiError(409, 'ticket_settlement_period_closed', { ticket, business_date: date, period, status, amount_fen: amountFen });
  }
}
