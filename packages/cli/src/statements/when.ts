// Turns the date and time cells of a row into the line's instant and business date.

import type { Cell } from '../files/types.js';
import {
  inferYear,
  isoDate,
  isoInstant,
  localDateOf,
  readTimeOfDay,
  readWallClock,
  zonedToEpoch,
  type DateFormat,
} from './datetime.js';
import { cellText } from './text.js';

export interface When {
  readonly occurredAt: string | null;
  readonly businessDate: string;
}

export type WhenResult =
  | ({ readonly ok: true } & When)
  | { readonly ok: false; readonly code: 'date-invalid' | 'time-invalid' | 'date-without-year'; readonly text: string };

export interface WhenContext {
  readonly timeZone: string;
  /** Inclusive end of the statement period, for dates printed without a year. */
  readonly periodEnd: string | undefined;
}

/** Date-time formats of the payment bills. */
export const DATE_TIME_FORMATS: readonly DateFormat[] = [
  'YYYY-MM-DD HH:mm:ss',
  'YYYY/MM/DD HH:mm:ss',
  'YYYY-M-D H:mm:ss',
  'YYYY/M/D H:mm:ss',
  'YYYY-MM-DD HH:mm',
  'YYYY/M/D H:mm',
  'YYYY-MM-DDTHH:mm:ssZ',
  'YYYY-MM-DD HH:mm:ssZ',
];

export const TIME_FORMATS: readonly DateFormat[] = ['HH:mm:ss', 'H:mm:ss', 'HH:mm', 'HHmmss'];

/**
 * Reads the row's date (and time, from the same cell or from `timeCell`). A text with an offset
 * (`…Z`, `…+08:00`) is an instant; any other time is wall-clock time in the context's zone.
 */
export function resolveWhen(
  dateCell: Cell | undefined,
  timeCell: Cell | undefined,
  formats: readonly DateFormat[],
  timeFormats: readonly DateFormat[],
  context: WhenContext,
): WhenResult {
  const clock = readWallClock(dateCell, formats);
  if (clock === null) return { ok: false, code: 'date-invalid', text: cellText(dateCell) };

  let year = clock.year;
  if (year === null) {
    if (context.periodEnd === undefined) return { ok: false, code: 'date-without-year', text: cellText(dateCell) };
    year = inferYear(clock.month, clock.day, context.periodEnd);
  }
  const date = { year, month: clock.month, day: clock.day };

  let time = clock.time;
  if (time === null && timeCell !== undefined && cellText(timeCell) !== '') {
    time = readTimeOfDay(timeCell, timeFormats);
    if (time === null) return { ok: false, code: 'time-invalid', text: cellText(timeCell) };
  }
  if (time === null) {
    return { ok: true, occurredAt: null, businessDate: isoDate(date.year, date.month, date.day) };
  }

  if (clock.offsetMinutes !== null) {
    const epoch =
      Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second) -
      clock.offsetMinutes * 60_000;
    return { ok: true, occurredAt: isoInstant(epoch), businessDate: localDateOf(epoch, context.timeZone) };
  }
  const epoch = zonedToEpoch(date, time, context.timeZone);
  return { ok: true, occurredAt: isoInstant(epoch), businessDate: isoDate(date.year, date.month, date.day) };
}
