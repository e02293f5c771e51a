import { SlaError, type SlaIssue } from './sla-error.js';

/** A point in time: an ISO 8601 string with `Z` or an offset, or epoch milliseconds. */
export type Instant = string | number;

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

// 1970-01-01 to 9999-12-31 keeps every instant a safe integer and a four-digit year.
const MAX_EPOCH_MS = 253_402_300_800_000;

// A string without an offset would be read in the process time zone, so the offset is required.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Read an instant as epoch milliseconds, or record an `sla_instant_invalid` issue for `field`
 * and return null. Fractions below a millisecond are truncated.
 */
export function readInstant(value: unknown, field: string, issues: SlaIssue[]): number | null {
  const ms = parseInstant(value);
  if (ms === null) issues.push({ field, code: 'sla_instant_invalid', params: { field, value: String(value) } });
  return ms;
}

/** Read an instant as epoch milliseconds; raise SlaError `sla_instant_invalid` naming `field`. */
export function toEpochMs(value: Instant, field: string): number {
  const ms = parseInstant(value);
  if (ms === null) throw new SlaError('sla_instant_invalid', { field, value: String(value) });
  return ms;
}

/** Format epoch milliseconds as a UTC ISO 8601 string. */
export function toIsoString(ms: number): string {
  return new Date(ms).toISOString();
}

function parseInstant(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 && value < MAX_EPOCH_MS ? value : null;
  }
  if (typeof value !== 'string') return null;

  const match = ISO_INSTANT.exec(value);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zulu, sign, offsetHour, offsetMinute] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;

  let offsetMinutes = 0;
  if (zulu === undefined) {
    const oh = Number(offsetHour);
    const om = Number(offsetMinute);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, millisecond) - offsetMinutes * MINUTE_MS;
  return ms >= 0 && ms < MAX_EPOCH_MS ? ms : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
