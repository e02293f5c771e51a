import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Handler } from '../../http/handler.js';
import { businessMinutesBetween } from '../sla/index.js';
import { parseWorkingHours } from '../calendars.js';
import { loadTechnicians } from '../technician-profiles.js';
import { ticketCode, type TicketRow } from '../ticket-record.js';
import { addDays, lostSales, readHourlySales } from './downtime.js';
import { mtbfByModel, sameAssetRepeats, sameModelRepeats, type FailureRecord, type RepeatPair } from './failures.js';

const MINUTE_MS = 60_000;
const round2 = (value: number) => Math.round(value * 100) / 100;
const mean = (values: number[]) => (values.length === 0 ? null : round2(values.reduce((a, b) => a + b, 0) / values.length));
const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Tickets created from `from` to `to` inclusive (UTC dates). */
async function ticketsCreated(db: Kysely<Database>, from: string, to: string, storeCode?: string): Promise<TicketRow[]> {
  let query = db.selectFrom('tickets').selectAll().where('created_at', '>=', `${from}T00:00:00.000Z`).where('created_at', '<', `${addDays(to, 1)}T00:00:00.000Z`);
  if (storeCode !== undefined) query = query.where('store_code', '=', storeCode);
  return query.orderBy('number').execute();
}

async function eventsOf(db: Kysely<Database>, numbers: number[]) {
  const events = new Map<number, { type: string; at: string }[]>();
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db.selectFrom('ticket_events').select(['ticket_number', 'type', 'at']).where('ticket_number', 'in', numbers.slice(i, i + 500)).orderBy('id').execute();
    for (const row of rows) {
      let list = events.get(row.ticket_number);
      if (!list) events.set(row.ticket_number, (list = []));
      list.push(row);
    }
  }
  return events;
}

const getTicketAnalytics: Handler<'getTicketAnalytics'> = async (c) => {
  const to = c.query.to ?? today(c.now());
  const from = c.query.from ?? addDays(to, -29);
  const tickets = await ticketsCreated(c.db, from, to, c.query.store_code);
  const events = await eventsOf(c.db, tickets.map((t) => t.number));

  const repair: number[] = [];
  const response: number[] = [];
  let resolved = 0;
  let firstTime = 0;
  for (const ticket of tickets) {
    const timeline = events.get(ticket.number) ?? [];
    const firstResolved = timeline.find((e) => e.type === 'resolved');
    if (ticket.first_response_at !== null) response.push((Date.parse(ticket.first_response_at) - Date.parse(ticket.created_at)) / MINUTE_MS);
    if (!firstResolved) continue;
    resolved++;
    repair.push((Date.parse(firstResolved.at) - Date.parse(ticket.created_at)) / MINUTE_MS);
    const visits = timeline.filter((e) => e.type === 'on_site').length;
    if (ticket.reopen_count === 0 && visits <= 1) firstTime++;
  }
  const models = await assetModels(c.db);
  const compliance = (column: 'response_status' | 'resolution_status') => {
    const settled = tickets.filter((t) => t[column] === 'met' || t[column] === 'breached');
    return share(settled.filter((t) => t[column] === 'met').length, settled.length);
  };

  return {
    status: 200,
    body: {
      from,
      to,
      tickets: tickets.length,
      resolved,
      mttr_minutes: mean(repair),
      mean_response_minutes: mean(response),
      first_time_fix_rate: share(firstTime, resolved),
      sla_response_compliance: compliance('response_status'),
      sla_resolution_compliance: compliance('resolution_status'),
      technicians: await utilisation(c.db, from, to),
      cost_by_store: costBy(tickets, (t) => t.store_code).map(([store_code, cost]) => ({ store_code, ...cost })),
      cost_by_model: costBy(
        tickets.filter((t) => t.asset_code !== null),
        (t) => models.get(t.asset_code!) ?? '-',
      ).map(([model, cost]) => ({ model, ...cost })),
    },
  };
};

async function assetModels(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('assets').select(['code', 'model']).execute();
  return new Map(rows.map((row) => [row.code, row.model ?? '-']));
}

function costBy(tickets: readonly TicketRow[], key: (ticket: TicketRow) => string) {
  const groups = new Map<string, { tickets: number; parts_cost_fen: number; labour_cost_fen: number; total_cost_fen: number }>();
  for (const ticket of tickets) {
    const k = key(ticket);
    const group = groups.get(k) ?? { tickets: 0, parts_cost_fen: 0, labour_cost_fen: 0, total_cost_fen: 0 };
    group.tickets++;
    group.parts_cost_fen += Number(ticket.parts_cost_fen);
    group.labour_cost_fen += Number(ticket.labour_cost_fen);
    group.total_cost_fen += Number(ticket.parts_cost_fen) + Number(ticket.labour_cost_fen);
    groups.set(k, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Labour minutes booked in the period over the minutes of each technician's working hours. */
async function utilisation(db: Kysely<Database>, from: string, to: string) {
  const technicians = await loadTechnicians(db);
  const labour = await db
    .selectFrom('ticket_labour')
    .select(['technician_code', db.fn.sum<number>('minutes').as('minutes'), db.fn.count<number>('ticket_number').distinct().as('tickets')])
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .groupBy('technician_code')
    .execute();
  const byCode = new Map(labour.map((row) => [row.technician_code, row]));
  return technicians.map((record) => {
    const calendar = parseWorkingHours(record.workingHours, 'Asia/Shanghai');
    const working = businessMinutesBetween(calendar, `${from}T00:00:00+08:00`, `${addDays(to, 1)}T00:00:00+08:00`);
    const row = byCode.get(record.employee.code);
    const minutes = Number(row?.minutes ?? 0);
    return { technician_code: record.employee.code, labour_minutes: minutes, working_minutes: working, utilisation: share(minutes, working), tickets: Number(row?.tickets ?? 0) };
  });
}

/** Failures (tickets of kind failure on an asset) in the period, oldest first. */
async function failures(db: Kysely<Database>, from?: string, to?: string): Promise<FailureRecord[]> {
  let query = db
    .selectFrom('tickets')
    .innerJoin('assets', 'assets.code', 'tickets.asset_code')
    .select(['tickets.number', 'tickets.asset_code', 'tickets.store_code', 'tickets.created_at', 'assets.model'])
    .where('tickets.kind', '=', 'failure')
    .where('tickets.status', '!=', 'cancelled');
  if (from !== undefined) query = query.where('tickets.created_at', '>=', `${from}T00:00:00.000Z`);
  if (to !== undefined) query = query.where('tickets.created_at', '<', `${addDays(to, 1)}T00:00:00.000Z`);
  const rows = await query.orderBy('tickets.created_at').orderBy('tickets.number').execute();
  return rows.map((row) => ({ ticketCode: ticketCode(row.number), assetCode: row.asset_code!, model: row.model, storeCode: row.store_code, at: Date.parse(row.created_at) }));
}

const pairToApi = (pair: RepeatPair) => ({
  ticket_code: pair.current.ticketCode,
  previous_ticket_code: pair.previous.ticketCode,
  asset_code: pair.current.assetCode,
  previous_asset_code: pair.previous.assetCode,
  model: pair.current.model,
  store_code: pair.current.storeCode,
  previous_store_code: pair.previous.storeCode,
  at: new Date(pair.current.at).toISOString(),
  days_since_previous: round2(pair.days),
});

const listRepeatFailures: Handler<'listRepeatFailures'> = async (c) => {
  const days = c.query.days ?? 30;
  const list = await failures(c.db, c.query.from, c.query.to);
  return { status: 200, body: { days, same_asset: sameAssetRepeats(list, days).map(pairToApi), same_model: sameModelRepeats(list, days).map(pairToApi) } };
};

const listModelReliability: Handler<'listModelReliability'> = async (c) => {
  const list = await failures(c.db);
  return {
    status: 200,
    body: { data: mtbfByModel(list).map((m) => ({ model: m.model, assets: m.assets, failures: m.failures, intervals: m.intervals, mtbf_hours: m.mtbfHours === null ? null : round2(m.mtbfHours) })) },
  };
};

const getDowntimeCost: Handler<'getDowntimeCost'> = async (c) => {
  const weeks = c.query.lookback_weeks ?? 4;
  const now = c.now();
  let query = c.db.selectFrom('tickets').selectAll().where('asset_code', 'is not', null).where('kind', '=', 'failure').where('status', '!=', 'cancelled');
  if (c.query.open !== undefined) query = query.where('is_open', '=', c.query.open);
  if (c.query.store_code !== undefined) query = query.where('store_code', '=', c.query.store_code);
  if (c.query.from !== undefined) query = query.where('created_at', '>=', `${c.query.from}T00:00:00.000Z`);
  if (c.query.to !== undefined) query = query.where('created_at', '<', `${addDays(c.query.to, 1)}T00:00:00.000Z`);
  const tickets = await query.orderBy('number').execute();
  const stores = new Map((await c.db.selectFrom('stores').select(['code', 'timezone', 'day_end_cutoff']).execute()).map((s) => [s.code, s]));

  // Without any posted sales around the tickets there is nothing to cost the downtime against.
  let available = false;
  const data = [];
  const salesCache = new Map<string, Awaited<ReturnType<typeof readHourlySales>>>();
  for (const ticket of tickets) {
    const store = stores.get(ticket.store_code)!;
    const from = Date.parse(ticket.created_at);
    const to = ticket.resolved_at !== null ? Date.parse(ticket.resolved_at) : ticket.is_open ? now.getTime() : Date.parse(ticket.updated_at);
    if (!salesCache.has(store.code)) {
      const earliest = addDays(tickets.filter((t) => t.store_code === store.code).map((t) => t.created_at.slice(0, 10)).sort()[0]!, -7 * weeks - 1);
      salesCache.set(store.code, await readHourlySales(c.db, store.code, earliest, addDays(now.toISOString().slice(0, 10), 1)));
    }
    const sales = salesCache.get(store.code);
    if (sales && sales.tradingDates.size > 0) available = true;
    const [h, m] = store.day_end_cutoff.split(':').map(Number);
    const window = { storeCode: store.code, timeZone: store.timezone, cutoffMinutes: (h ?? 0) * 60 + (m ?? 0), from, to: Math.max(from, to) };
    data.push({
      ticket_code: ticketCode(ticket.number),
      store_code: ticket.store_code,
      asset_code: ticket.asset_code,
      is_open: Boolean(ticket.is_open),
      down_from: ticket.created_at,
      down_to: new Date(window.to).toISOString(),
      down_minutes: Math.floor((window.to - from) / MINUTE_MS),
      lost_sales_fen: sales ? lostSales(window, weeks, sales.sales, sales.tradingDates) : 0,
    });
  }
  data.sort((a, b) => b.lost_sales_fen - a.lost_sales_fen || a.ticket_code.localeCompare(b.ticket_code));

  const byStore = new Map<string, { store_code: string; tickets: number; down_minutes: number; lost_sales_fen: number }>();
  for (const row of data) {
    const group = byStore.get(row.store_code) ?? { store_code: row.store_code, tickets: 0, down_minutes: 0, lost_sales_fen: 0 };
    group.tickets++;
    group.down_minutes += row.down_minutes;
    group.lost_sales_fen += row.lost_sales_fen;
    byStore.set(row.store_code, group);
  }
  return {
    status: 200,
    body: { sales_data_available: available, lookback_weeks: weeks, data, by_store: [...byStore.values()].sort((a, b) => b.lost_sales_fen - a.lost_sales_fen) },
  };
};

export const analyticsHandlers = { getTicketAnalytics, listRepeatFailures, listModelReliability, getDowntimeCost };
