// Local wall-clock date-times, read in a named IANA time zone and returned as UTC instants.
// Offsets come from Intl.DateTimeFormat, so the result never depends on the process's TZ.

import { parseDateTimeText, type CivilDate, type DateOrder, type TimeOfDay } from './date.js';
import { excelSerialToText } from './excel-date.js';
import { accept, reject, type Normalised } from './issues.js';
import { describeCell, isBlankCell, rejectFormulaWithoutResult } from './text.js';
import type { Cell } from './types.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface DateTimeOptions {
  /** IANA zone of wall-clock values without an offset; Asia/Shanghai unless given. */
  readonly timeZone?: string;
  /** Declared order for dates whose year is not first (see `parseDate`). */
  readonly order?: DateOrder;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const MS_PER_HOUR = 3_600_000;
/** Offsets of whole UTC hours during which a zone's offset does not change, by zone and hour. */
const hourOffsets = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 100_000;

/**
 * Parses a local date-time cell (`2016/8/3 14:01:13`, `2024-01-05 12:30:11`, a workbook date
 * cell) to a UTC instant such as `2024-01-05T04:30:11.000Z`. Text with `Z` or an offset keeps
 * it. Text without a time is rejected, because midnight is rarely what such a column meant.
 * A workbook date cell without a time is midnight, since Excel stores one number for both.
 */
export function parseLocalDateTime(cell: Cell, options: DateTimeOptions = {}): Normalised<string> {
  const value = describeCell(cell);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) return reject('time_zone_unknown', { value, timeZone });
  if (cell === null || isBlankCell(cell)) return reject('value_missing', { value });

  if (typeof cell === 'boolean') return reject('date_time_invalid', { value });
  if (typeof cell === 'object' && cell.kind === 'formula-without-result') {
    return rejectFormulaWithoutResult(cell);
  }

  // Workbook values: a serial number or an ExcelDate, both wall-clock without a zone.
  let text: string;
  if (typeof cell === 'number' || typeof cell === 'object') {
    const serial = typeof cell === 'number' ? cell : cell.serial;
    if (serial < 1 || (typeof cell === 'object' && cell.timeOnly)) return reject('date_time_only', { value });
    const wallClock = excelSerialToText(serial);
    if (wallClock === undefined) return reject('date_serial_out_of_range', { value });
    text = wallClock.length === 10 ? `${wallClock}T00:00:00` : wallClock;
  } else {
    text = cell;
  }

  const parsed = parseDateTimeText(text, { order: options.order });
  if (!parsed.ok) return parsed;
  const { date, time, offsetMinutes } = parsed.value;
  if (time === undefined) return reject('date_time_missing_time', { value });

  const wallClockMs = wallClockAsUtcMs(date, time);
  if (offsetMinutes !== undefined) return accept(new Date(wallClockMs - offsetMinutes * MS_PER_MINUTE).toISOString());
  const instant = zonedWallClockToEpochMs(date, time, timeZone);
  if (instant === undefined) return reject('date_time_nonexistent', { value, timeZone });
  return accept(new Date(instant).toISOString());
}

/**
 * Returns the epoch milliseconds at which clocks in `timeZone` show the given wall-clock
 * time, or undefined when a daylight-saving jump skips it. When clocks go back and the time
 * occurs twice, the earlier instant is returned, as Temporal's `compatible` choice does.
 */
export function zonedWallClockToEpochMs(date: CivilDate, time: TimeOfDay, timeZone: string): number | undefined {
  const wallClockMs = wallClockAsUtcMs(date, time);

  // Every offset in force within a day of the wall-clock time is a candidate, and a candidate
  // is right when the zone's offset at the resulting instant is that same offset.
  const offsets = new Set([
    offsetMs(wallClockMs - MS_PER_DAY, timeZone),
    offsetMs(wallClockMs, timeZone),
    offsetMs(wallClockMs + MS_PER_DAY, timeZone),
  ]);
  const matches = [...offsets]
    .map((offset) => wallClockMs - offset)
    .filter((instant) => offsetMs(instant, timeZone) === wallClockMs - instant)
    .sort((a, b) => a - b);
  return matches[0];
}

/** Checks whether the runtime supports the IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the zone's offset from UTC at an instant, in milliseconds (Asia/Shanghai: +28,800,000).
 * Formatting costs microseconds, so the offset of each UTC hour is kept once its first and last
 * second agree. That is exact because no IANA zone changes its offset twice within one hour.
 */
function offsetMs(epochMs: number, timeZone: string): number {
  let hours = hourOffsets.get(timeZone);
  if (hours === undefined) {
    hours = new Map();
    hourOffsets.set(timeZone, hours);
  }
  const hour = Math.floor(epochMs / MS_PER_HOUR);
  const cached = hours.get(hour);
  if (cached !== undefined) return cached;

  const offset = formattedOffsetMs(epochMs, timeZone);
  const start = hour * MS_PER_HOUR;
  const end = start + MS_PER_HOUR - 1000;
  if (formattedOffsetMs(start, timeZone) === offset && formattedOffsetMs(end, timeZone) === offset) {
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

/** Reads the offset at an instant from the zone's formatted wall-clock time. */
function formattedOffsetMs(epochMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? '0');
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return asUtc - wholeSecond;
}

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

/** Returns the wall-clock fields read as if they were UTC, where the offset search starts. */
function wallClockAsUtcMs(date: CivilDate, time: TimeOfDay): number {
  const result = new Date(0);
  result.setUTCFullYear(date.year, date.month - 1, date.day);
  result.setUTCHours(time.hour, time.minute, time.second, time.millisecond);
  return result.getTime();
}
