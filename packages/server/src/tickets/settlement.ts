import type { TicketContext } from './context.js';
import { localDate } from './local-time.js';
import type { TicketRow } from './ticket-record.js';

/**
 * The seam between a resolved ticket and the stock and ledger services of the sales/inventory
 * branch. Called once in the transaction that records `resolved` (again after a reopened ticket
 * is resolved, for the parts and labour added since).
 *
 * Now it records what is due in `ticket_settlements` with status `awaiting_integration`. After
 * the merge, in this same function and transaction:
 *  1. for each `ticket_parts` row not yet settled: `recordStockMovement(trx, { store_code,
 *     item_code, quantity_micro: -quantity_micro, reason: 'maintenance', reference: ticket code })`
 *     and take the moved value from its result instead of `unit_cost_fen`;
 *  2. `postJournalEntry(trx, …)` of the store: debit 5602 管理费用 (maintenance) with parts plus
 *     labour, credit 1403 原材料 with the parts value and the labour to its payroll accrual
 *     account;
 *  3. mark the settlement `posted` with the journal entry id.
 */
export async function settleTicketCosts(ctx: TicketContext, ticket: TicketRow, resolvedAt: string): Promise<void> {
  const settled = await ctx.db
    .selectFrom('ticket_settlements')
    .select([ctx.db.fn.sum<number>('parts_cost_fen').as('parts'), ctx.db.fn.sum<number>('labour_cost_fen').as('labour')])
    .where('ticket_number', '=', ticket.number)
    .executeTakeFirst();
  const parts = Number(ticket.parts_cost_fen) - Number(settled?.parts ?? 0);
  const labour = Number(ticket.labour_cost_fen) - Number(settled?.labour ?? 0);
  if (parts === 0 && labour === 0) return;

  const store = await ctx.db.selectFrom('stores').select(['timezone', 'day_end_cutoff']).where('code', '=', ticket.store_code).executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('ticket_settlements')
    .values({
      ticket_number: ticket.number,
      store_code: ticket.store_code,
      parts_cost_fen: parts,
      labour_cost_fen: labour,
      status: 'awaiting_integration',
      business_date: localDate(resolvedAt, store.timezone, store.day_end_cutoff),
      created_at: ctx.now.toISOString(),
    })
    .execute();
}
