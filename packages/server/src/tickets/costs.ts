import type { Handler } from '../http/handler.js';
import { ApiError, validationError } from '../http/api-error.js';
import { businessDate } from '../time/business-date.js';
import { ticketContext, type TicketContext } from './context.js';
import { costOfQuantity, fromMicro, labourCost, toMicro } from './quantity.js';
import { checkTechnician } from './service.js';
import { loadTicket, ticketCode, type TicketRow } from './ticket-record.js';

/** Parts and labour go on tickets that are not finished; a resolved ticket must be reopened first. */
function assertWorkable(row: TicketRow): void {
  if (row.status === 'closed' || row.status === 'cancelled' || row.status === 'verified') {
    throw new ApiError(409, 'ticket_finished', { ticket: ticketCode(row.number), status: row.status });
  }
}

async function bumpCosts(ctx: TicketContext, row: TicketRow, parts: number, labour: number): Promise<void> {
  await ctx.db
    .updateTable('tickets')
    .set({
      parts_cost_fen: Number(row.parts_cost_fen) + parts,
      labour_cost_fen: Number(row.labour_cost_fen) + labour,
      version: row.version + 1,
      updated_at: ctx.now.toISOString(),
    })
    .where('number', '=', row.number)
    .execute();
}

const addTicketPart: Handler<'addTicketPart'> = async (c) => {
  const ctx = ticketContext(c);
  const row = await loadTicket(c.db, c.principal, c.params.code, ctx.dialect);
  assertWorkable(row);
  const item = await c.db.selectFrom('items').select(['code', 'standard_cost_fen']).where('code', '=', c.body.item_code).executeTakeFirst();
  if (!item) throw validationError([{ field: 'body.item_code', code: 'reference_not_found', params: { resource: 'item', value: c.body.item_code }, value: c.body.item_code }]);
  const unitCost = c.body.unit_cost_fen ?? item.standard_cost_fen;
  if (unitCost === null || unitCost === undefined) throw validationError([{ field: 'body.unit_cost_fen', code: 'item_has_no_cost', params: { value: item.code } }]);

  const quantityMicro = toMicro(c.body.quantity);
  const cost = costOfQuantity(quantityMicro, Number(unitCost));
  const recordedAt = ctx.now.toISOString();
  const inserted = await c.db
    .insertInto('ticket_parts')
    .values({ ticket_number: row.number, item_code: item.code, quantity_micro: quantityMicro, unit_cost_fen: Number(unitCost), cost_fen: cost, recorded_at: recordedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpCosts(ctx, row, cost, 0);
  return {
    status: 201,
    body: { id: Number(inserted.id), item_code: item.code, quantity: fromMicro(quantityMicro), unit_cost_fen: Number(unitCost), cost_fen: cost, recorded_at: recordedAt },
  };
};

const addTicketLabour: Handler<'addTicketLabour'> = async (c) => {
  const ctx = ticketContext(c);
  const row = await loadTicket(c.db, c.principal, c.params.code, ctx.dialect);
  assertWorkable(row);
  await checkTechnician(ctx, c.body.technician_code, 'body.technician_code');
  const employee = await c.db.selectFrom('employees').select('hourly_cost_fen').where('code', '=', c.body.technician_code).executeTakeFirstOrThrow();
  const hourly = Number(employee.hourly_cost_fen ?? 0);
  const cost = labourCost(c.body.minutes, hourly);
  const store = await c.db.selectFrom('stores').select(['timezone', 'day_end_cutoff']).where('code', '=', row.store_code).executeTakeFirstOrThrow();
  const workDate = c.body.work_date ?? businessDate(ctx.now.toISOString(), store.timezone, store.day_end_cutoff);

  const inserted = await c.db
    .insertInto('ticket_labour')
    .values({ ticket_number: row.number, technician_code: c.body.technician_code, minutes: c.body.minutes, hourly_cost_fen: hourly, cost_fen: cost, work_date: workDate, recorded_at: ctx.now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpCosts(ctx, row, 0, cost);
  return {
    status: 201,
    body: { id: Number(inserted.id), technician_code: c.body.technician_code, minutes: c.body.minutes, hourly_cost_fen: hourly, cost_fen: cost, work_date: workDate },
  };
};

export const costHandlers = { addTicketPart, addTicketLabour };
