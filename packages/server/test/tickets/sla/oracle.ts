// A slow, independent model of business time for property tests. It reads the wall clock of
// each quarter hour from Intl and checks the configured hours directly. It is exact only for
// calendars whose hours start and end on quarter hours outside 01:00-04:00, where no daylight
// saving change of the supported zones falls, and for instants on quarter hours.
import type { BusinessCalendarInput, ExtraWorkingDay, OpeningHours, Weekday } from '../../../src/tickets/sla/index.js';

export const QUARTER_MS = 15 * 60_000;
const WEEKDAY_KEYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string, ms: number): { date: string; minute: number } {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  // sv-SE formats as "2024-03-04 09:15".
  const [date = '', time = ''] = formatter.format(ms).split(' ');
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return { date, minute: hour * 60 + minute };
}

function previousDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function toMinutes(text: string): number {
  const [hour = 0, minute = 0] = text.split(':').map(Number);
  return hour * 60 + minute;
}

function hoursOnDate(calendar: BusinessCalendarInput, date: string): readonly OpeningHours[] {
  if (calendar.holidays?.includes(date)) return [];
  const extra = calendar.extraWorkingDays
    ?.map((entry): ExtraWorkingDay => (typeof entry === 'string' ? { date: entry } : entry))
    .find((entry) => entry.date === date);
  if (calendar.alwaysOpen) return [{ start: '00:00', end: '24:00' }];
  if (extra !== undefined) return extra.hours ?? calendar.weeklyHours?.[extra.hoursOf ?? 'mon'] ?? [];
  const weekday = WEEKDAY_KEYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  return calendar.weeklyHours?.[weekday] ?? [];
}

function covers(hours: readonly OpeningHours[], minute: number): boolean {
  return hours.some(({ start, end }) => {
    const from = toMinutes(start);
    let to = toMinutes(end);
    if (to <= from) to += 1440;
    return minute >= from && minute < to;
  });
}

/** Return whether the quarter hour starting at `ms` is business time by the configured hours. */
export function isOpenByWallClock(calendar: BusinessCalendarInput, ms: number): boolean {
  const { date, minute } = wallClock(calendar.timeZone ?? 'Asia/Shanghai', ms);
  return covers(hoursOnDate(calendar, date), minute) || covers(hoursOnDate(calendar, previousDate(date)), minute + 1440);
}

/** Count business minutes in [from, to) by sampling quarter hours; both ends must be on quarter hours. */
export function naiveBusinessMinutes(calendar: BusinessCalendarInput, from: number, to: number): number {
  let minutes = 0;
  for (let ms = from; ms < to; ms += QUARTER_MS) if (isOpenByWallClock(calendar, ms)) minutes += 15;
  return minutes;
}
