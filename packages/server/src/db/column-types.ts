import type { ColumnDataType } from 'kysely';
import type { DialectName } from './connect.js';

/**
 * Column types that differ between the dialects. SQLite keeps instants as ISO-8601 text in UTC
 * (`2024-01-31T15:30:00.000Z`), which sorts in time order; PostgreSQL uses timestamptz.
 */
export interface ColumnTypes {
  /** An auto-incrementing 64-bit primary key. */
  serial: ColumnDataType;
  instant: ColumnDataType;
  /** Integer fen, 64 bits on both dialects. */
  money: ColumnDataType;
  boolean: ColumnDataType;
  /** JSON kept as text on both dialects, so both return the same string. */
  json: ColumnDataType;
  /** A date without a time zone, `YYYY-MM-DD`. */
  date: ColumnDataType;
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  if (dialect === 'postgres') {
    return { serial: 'bigserial', instant: 'timestamptz', money: 'bigint', boolean: 'boolean', json: 'text', date: 'date' };
  }
  return { serial: 'integer', instant: 'text', money: 'integer', boolean: 'integer', json: 'text', date: 'text' };
}
