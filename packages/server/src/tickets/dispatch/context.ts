import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isBusinessTime } from '../sla/index.js';
import { parseWorkingHours } from '../calendars.js';
import { loadTechnicians, openTicketCounts, positionOf } from '../technician-profiles.js';
import type { TicketRow } from '../ticket-record.js';
import { loadPartsStock } from './parts.js';
import type { DispatchTechnician, DispatchTicket } from './score.js';

/** Technicians as dispatch sees them at `now`. */
export async function dispatchTechnicians(db: Kysely<Database>, now: Date): Promise<DispatchTechnician[]> {
  const records = await loadTechnicians(db);
  const open = await openTicketCounts(db);
  const table = await db.selectFrom('travel_times').selectAll().execute();
  const travel = new Map<string, Map<string, number>>();
  for (const row of table) {
    let byStore = travel.get(row.technician_code);
    if (!byStore) travel.set(row.technician_code, (byStore = new Map()));
    byStore.set(row.store_code, row.minutes);
  }

  const nowMs = now.getTime();
  return records.map((record) => {
    const skills = JSON.parse(record.employee.skills) as { skill: string; level: number }[];
    const position = positionOf(record, nowMs);
    let onDuty = true;
    try {
      onDuty = isBusinessTime(parseWorkingHours(record.workingHours, 'Asia/Shanghai'), now.toISOString());
    } catch {
      onDuty = true;
    }
    return {
      code: record.employee.code,
      name: record.employee.name,
      skills: new Map(skills.map((s) => [s.skill, s.level])),
      latitude: position.latitude,
      longitude: position.longitude,
      openTickets: open.get(record.employee.code) ?? 0,
      capacity: record.maxOpenTickets,
      onDuty,
      travelTable: travel.get(record.employee.code) ?? new Map(),
    };
  });
}

/** Tickets as dispatch sees them, with their stores' coordinates and where their needed parts are on hand. */
export async function dispatchTickets(db: Kysely<Database>, rows: readonly TicketRow[], nowMs: number): Promise<DispatchTicket[]> {
  const storeCodes = [...new Set(rows.map((row) => row.store_code))];
  const stores = storeCodes.length === 0 ? [] : await db.selectFrom('stores').select(['code', 'latitude', 'longitude']).where('code', 'in', storeCodes).execute();
  const byCode = new Map(stores.map((store) => [store.code, store]));
  const needs = rows.map((row) => ({ number: row.number, storeCode: row.store_code, parts: JSON.parse(row.required_parts) as { item_code: string; quantity: number }[] }));
  const partsStock = await loadPartsStock(db, needs);
  return rows.map((row, index) => {
    const store = byCode.get(row.store_code);
    const stock = partsStock.get(row.number);
    const dueMs = row.resolution_due_at === null ? null : Date.parse(row.resolution_due_at);
    return {
      number: row.number,
      storeCode: row.store_code,
      latitude: store?.latitude ?? null,
      longitude: store?.longitude ?? null,
      skill: row.required_skill ?? row.category,
      priority: row.priority,
      // Wall-clock minutes to the due time: a fair stand-in for business minutes when ranking.
      slackMinutes: dueMs === null ? null : (dueMs - nowMs) / 60000,
      partsNeeded: needs[index]!.parts.length > 0,
      ...(stock ? { partsStock: stock } : {}),
    };
  });
}
