import { DAY_MS } from './instant.js';

// Dates in a store's calendar are civil dates counted as days since 1970-01-01, so iterating
// and comparing them is integer arithmetic that no time zone can shift.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Read `YYYY-MM-DD` as a day number, or null when it is not a real date from 1970 on. */
export function parseIsoDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = ISO_DATE.exec(text);
  if (match === null) return null;

  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1970 || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** Format a day number as `YYYY-MM-DD`. */
export function formatIsoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Return the weekday of a day number, 0 being Sunday as in the weekday list of the calendar. */
export function weekdayOf(dayNumber: number): number {
  // Day 0, 1970-01-01, was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}
