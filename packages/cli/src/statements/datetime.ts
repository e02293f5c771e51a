// Dates and times of statement rows. Wall-clock times are converted with the statement's time
// zone through Intl, so the result never depends on the process TZ.
// NOTE: files/ parseLocalDateTime reads the common formats, but statements also need a list of
// allowed formats per layout and month/day dates without a year, so they keep these patterns.

import type { Cell } from '../files/types.js';
import { cellText } from './text.js';

/** A calendar date and optional wall-clock time read from a cell, before any zone is applied. */
export interface WallClock {
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
  readonly time: { readonly hour: number; readonly minute: number; readonly second: number } | null;
  /** Offset in minutes when the text carries one (`Z`, `+08:00`). */
  readonly offsetMinutes: number | null;
}

/**
 * A date format with the tokens `YYYY`, `MM`, `M`, `DD`, `D`, `HH`, `H`, `mm`, `ss` and `Z` (an
 * offset or `Z`). A space matches any run of spaces, and other characters match themselves.
 */
export type DateFormat = string;

const TOKENS: Record<string, string> = {
  YYYY: '(?<year>\\d{4})',
  MM: '(?<month>\\d{2})',
  M: '(?<month>\\d{1,2})',
  DD: '(?<day>\\d{2})',
  D: '(?<day>\\d{1,2})',
  HH: '(?<hour>\\d{2})',
  H: '(?<hour>\\d{1,2})',
  mm: '(?<minute>\\d{2})',
  ss: '(?<second>\\d{2})',
  Z: '(?<offset>Z|[+-]\\d{2}:?\\d{2})',
};

const compiled = new Map<string, RegExp>();
const SECONDS_PER_DAY = 86_400;

function compile(format: DateFormat): RegExp {
  const cached = compiled.get(format);
  if (cached !== undefined) return cached;
  let source = '';
  let rest = format;
  while (rest.length > 0) {
    const token = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss', 'M', 'D', 'H', 'Z'].find((t) => rest.startsWith(t));
    if (token !== undefined) {
      source += TOKENS[token];
      rest = rest.slice(token.length);
    } else {
      const char = rest[0] ?? '';
      source += char === ' ' ? '\\s+' : char.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
      rest = rest.slice(1);
    }
  }
  const regex = new RegExp(`^${source}$`, 'u');
  compiled.set(format, regex);
  return regex;
}

/** Reads a cell with the first matching format; returns null when none matches or the date is impossible. */
export function readWallClock(cell: Cell | undefined, formats: readonly DateFormat[]): WallClock | null {
  if (cell !== null && typeof cell === 'object' && cell.kind === 'excel-date') {
    // A workbook time has no date: its text would read 1899-12-31.
    if (cell.timeOnly) return null;
    return readWallClock(cell.text, ['YYYY-MM-DD', 'YYYY-MM-DDTHH:mm:ss', 'YYYY-MM-DDTHH:mm']);
  }
  const text = cellText(cell);
  for (const format of formats) {
    const groups = compile(format).exec(text)?.groups;
    if (groups === undefined) continue;
    const clock = toWallClock(groups);
    if (clock !== null) return clock;
  }
  return null;
}

/**
 * Reads a time-only cell (`12:30:11`, `123456`, or a workbook time); returns null when it is not
 * one. A workbook date and time gives its time, and a workbook date without a time gives null.
 */
export function readTimeOfDay(cell: Cell | undefined, formats: readonly DateFormat[]): WallClock['time'] {
  if (cell !== null && typeof cell === 'object' && cell.kind === 'excel-date') {
    if (!cell.timeOnly) return readWallClock(cell, [])?.time ?? null;
    const secondOfDay = Math.round((cell.serial % 1) * SECONDS_PER_DAY) % SECONDS_PER_DAY;
    return { hour: Math.floor(secondOfDay / 3600), minute: Math.floor((secondOfDay % 3600) / 60), second: secondOfDay % 60 };
  }
  const text = cellText(cell);
  for (const format of formats) {
    const groups = compile(format).exec(text)?.groups;
    if (groups === undefined) continue;
    const time = toTime(groups);
    if (time !== null) return time;
  }
  return null;
}

function toWallClock(groups: Record<string, string | undefined>): WallClock | null {
  const year = groups['year'] === undefined ? null : Number(groups['year']);
  const month = Number(groups['month']);
  const day = Number(groups['day']);
  if (!isValidDate(year ?? 2000, month, day)) return null;
  const time = groups['hour'] === undefined ? null : toTime(groups);
  if (groups['hour'] !== undefined && time === null) return null;
  return { year, month, day, time, offsetMinutes: toOffset(groups['offset']) };
}

function toTime(groups: Record<string, string | undefined>): WallClock['time'] {
  const hour = Number(groups['hour']);
  const minute = Number(groups['minute'] ?? '0');
  const second = Number(groups['second'] ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

function toOffset(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (text === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/u.exec(text);
  if (match === null) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats a date as YYYY-MM-DD. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** Returns true when `zone` is an IANA zone that Intl accepts or a fixed offset such as `+08:00`. */
export function isValidTimeZone(zone: string): boolean {
  if (fixedOffsetMinutes(zone) !== null) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function fixedOffsetMinutes(zone: string): number | null {
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/u.exec(zone);
  if (match === null) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  return match[1] === '-' ? -minutes : minutes;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Zone offsets change only at whole quarter hours, so the offset found for the start of a
// 15-minute slot holds for the whole slot; caching per slot spares Intl a call for each of a
// million lines.
const SLOT_MS = 15 * 60_000;
const MAX_CACHED_SLOTS = 200_000;
// Offsets by zone, then by slot; a zone with a fixed offset maps to that offset in minutes.
const offsets = new Map<string, Map<number, number> | number>();

/** Returns the zone's offset from UTC, in minutes, at an instant. */
function offsetAt(zone: string, epochMs: number): number {
  let slots = offsets.get(zone);
  if (slots === undefined) {
    slots = fixedOffsetMinutes(zone) ?? new Map<number, number>();
    offsets.set(zone, slots);
  }
  if (typeof slots === 'number') return slots;
  const slot = Math.floor(epochMs / SLOT_MS);
  const cached = slots.get(slot);
  if (cached !== undefined) return cached;
  const offset = computeOffset(zone, slot * SLOT_MS);
  if (slots.size >= MAX_CACHED_SLOTS) slots.clear();
  slots.set(slot, offset);
  return offset;
}

function computeOffset(zone: string, epochMs: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts['year'] ?? 0,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** Converts a wall-clock time in `zone` to epoch milliseconds. */
export function zonedToEpoch(
  date: { year: number; month: number; day: number },
  time: NonNullable<WallClock['time']>,
  zone: string,
): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second);
  // Two passes settle the offset around a zone transition.
  let epoch = asUtc - offsetAt(zone, asUtc) * 60_000;
  epoch = asUtc - offsetAt(zone, epoch) * 60_000;
  return epoch;
}

/** Returns the local date (YYYY-MM-DD) of an instant in `zone`. */
export function localDateOf(epochMs: number, zone: string): string {
  const local = new Date(epochMs + offsetAt(zone, epochMs) * 60_000);
  return isoDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

/** Formats epoch milliseconds as a UTC ISO instant without milliseconds. */
export function isoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

/**
 * Picks the year of a month/day that the file prints without one (`12/29`): the latest year
 * that does not put the date after the statement period's end.
 */
export function inferYear(month: number, day: number, periodEnd: string): number {
  const endYear = Number(periodEnd.slice(0, 4));
  return isoDate(endYear, month, day) > periodEnd ? endYear - 1 : endYear;
}
