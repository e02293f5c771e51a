import { DAY_MS, MINUTE_MS } from './instant.js';

// Conversions between instants and a store's wall-clock time through Intl, which carries the
// IANA time zone database. Nothing here reads the process time zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Return whether Intl accepts `timeZone` as an IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Read the wall-clock time at `ms` in `timeZone`, written as if it were a UTC instant. */
function wallClockMs(timeZone: string, ms: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((ms % 1000) + 1000) % 1000);
}

/** Format the instant `ms` as local `YYYY-MM-DD HH:MM` in `timeZone`, for messages. */
export function formatLocalDateTime(timeZone: string, ms: number): string {
  return new Date(wallClockMs(timeZone, ms)).toISOString().slice(0, 16).replace('T', ' ');
}

/** Compute the offset of `timeZone` from UTC at the instant `ms`, in milliseconds. */
function offsetMs(timeZone: string, ms: number): number {
  return wallClockMs(timeZone, ms) - ms;
}

/** Return the local date, as a day number, of the instant `ms` in `timeZone`. */
export function localDayOf(timeZone: string, ms: number): number {
  return Math.floor(wallClockMs(timeZone, ms) / DAY_MS);
}

/**
 * Find the first instant at which the wall clock in `timeZone` shows `minuteOfDay` minutes after
 * midnight of `dayNumber`, or a later time. Minutes past 1440 fall on the following days. A time
 * shown twice (clocks set back) gives its first occurrence. A time skipped when clocks go forward
 * gives the instant of the change, so business hours from 02:30 start at 03:00 on a day when
 * 02:00 jumps to 03:00.
 */
export function instantOfLocal(timeZone: string, dayNumber: number, minuteOfDay: number): number {
  const key = `${timeZone} ${dayNumber} ${minuteOfDay}`;
  let instant = instantCache.get(key);
  if (instant === undefined) {
    if (instantCache.size >= INSTANT_CACHE_SIZE) instantCache.clear();
    instant = computeInstantOfLocal(timeZone, dayNumber, minuteOfDay);
    instantCache.set(key, instant);
  }
  return instant;
}

// Business hours repeat the same few wall-clock times day after day, and each conversion costs
// several Intl calls, so results are kept. The time zone rules cannot change while the process
// runs, so an entry never goes stale; the bound only limits memory.
const INSTANT_CACHE_SIZE = 100_000;
const instantCache = new Map<string, number>();

function computeInstantOfLocal(timeZone: string, dayNumber: number, minuteOfDay: number): number {
  const local = dayNumber * DAY_MS + minuteOfDay * MINUTE_MS;

  // Offsets a day either side bracket any transition near this wall-clock time.
  const before = offsetMs(timeZone, local - DAY_MS);
  const after = offsetMs(timeZone, local + DAY_MS);
  if (before === after) return local - before;

  const matching = [local - before, local - after].filter((ms) => offsetMs(timeZone, ms) === local - ms);
  if (matching.length > 0) return Math.min(...matching);
  return transitionBetween(timeZone, local - after, local - before);
}

// The first instant in (low, high] whose offset differs from the offset at `low`; the offset
// changes once in that span, so bisection finds it.
function transitionBetween(timeZone: string, low: number, high: number): number {
  const lowOffset = offsetMs(timeZone, low);
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (offsetMs(timeZone, mid) === lowOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}
