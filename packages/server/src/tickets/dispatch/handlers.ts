import { sql } from 'kysely';
import type { Handler } from '../../http/handler.js';
import { validationError, type FieldIssue } from '../../http/api-error.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { labelEnumParams } from '../../i18n/enum-labels.js';
import { translate } from '../../i18n/messages.js';
import { ticketContext } from '../context.js';
import { appendEvent } from '../service.js';
import { loadTicket, ticketCode, ticketNumber, type TicketRow } from '../ticket-record.js';
import { dispatchTechnicians, dispatchTickets } from './context.js';
import { planDispatch } from './plan.js';
import { scoreCandidate } from './score.js';
import { readDispatchSettings } from './settings.js';

const round1 = (value: number) => Math.round(value * 10) / 10;

const rankTechnicians: Handler<'rankTechnicians'> = async (c) => {
  const now = c.now();
  const row = await loadTicket(c.db, c.principal, c.params.code, false);
  const settings = (await readDispatchSettings(c.db)).document;
  const technicians = await dispatchTechnicians(c.db, now);
  const [ticket] = await dispatchTickets(c.db, [row], now.getTime());

  const ranked = technicians
    .map((technician) => scoreCandidate(ticket!, technician, settings))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.score - b.score || (a.technician.code < b.technician.code ? -1 : 1))
    .slice(0, c.query.limit ?? 10);

  return {
    status: 200,
    body: {
      ticket_code: ticketCode(row.number),
      data: ranked.map((candidate, index) => ({
        rank: index + 1,
        technician_code: candidate.technician.code,
        name: candidate.technician.name,
        eligible: candidate.eligible,
        score: round1(candidate.score),
        travel_minutes: candidate.travel.minutes === null ? null : round1(candidate.travel.minutes),
        distance_km: candidate.travel.km === null ? null : round1(candidate.travel.km),
        travel_source: candidate.travel.source,
        skill_level: candidate.skillLevel,
        open_tickets: candidate.technician.openTickets,
        slack_minutes: candidate.slackMinutes,
        parts_in_stock: candidate.partsInStock,
        parts_store_code: candidate.partsStoreCode,
        on_duty: candidate.technician.onDuty,
        reasons: candidate.reasons.map((reason) => ({ factor: reason.factor, points: round1(reason.points), detail: translate(c.language, reason.key, reason.params) })),
      })),
    },
  };
};

async function openUnassigned(c: Parameters<Handler<'planDispatch'>>[0]): Promise<TicketRow[]> {
  let query = c.db.selectFrom('tickets').selectAll().where('is_open', '=', true).where('assignee_code', 'is', null);
  if (c.body.store_codes?.length) query = query.where('store_code', 'in', c.body.store_codes);
  if (c.body.ticket_codes?.length) {
    const numbers = c.body.ticket_codes.map(ticketNumber).filter((n): n is number => n !== null);
    query = numbers.length > 0 ? query.where('number', 'in', numbers) : query.where(sql<boolean>`1 = 0`);
  }
  return query.orderBy('number').execute();
}

const planDispatchHandler: Handler<'planDispatch'> = async (c) => {
  const started = performance.now();
  const now = c.now();
  const settings = (await readDispatchSettings(c.db)).document;
  const rows = await openUnassigned(c);
  const technicians = await dispatchTechnicians(c.db, now);
  const tickets = await dispatchTickets(c.db, rows, now.getTime());
  const plan = planDispatch(tickets, technicians, settings);

  return {
    status: 200,
    body: {
      assignments: plan.assignments.map((a) => ({
        ticket_code: ticketCode(a.ticket.number),
        technician_code: a.technician.code,
        score: round1(a.score),
        travel_minutes: a.travelMinutes === null ? null : round1(a.travelMinutes),
      })),
      unassigned: plan.unassigned.map((u) => ({
        ticket_code: ticketCode(u.ticket.number),
        reason: u.reason,
        detail: translate(c.language, `dispatch.unassigned.${u.reason}`, { skill: u.ticket.skill }),
      })),
      load: plan.load.map((l) => ({ technician_code: l.technician.code, before: l.before, after: l.after, capacity: l.technician.capacity })),
      stats: { tickets: tickets.length, technicians: technicians.length, total_score: round1(plan.totalScore), elapsed_ms: Math.round(performance.now() - started) },
    },
  };
};

const applyDispatch: Handler<'applyDispatch'> = async (c) => {
  const ctx = ticketContext(c);
  const applied: { ticket_code: string; technician_code: string }[] = [];
  const skipped: { ticket_code: string; technician_code: string; reason: string }[] = [];
  const technicians = new Set((await dispatchTechnicians(c.db, ctx.now)).map((t) => t.code));
  const issues: FieldIssue[] = [];
  c.body.assignments.forEach((a, index) => {
    if (!technicians.has(a.technician_code)) issues.push({ field: `body.assignments[${index}].technician_code`, code: 'not_a_technician', params: { value: a.technician_code }, value: a.technician_code });
  });
  if (issues.length > 0) throw validationError(issues);

  for (const assignment of c.body.assignments) {
    const row = await loadTicket(c.db, c.principal, assignment.ticket_code, ctx.dialect).catch(() => null);
    if (row === null || !row.is_open || row.assignee_code !== null) {
      skipped.push({ ...pick(assignment), reason: translate(c.language, 'dispatch.skipped', labelEnumParams('dispatch.skipped', { status: row?.status ?? '-' }, c.language)) });
      continue;
    }
    await appendEvent(ctx, row, { type: 'assigned', assignee: assignment.technician_code, note: 'dispatch' });
    applied.push(pick(assignment));
  }
  return { status: 200, body: { applied, skipped } };
};

const pick = (a: { ticket_code: string; technician_code: string }) => ({ ticket_code: a.ticket_code, technician_code: a.technician_code });

const listTravelTimes: Handler<'listTravelTimes'> = async (c) => {
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('travel_times').selectAll();
  if (c.query.technician_code) query = query.where('technician_code', '=', c.query.technician_code);
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, 'key');
    const [technician, store] = JSON.parse(position.key) as [string, string];
    query = query.where((eb) => eb.or([eb('technician_code', '>', technician), eb.and([eb('technician_code', '=', technician), eb('store_code', '>', store)])]));
  }
  const rows = await query.orderBy('technician_code').orderBy('store_code').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: 'key', value: null, key: JSON.stringify([last.technician_code, last.store_code]) }) : null;
  return { status: 200, body: { data: page, next_cursor: next } };
};

const importTravelTimes: Handler<'importTravelTimes'> = async (c) => {
  const rows = c.body.rows;
  const technicians = new Set((await c.db.selectFrom('employees').select('code').where('role', '=', 'technician').execute()).map((r) => r.code));
  const stores = new Set((await c.db.selectFrom('stores').select('code').execute()).map((r) => r.code));
  const issues: FieldIssue[] = [];
  rows.forEach((row, index) => {
    if (!technicians.has(row.technician_code)) issues.push({ field: `body.rows[${index}].technician_code`, code: 'not_a_technician', params: { value: row.technician_code }, value: row.technician_code });
    if (!stores.has(row.store_code)) issues.push({ field: `body.rows[${index}].store_code`, code: 'reference_not_found', params: { resource: 'store', value: row.store_code }, value: row.store_code });
  });
  if (issues.length > 0) throw validationError(issues.slice(0, 100));

  let removed = 0;
  if (c.body.replace) removed = Number((await c.db.deleteFrom('travel_times').executeTakeFirst()).numDeletedRows);
  for (let i = 0; i < rows.length; i += 500) {
    await c.db
      .insertInto('travel_times')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['technician_code', 'store_code']).doUpdateSet((eb) => ({ minutes: eb.ref('excluded.minutes') })))
      .execute();
  }
  return { status: 200, body: { written: rows.length, removed: c.body.replace ? Math.max(0, removed - 0) : 0 } };
};

export const dispatchHandlers = { rankTechnicians, planDispatch: planDispatchHandler, applyDispatch, listTravelTimes, importTravelTimes };
