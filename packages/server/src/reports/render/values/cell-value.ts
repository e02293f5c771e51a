// Checks each cell against its column type and turns it into the one form every writer uses.

import type { CellValue, ColumnType, ReportColumn } from '../document.js';
import { parseIsoDate } from './civil-date.js';

/**
 * A checked cell: `null`, a string (`text`, `code`, `date`), or a number (numeric types, and
 * `datetime` as milliseconds since the Unix epoch).
 */
export type NormalizedCell = string | number | null;

/** Raised when a cell value does not match its column type; `location` names the cell. */
export class ReportValueError extends Error {
  override readonly name = 'ReportValueError';

  constructor(
    readonly location: string,
    readonly columnType: ColumnType,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`Invalid ${columnType} value ${describe(value)} at ${location}: ${reason}`);
  }
}

// An instant must carry its offset: a bare local time would be read in the process time zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Check one cell; `location` (such as `section daily_sales, row 3, column amount`) goes into errors. */
export function normalizeCell(column: ReportColumn, value: CellValue | undefined, location: string): NormalizedCell {
  const fail = (reason: string): never => {
    throw new ReportValueError(location, column.type, value, reason);
  };

  if (value === undefined) return fail('the value is missing; use null for an empty cell');
  if (value === null) return null;

  switch (column.type) {
    case 'text':
    case 'code':
      return typeof value === 'string' ? value : fail('expected a string');
    case 'integer':
      return Number.isSafeInteger(value) ? (value as number) : fail('expected a safe integer');
    case 'money_fen':
      return Number.isSafeInteger(value) ? (value as number) : fail('expected a safe integer number of fen');
    case 'decimal':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('expected a finite number');
    case 'date':
      return typeof value === 'string' && parseIsoDate(value) ? value : fail('expected a real date as YYYY-MM-DD');
    case 'datetime':
      return instantMilliseconds(value) ?? fail('expected a Date or an ISO 8601 instant with Z or an offset');
  }
}

/** Return milliseconds since the Unix epoch, or undefined when `value` is no valid instant. */
export function instantMilliseconds(value: unknown): number | undefined {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : time;
  }
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  if (!parseIsoDate(value.slice(0, 10))) return undefined;

  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function describe(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return String(value);
}
