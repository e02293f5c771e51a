import type { components } from '@boh/sdk/types';
import type { Kysely, Selectable } from 'kysely';
import { canAccessStore, type Principal } from '../auth/roles.js';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { TicketEventTable, TicketTable } from './tables.js';

export type Ticket = components['schemas']['Ticket'];
export type TicketRow = Selectable<TicketTable>;
export type EventRow = Selectable<TicketEventTable>;
export type TicketEventApi = components['schemas']['TicketEvent'];

/** `WO-000042` for ticket number 42. */
export function ticketCode(number: number): string {
  return `WO-${String(number).padStart(6, '0')}`;
}

/** The number in a ticket code, or null when the text is not one. */
export function ticketNumber(code: string): number | null {
  const match = /^WO-(\d{1,12})$/i.exec(code.trim());
  return match ? Number(match[1]) : null;
}

export function ticketToApi(row: TicketRow): Ticket {
  return {
    code: ticketCode(row.number),
    store_code: row.store_code,
    asset_code: row.asset_code,
    kind: row.kind as Ticket['kind'],
    category: row.category as Ticket['category'],
    priority: row.priority as Ticket['priority'],
    title: row.title,
    description: row.description,
    reporter_name: row.reporter_name,
    reporter_phone: row.reporter_phone,
    reporter_language: row.reporter_language as Ticket['reporter_language'],
    source: row.source as Ticket['source'],
    external_ref: row.external_ref,
    required_skill: row.required_skill,
    required_parts: JSON.parse(row.required_parts) as Ticket['required_parts'],
    status: row.status as Ticket['status'],
    is_open: Boolean(row.is_open),
    fault_code: row.fault_code,
    signal_count: row.signal_count,
    assignee_code: row.assignee_code,
    rating: row.rating,
    reopen_count: row.reopen_count,
    plan_code: row.plan_code,
    created_at: row.created_at,
    first_response_at: row.first_response_at,
    resolved_at: row.resolved_at,
    closed_at: row.closed_at,
    expected_arrival_at: row.expected_arrival_at,
    response_due_at: row.response_due_at,
    resolution_due_at: row.resolution_due_at,
    response_status: row.response_status as Ticket['response_status'],
    resolution_status: row.resolution_status as Ticket['resolution_status'],
    parts_cost_fen: Number(row.parts_cost_fen),
    labour_cost_fen: Number(row.labour_cost_fen),
    total_cost_fen: Number(row.parts_cost_fen) + Number(row.labour_cost_fen),
    version: row.version,
    updated_at: row.updated_at,
  };
}

export function eventToApi(row: EventRow): TicketEventApi {
  return {
    id: Number(row.id),
    type: row.type as TicketEventApi['type'],
    at: row.at,
    assignee_code: row.assignee_code,
    reason: row.reason as TicketEventApi['reason'],
    rating: row.rating,
    note: row.note,
    actor: row.actor,
  };
}

/**
 * Read a ticket by code for the caller: 404 when there is none, 403 for a store manager's other
 * stores, With `lock` set to
 * the dialect, the row is locked for the transaction.
 */
export async function loadTicket(
  db: Kysely<Database>,
  principal: Principal | undefined,
  code: string,
  lock: DialectName | false,
): Promise<TicketRow> {
  const number = ticketNumber(code);
  if (number === null) throw notFound('ticket', code);
  let query = db.selectFrom('tickets').selectAll().where('number', '=', number);
  // FOR UPDATE holds the row to the end of the transaction on PostgreSQL; SQLite has no such
  // clause and needs none, because it runs one write transaction at a time.
  if (lock === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('ticket', code);
  if (principal && !canAccessStore(principal, row.store_code)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: principal.storeCodes, store_code: row.store_code });
  }
  return row;
}

export async function loadEvents(db: Kysely<Database>, number: number): Promise<EventRow[]> {
  return db.selectFrom('ticket_events').selectAll().where('ticket_number', '=', number).orderBy('id').execute();
}
