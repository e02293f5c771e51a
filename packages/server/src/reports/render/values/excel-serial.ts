// Excel serial numbers (1900 date system): whole days since 1899-12-30 plus the fraction of the
// day, computed from calendar fields so that no Date object and no process time zone is involved.

import { type CivilDate, daysFromCivil } from './civil-date.js';
import type { WallClock } from './wall-clock.js';

const EXCEL_EPOCH_DAYS = daysFromCivil(1899, 12, 30);
const MILLISECONDS_PER_DAY = 86_400_000;

/**
 * The first date whose serial is right in Excel. Excel counts a 29 February 1900 that never was,
 * so serials of earlier dates are one day off from what it shows.
 */
export const FIRST_EXACT_EXCEL_DATE: CivilDate = { year: 1900, month: 3, day: 1 };

/** Return the serial of a calendar date: an integer (2024-01-31 is 45322). */
export function excelSerialOfDate(date: CivilDate): number {
  return daysFromCivil(date.year, date.month, date.day) - EXCEL_EPOCH_DAYS;
}

/**
 * Return the serial of a wall-clock time (2024-01-31 23:30 is 45322 + 23.5/24). The day fraction
 * is one division of integers, so it is the double nearest the exact fraction.
 */
export function excelSerialOfWallClock(clock: WallClock): number {
  const millisecondOfDay =
    ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000 + clock.millisecond;
  return excelSerialOfDate(clock) + millisecondOfDay / MILLISECONDS_PER_DAY;
}

export function isBeforeFirstExactExcelDate(date: CivilDate): boolean {
  return excelSerialOfDate(date) < excelSerialOfDate(FIRST_EXACT_EXCEL_DATE);
}
