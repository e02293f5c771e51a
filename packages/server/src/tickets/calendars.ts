import type { components } from '@boh/sdk/types';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { parseBusinessCalendar, WEEKDAYS, type BusinessCalendar, type BusinessCalendarInput } from './sla/index.js';
import { readSetting, type StoredSetting } from './settings.js';

export type WorkingHours = components['schemas']['WorkingHours'];

/** Business hours of a store that has set none: 07:00–22:00 every day. */
export const DEFAULT_STORE_HOURS = { start: '07:00', end: '22:00' };

/** The default calendar of a store in its time zone. */
export function defaultStoreHours(timeZone: string): WorkingHours {
  return { time_zone: timeZone, weekly_hours: Object.fromEntries(WEEKDAYS.map((day) => [day, [DEFAULT_STORE_HOURS]])) };
}

/** Working hours of a technician that has set none: Monday to Saturday, 09:00–18:00. */
export function defaultTechnicianHours(timeZone: string): WorkingHours {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  return { time_zone: timeZone, weekly_hours: Object.fromEntries(days.map((day) => [day, [{ start: '09:00', end: '18:00' }]])) };
}

/** Convert the API's snake_case hours to the SLA library's input. */
export function toCalendarInput(hours: WorkingHours, fallbackZone: string): BusinessCalendarInput {
  return {
    timeZone: hours.time_zone ?? fallbackZone,
    ...(hours.always_open ? { alwaysOpen: true } : {}),
    ...(hours.weekly_hours !== undefined ? { weeklyHours: hours.weekly_hours } : {}),
    holidays: hours.holidays ?? [],
    extraWorkingDays: hours.extra_working_days ?? [],
  };
}

/** Validate hours into a calendar; raises SlaError `sla_calendar_invalid` naming every field. */
export function parseWorkingHours(hours: WorkingHours, fallbackZone: string): BusinessCalendar {
  return parseBusinessCalendar(toCalendarInput(hours, fallbackZone));
}

export const calendarKey = (storeCode: string) => `calendar:${storeCode}`;

/** A store's stored hours, or its default in its own time zone. */
export async function readStoreHours(db: Kysely<Database>, storeCode: string, timeZone: string): Promise<StoredSetting<WorkingHours>> {
  return readSetting<WorkingHours>(db, calendarKey(storeCode), () => defaultStoreHours(timeZone));
}

/** The parsed calendars of several stores, for clocks. */
export async function storeCalendars(db: Kysely<Database>, storeCodes: readonly string[]): Promise<Map<string, BusinessCalendar>> {
  const unique = [...new Set(storeCodes)];
  const result = new Map<string, BusinessCalendar>();
  if (unique.length === 0) return result;
  const stores = await db.selectFrom('stores').select(['code', 'timezone']).where('code', 'in', unique).execute();
  const saved = await db
    .selectFrom('ticket_settings')
    .select(['key', 'document'])
    .where('key', 'in', unique.map(calendarKey))
    .execute();
  const byKey = new Map(saved.map((row) => [row.key, JSON.parse(row.document) as WorkingHours]));
  for (const store of stores) {
    const hours = byKey.get(calendarKey(store.code)) ?? defaultStoreHours(store.timezone);
    result.set(store.code, parseWorkingHours(hours, store.timezone));
  }
  return result;
}
