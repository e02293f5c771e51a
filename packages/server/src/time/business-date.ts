// Business dates and local wall-clock hours of instants, computed in a named IANA time zone with
// Intl.DateTimeFormat, so the results never depend on the time zone of the process.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
// Zone offsets are whole multiples of 15 minutes and change at such boundaries, so an offset
// found for one instant holds for the 15 minutes around it. Caching per slot avoids calling
// Intl for each of a million orders.
const SLOT_MS = 15 * MS_PER_MINUTE;
const MAX_CACHED_SLOTS = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** A local wall-clock time: the civil date, hour and minute in a zone. */
export interface LocalTime {
  /** `YYYY-MM-DD`. */
  date: string;
  hour: number;
  minute: number;
}

/**
 * Compute the business date (营业日) of an instant for a store: the local date of the wall-clock
 * time minus the day-end cut-off. With cut-off `04:00` a sale at 01:30 local time belongs to the
 * previous day; with `00:00` the business date is the plain local date.
 *
 * @param instantIso an ISO 8601 instant with `Z` or an offset
 * @param timeZone an IANA zone such as Asia/Shanghai
 * @param dayEndCutoff `HH:MM`
 * @returns `YYYY-MM-DD`
 */
export function businessDate(instantIso: string, timeZone: string, dayEndCutoff: string): string {
  return businessTime(instantIso, timeZone, dayEndCutoff).businessDate;
}

/** Compute the business date of an instant and its local wall-clock hour (not shifted by the cut-off). */
export function businessTime(instantIso: string, timeZone: string, dayEndCutoff: string): { businessDate: string; hour: number } {
  const epochMs = parseInstant(instantIso);
  const localMs = epochMs + offsetMs(epochMs, timeZone);
  const minuteOfDay = Math.floor((localMs - Math.floor(localMs / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
  const shifted = localMs - parseCutoff(dayEndCutoff) * MS_PER_MINUTE;
  return { businessDate: dayName(Math.floor(shifted / MS_PER_DAY)), hour: Math.floor(minuteOfDay / 60) };
}

/** Compute the local wall-clock date, hour and minute of an instant in `timeZone`. */
export function localTime(instantIso: string, timeZone: string): LocalTime {
  const epochMs = parseInstant(instantIso);
  const localMs = epochMs + offsetMs(epochMs, timeZone);
  const minuteOfDay = Math.floor((localMs - Math.floor(localMs / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
  return { date: dayName(Math.floor(localMs / MS_PER_DAY)), hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 };
}

/**
 * Format an instant as the wall-clock time of `timeZone` with its offset, as people at the store
 * read it: `2024-02-10 00:00:03 +08:00`. Milliseconds appear only when they are not zero.
 */
export function localTimestamp(instantIso: string, timeZone: string): string {
  const epochMs = parseInstant(instantIso);
  const offset = offsetMs(epochMs, timeZone);
  const wallClock = new Date(epochMs + offset).toISOString();
  const time = wallClock.endsWith('.000Z') ? wallClock.slice(11, 19) : wallClock.slice(11, 23);

  const minutes = Math.abs(offset) / MS_PER_MINUTE;
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  return `${wallClock.slice(0, 10)} ${time} ${sign}${hours}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Compute the local calendar date (`YYYY-MM-DD`) of an epoch instant in `timeZone`. */
export function localDateAt(epochMs: number, timeZone: string): string {
  return dayName(Math.floor((epochMs + offsetMs(epochMs, timeZone)) / MS_PER_DAY));
}

// `YYYY-MM-DD` by days since the epoch, so a million dates need only a few hundred Date objects.
const dayNames = new Map<number, string>();

function dayName(day: number): string {
  let date = dayNames.get(day);
  if (date === undefined) {
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayNames.size >= MAX_CACHED_SLOTS) dayNames.clear();
    dayNames.set(day, date);
  }
  return date;
}

function parseInstant(instantIso: string): number {
  const epochMs = Date.parse(instantIso);
  if (Number.isNaN(epochMs)) throw new RangeError(`"${instantIso}" is not an ISO 8601 instant`);
  return epochMs;
}

/** Return the accounting period (`YYYY-MM`) of a business date or entry date. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/** Add whole days to a civil date `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

// Cut-offs in minutes after midnight; a chain has a handful of distinct ones.
const cutoffs = new Map<string, number>();

function parseCutoff(cutoff: string): number {
  const known = cutoffs.get(cutoff);
  if (known !== undefined) return known;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(cutoff);
  if (!match) throw new RangeError(`"${cutoff}" is not a day-end cut-off as HH:MM`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  cutoffs.set(cutoff, minutes);
  return minutes;
}

/**
 * Return the zone's offset from UTC in minutes when it is the same at every instant from `fromMs`
 * to `toMs`. Returns null when it changes in between, as with daylight saving time.
 */
export function fixedOffsetMinutes(timeZone: string, fromMs: number, toMs: number): number | null {
  const offset = offsetMs(fromMs, timeZone);
  for (let at = fromMs; at <= toMs; at += SLOT_MS) {
    if (offsetMs(at, timeZone) !== offset) return null;
  }
  return offsetMs(toMs, timeZone) === offset ? offset / MS_PER_MINUTE : null;
}

/** Find the zone's offset from UTC at an instant, in milliseconds (+8 h for Asia/Shanghai). */
function offsetMs(epochMs: number, timeZone: string): number {
  const slot = Math.floor(epochMs / SLOT_MS);
  const key = `${timeZone}|${slot}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;

  const parts = formatterFor(timeZone).formatToParts(new Date(slot * SLOT_MS));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wallClockAsUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'));
  const offset = wallClockAsUtc - slot * SLOT_MS;

  if (offsets.size >= MAX_CACHED_SLOTS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
