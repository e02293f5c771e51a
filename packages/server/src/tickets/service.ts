import type { components } from '@boh/sdk/types';
import { canAccessStore } from '../auth/roles.js';
import { diffRecords, recordChange } from '../audit/record.js';
import { ApiError, notFound, validationError, type FieldIssue } from '../http/api-error.js';
import { storeCalendars } from './calendars.js';
import { clocksOf, slaColumns } from './clocks.js';
import type { TicketContext } from './context.js';
import { dispatchTechnicians, dispatchTickets } from './dispatch/context.js';
import { rankCandidates, travelTo } from './dispatch/score.js';
import { readDispatchSettings } from './dispatch/settings.js';
import { emitEvent } from './outbox.js';
import { readSlaPolicy, toSlaPolicy } from './policy.js';
import { settleTicketCosts } from './settlement.js';
import { allowedSteps, canTransition, isOpenStatus, statusAfter, type TicketStatus, type TransitionTarget } from './state-machine.js';
import { loadEvents, ticketCode, ticketToApi, type EventRow, type TicketRow } from './ticket-record.js';

type TicketCreate = components['schemas']['TicketCreate'];
type TicketUpdate = components['schemas']['TicketUpdate'];

/** How a ticket came to be, beyond what the caller sent. */
export interface TicketOrigin {
  source: 'person' | 'signal' | 'plan' | 'import';
  /** `asset|fault` for tickets that must not be duplicated while open. */
  openFaultKey?: string;
  faultCode?: string;
  planCode?: string;
}

/** A step to add to a ticket's timeline. */
export interface NewEvent {
  type: 'assigned' | TransitionTarget;
  at?: string;
  assignee?: string;
  reason?: 'parts' | 'store';
  rating?: number;
  note?: string;
}

/**
 * Create a ticket: check its references, record the `created` step, compute its clocks, write
 * `ticket.created` to the outbox and, when a dispatch rule matches, assign the best technician.
 * Returns null when `origin.openFaultKey` is already held by another open ticket.
 */
export async function createTicket(ctx: TicketContext, input: TicketCreate, origin: TicketOrigin): Promise<TicketRow | null> {
  const { db } = ctx;
  const nowIso = ctx.now.toISOString();
  const createdAt = input.reported_at === undefined ? nowIso : new Date(input.reported_at).toISOString();
  await checkCreate(ctx, input, createdAt);

  const values = {
    store_code: input.store_code,
    asset_code: input.asset_code ?? null,
    kind: input.kind ?? (origin.source === 'plan' ? 'preventive' : 'failure'),
    category: input.category,
    priority: input.priority ?? 'normal',
    title: input.title,
    description: input.description ?? null,
    reporter_name: input.reporter_name ?? null,
    reporter_phone: input.reporter_phone ?? null,
    reporter_language: input.reporter_language ?? ctx.language,
    source: origin.source,
    external_ref: input.external_ref ?? null,
    required_skill: input.required_skill ?? null,
    required_parts: JSON.stringify(input.required_parts ?? []),
    status: 'new',
    is_open: true,
    open_fault_key: origin.openFaultKey ?? null,
    fault_code: origin.faultCode ?? null,
    assignee_code: null,
    rating: null,
    reopen_count: 0,
    signal_count: origin.source === 'signal' ? 1 : 0,
    created_at: createdAt,
    first_response_at: null,
    resolved_at: null,
    closed_at: null,
    expected_arrival_at: null,
    response_due_at: null,
    resolution_due_at: null,
    response_status: null,
    resolution_status: null,
    sla_next_wake_at: null,
    parts_cost_fen: 0,
    labour_cost_fen: 0,
    plan_code: origin.planCode ?? null,
    version: 1,
    updated_at: nowIso,
  };

  // ON CONFLICT DO NOTHING on the open fault key: two signals racing for the same fault make
  // one ticket on both databases; the loser finds no row and updates the winner's ticket.
  let query = db.insertInto('tickets').values(values);
  if (origin.openFaultKey !== undefined) query = query.onConflict((oc) => oc.column('open_fault_key').doNothing());
  const inserted = await query.returning('number').executeTakeFirst();
  if (!inserted) return null;
  const number = Number(inserted.number);

  await db.insertInto('ticket_events').values({ ticket_number: number, type: 'created', at: createdAt, assignee_code: null, reason: null, rating: null, note: null, actor: ctx.actor.name, recorded_at: nowIso }).execute();
  let row = await refreshClocks(ctx, number);
  await emitEvent(db, { type: 'ticket.created', subject: ticketCode(number), storeCode: row.store_code, occurredAt: createdAt, data: ticketToApi(row) });
  await recordChange(db, { resource: 'ticket', key: ticketCode(number), action: 'create', actor: ctx.actor, changes: diffRecords(null, { ...values, is_open: true }), at: nowIso });

  if (origin.source !== 'import' && (await autoAssignRuleMatches(ctx, row))) {
    const best = await bestTechnician(ctx, row);
    if (best !== null) row = await appendEvent(ctx, row, { type: 'assigned', assignee: best, note: 'auto' });
  }
  return row;
}

async function checkCreate(ctx: TicketContext, input: TicketCreate, createdAt: string): Promise<void> {
  const { db } = ctx;
  const issues: FieldIssue[] = [];
  const store = await db.selectFrom('stores').select(['code']).where('code', '=', input.store_code).executeTakeFirst();
  if (!store) issues.push({ field: 'body.store_code', code: 'reference_not_found', params: { resource: 'store', value: input.store_code }, value: input.store_code });
  if (store && ctx.principal && !canAccessStore(ctx.principal, input.store_code)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: ctx.principal.storeCodes, store_code: input.store_code });
  }
  if (input.asset_code !== undefined) {
    const asset = await db.selectFrom('assets').select(['code', 'store_code']).where('code', '=', input.asset_code).executeTakeFirst();
    if (!asset) issues.push({ field: 'body.asset_code', code: 'reference_not_found', params: { resource: 'asset', value: input.asset_code }, value: input.asset_code });
    else if (asset.store_code !== input.store_code) {
      issues.push({ field: 'body.asset_code', code: 'asset_other_store', params: { value: input.asset_code, asset_store: asset.store_code, store: input.store_code }, value: input.asset_code });
    }
  }
  issues.push(...(await checkParts(ctx, input.required_parts ?? [])));
  if (createdAt > ctx.now.toISOString()) issues.push({ field: 'body.reported_at', code: 'reported_in_future', params: { now: ctx.now.toISOString() }, value: input.reported_at });
  if (issues.length > 0) throw validationError(issues);

  if (input.external_ref !== undefined) {
    const existing = await db.selectFrom('tickets').select('number').where('external_ref', '=', input.external_ref).executeTakeFirst();
    if (existing) throw new ApiError(409, 'external_ref_taken', { ticket: ticketCode(existing.number), external_ref: input.external_ref });
  }
}

async function checkParts(ctx: TicketContext, parts: readonly { item_code: string }[]): Promise<FieldIssue[]> {
  if (parts.length === 0) return [];
  const codes = [...new Set(parts.map((p) => p.item_code))];
  const found = await ctx.db.selectFrom('items').select('code').where('code', 'in', codes).execute();
  const known = new Set(found.map((row) => row.code));
  return parts.flatMap((part, index) =>
    known.has(part.item_code)
      ? []
      : [{ field: `body.required_parts[${index}].item_code`, code: 'reference_not_found', params: { resource: 'item', value: part.item_code }, value: part.item_code }],
  );
}

/**
 * Add a step to the timeline. The step must be allowed by the status and by the SLA clock's
 * rules, and its time must lie between the last step and now. Updates the ticket's status,
 * derived times, clocks and version, and writes `ticket.<step>` to the outbox.
 */
export async function appendEvent(ctx: TicketContext, row: TicketRow, event: NewEvent): Promise<TicketRow> {
  const { db } = ctx;
  const status = row.status as TicketStatus;
  const nowIso = ctx.now.toISOString();
  const code = ticketCode(row.number);

  if (event.type === 'assigned' ? !isOpenStatus(status) : !canTransition(status, event.type)) {
    throw new ApiError(409, 'ticket_transition_invalid', { ticket: code, status, to: event.type, allowed: allowedSteps(status) });
  }
  if (event.rating !== undefined && event.type !== 'verified') {
    throw validationError([{ field: 'body.rating', code: 'rating_only_on_verified', value: event.rating }]);
  }

  const events = await loadEvents(db, row.number);
  const lastAt = events.at(-1)!.at;
  const at = event.at === undefined ? nowIso : new Date(event.at).toISOString();
  if (at < lastAt || at > nowIso) {
    throw new ApiError(422, 'ticket_event_time_invalid', { at, last_at: lastAt, now: nowIso });
  }

  const newEvent: Omit<EventRow, 'id'> = {
    ticket_number: row.number,
    type: event.type,
    at,
    assignee_code: event.assignee ?? null,
    reason: event.reason ?? null,
    rating: event.rating ?? null,
    note: event.note ?? null,
    actor: ctx.actor.name,
    recorded_at: nowIso,
  };
  const timeline = [...events, newEvent];
  // Validate the whole timeline with the SLA clock before anything is written.
  await clocksFor(ctx, row, timeline, nowIso);

  await db.insertInto('ticket_events').values(newEvent).execute();
  const nextStatus = statusAfter(timeline);
  const open = isOpenStatus(nextStatus);
  const changes: Partial<TicketRow> = {
    status: nextStatus,
    is_open: open,
    version: row.version + 1,
    updated_at: nowIso,
  };
  if (!open) changes.open_fault_key = null;
  if (event.type === 'assigned') {
    changes.assignee_code = event.assignee!;
    changes.expected_arrival_at = await expectedArrival(ctx, row, event.assignee!, at);
  }
  if (event.type === 'travelling' && row.assignee_code !== null) changes.expected_arrival_at = await expectedArrival(ctx, row, row.assignee_code, at);
  if (event.type === 'on_site') changes.expected_arrival_at = null;
  if (['accepted', 'travelling', 'on_site'].includes(event.type) && row.first_response_at === null) changes.first_response_at = at;
  if (event.type === 'resolved') changes.resolved_at = at;
  if (event.type === 'closed') changes.closed_at = at;
  if (event.type === 'verified' && event.rating !== undefined) changes.rating = event.rating;
  if (event.type === 'reopened') {
    changes.reopen_count = row.reopen_count + 1;
    changes.resolved_at = null;
    changes.closed_at = null;
  }

  await db.updateTable('tickets').set(changes).where('number', '=', row.number).execute();
  const updated = await refreshClocks(ctx, row.number);

  await emitEvent(db, {
    type: `ticket.${event.type}`,
    subject: code,
    storeCode: row.store_code,
    occurredAt: at,
    data: { ticket_code: code, from: status, to: nextStatus, at, assignee_code: updated.assignee_code, note: event.note ?? null, rating: event.rating ?? null },
  });
  if (event.type === 'resolved') await settleTicketCosts(ctx, updated, at);
  return updated;
}

/** Change a ticket's description fields; a new priority or category takes its SLA rule's targets. */
export async function updateTicket(ctx: TicketContext, row: TicketRow, changes: TicketUpdate): Promise<TicketRow> {
  const before = ticketToApi(row);
  const issues = await checkParts(ctx, changes.required_parts ?? []);
  if (issues.length > 0) throw validationError(issues);

  const columns: Partial<TicketRow> = {};
  if (changes.priority !== undefined) columns.priority = changes.priority;
  if (changes.category !== undefined) columns.category = changes.category;
  if (changes.title !== undefined) columns.title = changes.title;
  if (changes.description !== undefined) columns.description = changes.description;
  if (changes.required_skill !== undefined) columns.required_skill = changes.required_skill;
  if (changes.required_parts !== undefined) columns.required_parts = JSON.stringify(changes.required_parts);

  const fieldChanges = diffRecords(before as Record<string, unknown>, { ...before, ...changes } as Record<string, unknown>);
  if (fieldChanges.length === 0) return row;
  const nowIso = ctx.now.toISOString();
  await ctx.db.updateTable('tickets').set({ ...columns, version: row.version + 1, updated_at: nowIso }).where('number', '=', row.number).execute();
  await recordChange(ctx.db, { resource: 'ticket', key: ticketCode(row.number), action: 'update', actor: ctx.actor, changes: fieldChanges, at: nowIso });
  return refreshClocks(ctx, row.number);
}

/** Recompute a ticket's clocks as of now and store their columns; returns the fresh row. */
export async function refreshClocks(ctx: TicketContext, number: number): Promise<TicketRow> {
  const row = await ctx.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
  const events = await loadEvents(ctx.db, number);
  const clocks = await clocksFor(ctx, row, events, ctx.now.toISOString());
  await ctx.db.updateTable('tickets').set(slaColumns(clocks)).where('number', '=', number).execute();
  return { ...row, ...slaColumns(clocks) };
}

/** The clocks of a ticket under the store's calendar and the current policy. */
export async function clocksFor(
  ctx: Pick<TicketContext, 'db'>,
  row: TicketRow,
  events: readonly Pick<EventRow, 'type' | 'at' | 'assignee_code' | 'reason'>[],
  at: string,
) {
  const calendars = await storeCalendars(ctx.db, [row.store_code]);
  const calendar = calendars.get(row.store_code);
  if (!calendar) throw notFound('store', row.store_code);
  const policy = toSlaPolicy((await readSlaPolicy(ctx.db)).document);
  return clocksOf(row, events, calendar, policy, at);
}

async function expectedArrival(ctx: TicketContext, row: TicketRow, technicianCode: string, from: string): Promise<string | null> {
  const technicians = await dispatchTechnicians(ctx.db, ctx.now);
  const technician = technicians.find((t) => t.code === technicianCode);
  if (!technician) return null;
  const [ticket] = await dispatchTickets(ctx.db, [row], ctx.now.getTime());
  const settings = (await readDispatchSettings(ctx.db)).document;
  const travel = travelTo(ticket!, technician, settings.speed_kmh);
  if (travel.minutes === null) return null;
  return new Date(Date.parse(from) + Math.round(travel.minutes) * 60000).toISOString();
}

async function autoAssignRuleMatches(ctx: TicketContext, row: TicketRow): Promise<boolean> {
  const settings = (await readDispatchSettings(ctx.db)).document;
  return settings.auto_assign.some(
    (rule) => (rule.priority === undefined || rule.priority === row.priority) && (rule.category === undefined || rule.category === row.category),
  );
}

/** The best eligible technician for a ticket, or null when none is eligible. */
export async function bestTechnician(ctx: TicketContext, row: TicketRow): Promise<string | null> {
  const settings = (await readDispatchSettings(ctx.db)).document;
  const technicians = await dispatchTechnicians(ctx.db, ctx.now);
  const [ticket] = await dispatchTickets(ctx.db, [row], ctx.now.getTime());
  const ranked = rankCandidates(ticket!, technicians, settings);
  return ranked[0]?.eligible ? ranked[0].technician.code : null;
}

/** Check that an employee is an active technician, as a field issue. */
export async function checkTechnician(ctx: TicketContext, code: string, field: string): Promise<void> {
  const employee = await ctx.db.selectFrom('employees').select(['code', 'role', 'active']).where('code', '=', code).executeTakeFirst();
  if (!employee || employee.role !== 'technician' || !employee.active) {
    throw validationError([{ field, code: 'not_a_technician', params: { value: code }, value: code }]);
  }
}


