import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { EmployeeTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import { defaultTechnicianHours, type WorkingHours } from './calendars.js';
import type { TechnicianProfileTable } from './tables.js';

/** The queue a technician takes until its profile says otherwise. */
export const DEFAULT_MAX_OPEN_TICKETS = 8;

/** A current location older than this is stale, and the home base is used instead. */
export const LOCATION_FRESH_MS = 12 * 60 * 60 * 1000;

export interface TechnicianRecord {
  employee: Selectable<EmployeeTable>;
  profile: Selectable<TechnicianProfileTable> | undefined;
  workingHours: WorkingHours;
  maxOpenTickets: number;
}

/** Active employees with role technician and their profiles (defaults where none is saved). */
export async function loadTechnicians(db: Kysely<Database>, codes?: readonly string[]): Promise<TechnicianRecord[]> {
  let query = db.selectFrom('employees').selectAll().where('role', '=', 'technician').where('active', '=', true);
  if (codes) query = codes.length === 0 ? query.where('code', '=', '\u0000') : query.where('code', 'in', [...codes]);
  const employees = await query.orderBy('code').execute();
  if (employees.length === 0) return [];

  const profiles = await db.selectFrom('technician_profiles').selectAll().execute();
  const byCode = new Map(profiles.map((profile) => [profile.employee_code, profile]));
  return employees.map((employee) => {
    const profile = byCode.get(employee.code);
    return {
      employee,
      profile,
      workingHours: profile ? (JSON.parse(profile.working_hours) as WorkingHours) : defaultTechnicianHours('Asia/Shanghai'),
      maxOpenTickets: profile?.max_open_tickets ?? DEFAULT_MAX_OPEN_TICKETS,
    };
  });
}

/** Where a technician is: a fresh reported location, else the home base. */
export function positionOf(record: TechnicianRecord, nowMs: number): { latitude: number | null; longitude: number | null } {
  const profile = record.profile;
  if (profile && profile.current_latitude !== null && profile.current_longitude !== null && profile.located_at !== null) {
    if (nowMs - Date.parse(profile.located_at) <= LOCATION_FRESH_MS) {
      return { latitude: profile.current_latitude, longitude: profile.current_longitude };
    }
  }
  return { latitude: record.employee.home_latitude, longitude: record.employee.home_longitude };
}

/** Open tickets per technician. */
export async function openTicketCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_code', db.fn.countAll<number>().as('open')])
    .where('is_open', '=', true)
    .where('assignee_code', 'is not', null)
    .groupBy('assignee_code')
    .execute();
  return new Map(rows.map((row) => [row.assignee_code as string, Number(row.open)]));
}
