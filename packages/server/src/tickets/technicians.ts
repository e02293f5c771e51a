import type { components } from '@boh/sdk/types';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Handler } from '../http/handler.js';
import { notFound } from '../http/api-error.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { parseWorkingHours } from './calendars.js';
import { withSlaErrors } from './sla-errors.js';
import { loadTechnicians, openTicketCounts, type TechnicianRecord } from './technician-profiles.js';
import { ticketCode } from './ticket-record.js';

type Technician = components['schemas']['Technician'];

const PRIORITY_ORDER: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

async function technicianToApi(db: Kysely<Database>, record: TechnicianRecord, open: number, withQueue: boolean): Promise<Technician> {
  const queue = withQueue
    ? (
        await db
          .selectFrom('tickets')
          .select(['number', 'priority', 'status', 'store_code', 'resolution_due_at'])
          .where('assignee_code', '=', record.employee.code)
          .where('is_open', '=', true)
          .execute()
      )
        .sort((a, b) => (PRIORITY_ORDER[a.priority] ?? 9) - (PRIORITY_ORDER[b.priority] ?? 9) || String(a.resolution_due_at).localeCompare(String(b.resolution_due_at)))
        .map((row) => ({ ticket_code: ticketCode(row.number), priority: row.priority as 'normal', status: row.status as 'new', store_code: row.store_code, resolution_due_at: row.resolution_due_at }))
    : [];
  const e = record.employee;
  return {
    code: e.code,
    name: e.name,
    store_code: e.store_code,
    skills: JSON.parse(e.skills) as Technician['skills'],
    hourly_cost_fen: e.hourly_cost_fen === null ? null : Number(e.hourly_cost_fen),
    home_latitude: e.home_latitude,
    home_longitude: e.home_longitude,
    current_latitude: record.profile?.current_latitude ?? null,
    current_longitude: record.profile?.current_longitude ?? null,
    located_at: record.profile?.located_at ?? null,
    working_hours: record.workingHours,
    max_open_tickets: record.maxOpenTickets,
    open_tickets: open,
    queue,
    version: record.profile?.version ?? 0,
  };
}

async function oneTechnician(db: Kysely<Database>, code: string): Promise<TechnicianRecord> {
  const [record] = await loadTechnicians(db, [code]);
  if (!record) throw notFound('technician', code);
  return record;
}

const listTechnicians: Handler<'listTechnicians'> = async (c) => {
  const limit = c.query.limit ?? 50;
  const after = c.query.cursor ? decodeCursor(c.query.cursor, 'code').key : '';
  const records = (await loadTechnicians(c.db)).filter((r) => r.employee.code > after);
  const page = records.slice(0, limit);
  const open = await openTicketCounts(c.db);
  const data = await Promise.all(page.map((r) => technicianToApi(c.db, r, open.get(r.employee.code) ?? 0, false)));
  const last = page.at(-1);
  const next = records.length > limit && last ? encodeCursor({ sort: 'code', value: last.employee.code, key: last.employee.code }) : null;
  return { status: 200, body: { data, next_cursor: next } };
};

const getTechnician: Handler<'getTechnician'> = async (c) => {
  const record = await oneTechnician(c.db, c.params.code);
  const open = await openTicketCounts(c.db);
  const body = await technicianToApi(c.db, record, open.get(record.employee.code) ?? 0, true);
  return { status: 200, body, headers: { ETag: etagOf(body.version) } };
};

async function saveProfile(db: Kysely<Database>, record: TechnicianRecord, changes: Partial<Database['technician_profiles']>, now: string): Promise<void> {
  const base = {
    working_hours: JSON.stringify(record.workingHours),
    max_open_tickets: record.maxOpenTickets,
    current_latitude: record.profile?.current_latitude ?? null,
    current_longitude: record.profile?.current_longitude ?? null,
    located_at: record.profile?.located_at ?? null,
  };
  const version = (record.profile?.version ?? 0) + 1;
  if (record.profile) {
    await db.updateTable('technician_profiles').set({ ...changes, version, updated_at: now }).where('employee_code', '=', record.employee.code).execute();
  } else {
    await db.insertInto('technician_profiles').values({ employee_code: record.employee.code, ...base, ...changes, version, updated_at: now }).execute();
  }
}

const updateTechnician: Handler<'updateTechnician'> = async (c) => {
  const record = await oneTechnician(c.db, c.params.code);
  assertVersion(parseIfMatch(c.headers['if-match']), record.profile?.version ?? 0, 'technician', c.params.code);
  const changes: Partial<Database['technician_profiles']> = {};
  if (c.body.working_hours !== undefined) {
    withSlaErrors(() => parseWorkingHours(c.body.working_hours!, 'Asia/Shanghai'), 'body.working_hours');
    changes.working_hours = JSON.stringify(c.body.working_hours);
  }
  if (c.body.max_open_tickets !== undefined) changes.max_open_tickets = c.body.max_open_tickets;
  await saveProfile(c.db, record, changes, c.now().toISOString());
  const fresh = await oneTechnician(c.db, c.params.code);
  const open = await openTicketCounts(c.db);
  const body = await technicianToApi(c.db, fresh, open.get(fresh.employee.code) ?? 0, true);
  return { status: 200, body, headers: { ETag: etagOf(body.version) } };
};

const updateTechnicianLocation: Handler<'updateTechnicianLocation'> = async (c) => {
  const record = await oneTechnician(c.db, c.params.code);
  const at = c.body.at === undefined ? c.now().toISOString() : new Date(c.body.at).toISOString();
  await saveProfile(c.db, record, { current_latitude: c.body.latitude, current_longitude: c.body.longitude, located_at: at }, c.now().toISOString());
  const fresh = await oneTechnician(c.db, c.params.code);
  const open = await openTicketCounts(c.db);
  return { status: 200, body: await technicianToApi(c.db, fresh, open.get(fresh.employee.code) ?? 0, true) };
};

export const technicianHandlers = { listTechnicians, getTechnician, updateTechnician, updateTechnicianLocation };
