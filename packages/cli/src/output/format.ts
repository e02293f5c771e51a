import { t, type Language } from '../i18n/index.js';
import type { FieldSchema } from '../resources/contract-schema.js';
import { valueLabel } from '../resources/values.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Show a field value: booleans as yes/no, null as empty, objects as JSON. With `timeZone` (given
 * when a person reads a terminal) UTC instants become wall-clock time there; piped output keeps
 * them as ISO 8601 so scripts can parse them.
 */
export function formatValue(value: unknown, language: Language, timeZone?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return t(language, value ? 'value.true' : 'value.false');
  if (typeof value === 'object') return JSON.stringify(value);
  if (timeZone && typeof value === 'string' && INSTANT.test(value)) return formatInstant(value, timeZone);
  return String(value);
}

/** The time zone to show instants in on `stream`: the viewer's on a terminal, none when piped. */
export function displayZone(stream: { isTTY?: boolean }): string | undefined {
  return stream.isTTY ? viewerTimeZone() : undefined;
}

/**
 * The zone to show times in: BOH_TIMEZONE, else Asia/Shanghai, the zone of the chain's business
 * dates. Servers often run in UTC, so the system's zone would mislead.
 */
export function viewerTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  return env.BOH_TIMEZONE || 'Asia/Shanghai';
}

/** `2026-12-04T20:11:23.986Z` in Asia/Shanghai → `2026-12-05 04:11:23 +08:00`. */
export function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

/** Print JSON for programs: two-space indented, one trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Show a record's field: for people (a time zone given) enumerated values become their labels,
 * as `operating` → 运营; piped output keeps the codes scripts compare against.
 */
export function formatField(value: unknown, field: FieldSchema | undefined, language: Language, timeZone?: string): string {
  if (timeZone && field?.enum && typeof value === 'string') return valueLabel(value, language);
  return formatValue(value, language, timeZone);
}

/** The UTC instant at which `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfDay(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  // The wall clock of the guess in the zone tells the zone's offset on that day.
  const shown = formatInstant(new Date(guess).toISOString(), timeZone);
  const wallClock = Date.parse(`${shown.slice(0, 10)}T${shown.slice(11, 19)}Z`);
  return new Date(guess - (wallClock - guess)).toISOString();
}
