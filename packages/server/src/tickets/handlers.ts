import { sql } from 'kysely';
import type { Handler } from '../http/handler.js';
import { ApiError, validationError } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { etagOf } from '../http/etag.js';
import { assertVersion, parseIfMatch } from '../http/etag.js';
import { ticketContext } from './context.js';
import { ticketDetail } from './detail.js';
import { appendEvent, bestTechnician, checkTechnician, createTicket, updateTicket } from './service.js';
import { clocksToApi } from './clocks.js';
import { clocksFor } from './service.js';
import { loadEvents, loadTicket, ticketCode, ticketToApi } from './ticket-record.js';

const SORTS = {
  '-created_at': { column: 'created_at', descending: true },
  created_at: { column: 'created_at', descending: false },
  resolution_due_at: { column: 'resolution_due_at', descending: false },
  '-updated_at': { column: 'updated_at', descending: true },
} as const;

const listTickets: Handler<'listTickets'> = async (c) => {
  const params = c.query;
  const sortName = params.sort ?? '-created_at';
  const sort = SORTS[sortName];
  const limit = params.limit ?? 50;

  let query = c.db.selectFrom('tickets').selectAll();
  for (const column of ['store_code', 'asset_code', 'assignee_code', 'status', 'priority', 'category', 'kind', 'external_ref'] as const) {
    const value = params[column];
    if (value !== undefined) query = query.where(column, '=', value);
  }
  if (params.open !== undefined) query = query.where('is_open', '=', params.open);
  if (params.unassigned !== undefined) query = query.where('assignee_code', params.unassigned ? 'is' : 'is not', null);
  if (c.principal.role === 'store_manager') {
    const stores = c.principal.storeCodes;
    query = stores.length > 0 ? query.where('store_code', 'in', stores) : query.where(sql<boolean>`1 = 0`);
  }

  // Every sort column is set in the transaction that creates the ticket, so none is null.
  const column = sql.ref(sort.column);
  if (params.cursor) {
    const position = decodeCursor(params.cursor, sortName);
    const value = String(position.value ?? '');
    const key = Number(position.key);
    query = sort.descending
      ? query.where(sql<boolean>`(${column} < ${value} or (${column} = ${value} and number < ${key}))`)
      : query.where(sql<boolean>`(${column} > ${value} or (${column} = ${value} and number > ${key}))`);
  }
  const direction = sort.descending ? 'desc' : 'asc';
  const rows = await query.orderBy(sort.column, direction).orderBy('number', direction).limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: sortName, value: sortValue(last[sort.column]), key: String(last.number) }) : null;
  return { status: 200, body: { data: page.map(ticketToApi), next_cursor: next } };
};

function sortValue(value: string | null): string {
  return value ?? '';
}

const createTicketHandler: Handler<'createTicket'> = async (c) => {
  const ctx = ticketContext(c);
  const row = await createTicket(ctx, c.body, { source: 'person' });
  if (row === null) throw new Error('unreachable: a person’s ticket has no fault key');
  return { status: 201, body: await ticketDetail(c.db, row, ctx.now.toISOString(), c.language), headers: { ETag: etagOf(row.version) } };
};

const getTicket: Handler<'getTicket'> = async (c) => {
  const row = await loadTicket(c.db, c.principal, c.params.code, false);
  const at = c.query.at === undefined ? c.now().toISOString() : new Date(c.query.at).toISOString();
  return { status: 200, body: await ticketDetail(c.db, row, at, c.language), headers: { ETag: etagOf(row.version) } };
};

const updateTicketHandler: Handler<'updateTicket'> = async (c) => {
  const ctx = ticketContext(c);
  const row = await loadTicket(c.db, c.principal, c.params.code, ctx.dialect);
  assertVersion(parseIfMatch(c.headers['if-match']), row.version, 'ticket', c.params.code);
  const updated = await updateTicket(ctx, row, c.body);
  return { status: 200, body: await ticketDetail(c.db, updated, ctx.now.toISOString(), c.language), headers: { ETag: etagOf(updated.version) } };
};

const assignTicket: Handler<'assignTicket'> = async (c) => {
  const ctx = ticketContext(c);
  const row = await loadTicket(c.db, c.principal, c.params.code, ctx.dialect);
  const { technician_code: technician, auto } = c.body;
  if ((technician === undefined) === (auto !== true)) throw validationError([{ field: 'body.technician_code', code: 'assign_target' }]);

  let assignee = technician;
  if (assignee === undefined) {
    const best = await bestTechnician(ctx, row);
    if (best === null) throw new ApiError(409, 'no_eligible_technician', { ticket: ticketCode(row.number), reason: ctx.language === 'zh-CN' ? '技能、距离或接单上限不符' : 'skill, distance or queue capacity' });
    assignee = best;
  } else {
    await checkTechnician(ctx, assignee, 'body.technician_code');
  }
  const updated = await appendEvent(ctx, row, { type: 'assigned', assignee, at: c.body.at, note: c.body.note });
  return { status: 200, body: await ticketDetail(c.db, updated, ctx.now.toISOString(), c.language), headers: { ETag: etagOf(updated.version) } };
};

const transitionTicket: Handler<'transitionTicket'> = async (c) => {
  const ctx = ticketContext(c);
  const row = await loadTicket(c.db, c.principal, c.params.code, ctx.dialect);
  const { to, at, note, rating, reason } = c.body;
  const updated = await appendEvent(ctx, row, { type: to, at, note, rating, reason });
  return { status: 200, body: await ticketDetail(c.db, updated, ctx.now.toISOString(), c.language), headers: { ETag: etagOf(updated.version) } };
};

const getTicketClocks: Handler<'getTicketClocks'> = async (c) => {
  const row = await loadTicket(c.db, c.principal, c.params.code, false);
  const at = c.query.at === undefined ? c.now().toISOString() : new Date(c.query.at).toISOString();
  const events = await loadEvents(c.db, row.number);
  const clocks = await clocksFor({ db: c.db }, row, events, at);
  const store = await c.db.selectFrom('stores').select('timezone').where('code', '=', row.store_code).executeTakeFirstOrThrow();
  return { status: 200, body: clocksToApi(row.number, clocks, store.timezone, c.language) };
};

export const ticketHandlers = {
  listTickets,
  createTicket: createTicketHandler,
  getTicket,
  updateTicket: updateTicketHandler,
  assignTicket,
  transitionTicket,
  getTicketClocks,
};
