import { sql } from 'kysely';
import type { components } from '@boh/sdk/types';
import { ApiError, toProblem } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { ticketContext, type TicketContext } from './context.js';
import { appendEvent, bestTechnician, checkTechnician, createTicket, updateTicket } from './service.js';
import { loadTicket, ticketCode } from './ticket-record.js';

type BatchRow = components['schemas']['TicketBatchRow'];
type FieldError = components['schemas']['FieldError'];

const PAYLOAD: Record<BatchRow['action'], keyof BatchRow> = { create: 'create', update: 'update', assign: 'assign', transition: 'transition' };

/**
 * Apply the rows in order inside the request's transaction, each behind a savepoint so a row
 * that fails (even in the database) leaves the others usable for checking. When any row failed,
 * or on a dry run, everything is rolled back to the savepoint taken before the first row:
 * nothing is half-written.
 */
const applyTicketBatch: Handler<'applyTicketBatch'> = async (c) => {
  const ctx = ticketContext(c);
  const results: { row: number; ok: boolean; ticket_code: string | null; errors: FieldError[] }[] = [];
  await sql`savepoint ticket_batch`.execute(c.db);

  for (const [index, row] of c.body.rows.entries()) {
    await sql`savepoint ticket_batch_row`.execute(c.db);
    try {
      const code = await applyRow(ctx, row, index);
      results.push({ row: index + 1, ok: true, ticket_code: code, errors: [] });
      await sql`release savepoint ticket_batch_row`.execute(c.db);
    } catch (error) {
      await sql`rollback to savepoint ticket_batch_row`.execute(c.db);
      await sql`release savepoint ticket_batch_row`.execute(c.db);
      if (!(error instanceof ApiError)) throw error;
      results.push({ row: index + 1, ok: false, ticket_code: row.ticket_code ?? null, errors: rowErrors(error, index, row.action, c.language, c.requestId) });
    }
  }

  const failed = results.some((r) => !r.ok);
  const dryRun = c.body.dry_run === true;
  if (failed || dryRun) await sql`rollback to savepoint ticket_batch`.execute(c.db);
  await sql`release savepoint ticket_batch`.execute(c.db);
  return { status: 200, body: { dry_run: dryRun, applied: !failed && !dryRun, results } };
};

async function applyRow(ctx: TicketContext, row: BatchRow, index: number): Promise<string> {
  const payload = row[PAYLOAD[row.action]];
  if (payload === undefined) {
    throw new ApiError(422, 'validation_failed', { count: 1, fields: [`rows[${index}].${row.action}`] }, [
      { field: `body.rows[${index}].${row.action}`, code: 'batch_row_payload', params: { action: row.action, expected: row.action } },
    ]);
  }
  if (row.action === 'create') {
    const created = await createTicket(ctx, row.create!, { source: 'import' });
    return ticketCode(created!.number);
  }
  if (row.ticket_code === undefined) {
    throw new ApiError(422, 'validation_failed', { count: 1, fields: [`rows[${index}].ticket_code`] }, [{ field: `body.rows[${index}].ticket_code`, code: 'required' }]);
  }
  const ticket = await loadTicket(ctx.db, ctx.principal, row.ticket_code, ctx.dialect);
  if (row.action === 'update') await updateTicket(ctx, ticket, row.update!);
  if (row.action === 'transition') {
    const t = row.transition!;
    await appendEvent(ctx, ticket, { type: t.to, at: t.at, note: t.note, rating: t.rating, reason: t.reason });
  }
  if (row.action === 'assign') {
    const a = row.assign!;
    let assignee = a.technician_code;
    if (assignee === undefined) assignee = (await bestTechnician(ctx, ticket)) ?? undefined;
    if (assignee === undefined) throw new ApiError(409, 'no_eligible_technician', { ticket: row.ticket_code, reason: '-' });
    await checkTechnician(ctx, assignee, 'body.technician_code');
    await appendEvent(ctx, ticket, { type: 'assigned', assignee, at: a.at, note: a.note });
  }
  return ticketCode(ticket.number);
}

// Errors of a row's payload name its fields as a single request would (`body.store_code`);
// here they become `body.rows[3].create.store_code`.
function rowErrors(error: ApiError, index: number, action: string, language: 'en' | 'zh-CN', requestId: string): FieldError[] {
  const problem = toProblem(error, language, requestId);
  const locate = (field: string) => (field.startsWith('body.rows[') ? field : field.replace(/^body\./, `body.rows[${index}].${action}.`));
  if (problem.errors && problem.errors.length > 0) {
    return problem.errors.map((e) => ({ ...e, field: locate(e.field), message: e.message.replace(e.field, locate(e.field)) }));
  }
  return [{ field: `body.rows[${index}]`, code: problem.code, message: problem.detail }];
}

export const batchHandlers = { applyTicketBatch };
