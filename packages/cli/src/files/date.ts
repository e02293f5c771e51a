// Calendar dates from the forms Chinese exports use, to `YYYY-MM-DD`. Day-first and
// month-first dates are read only when the order is declared or the value itself decides it.

import { excelSerialToText } from './excel-date.js';
import { accept, reject, type Normalised } from './issues.js';
import { describeCell, isBlankCell, rejectFormulaWithoutResult, toHalfWidth, trimText } from './text.js';
import type { Cell } from './types.js';

/** The order of day, month and year in dates such as `05/01/2024` or `01/05/24`. */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export interface DateOptions {
  /** Declared order for dates whose year is not first; without it only unambiguous ones pass. */
  readonly order?: DateOrder;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** A date with an optional time and UTC offset, as written in one cell. */
export interface DateTimeText {
  readonly date: CivilDate;
  readonly time?: TimeOfDay;
  /** Offset from UTC in minutes when the text carries `Z` or `+08:00`. */
  readonly offsetMinutes?: number;
}

const TIME_SUFFIX =
  /^(.*?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const THREE_PARTS = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})$/;

/** Parses a date cell to `YYYY-MM-DD`. A time after the date is checked, then dropped. */
export function parseDate(cell: Cell, options: DateOptions = {}): Normalised<string> {
  const value = describeCell(cell);
  if (cell === null || isBlankCell(cell)) return reject('value_missing', { value });
  if (typeof cell === 'number') return dateFromSerial(cell, value);
  if (typeof cell === 'boolean') return reject('date_invalid', { value });
  if (typeof cell === 'string') {
    const parsed = parseDateTimeText(cell, options);
    return parsed.ok ? accept(formatCivilDate(parsed.value.date)) : parsed;
  }
  if (cell.kind === 'formula-without-result') {
    return rejectFormulaWithoutResult(cell);
  }
  if (cell.serial < 1 || cell.timeOnly) return reject('date_time_only', { value });
  return checkedIsoDate(cell.text.slice(0, 10), value);
}

/** Formats a civil date as `YYYY-MM-DD`. */
export function formatCivilDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/**
 * Parses the text of a date with an optional time (`2016/8/3 14:01:13`, `2024年1月5日
 * 12时30分`, `2024-01-31T15:30:00Z`). Shared by the date and date-time normalisers.
 */
export function parseDateTimeText(text: string, options: DateOptions = {}): Normalised<DateTimeText> {
  const value = text;
  const cleaned = toHalfWidth(trimText(text))
    .replace(/\s+/g, ' ')
    .replace(/\s*([年月])\s*/g, '$1')
    .replace(/(\d)\s*[日号]\s*/, '$1日 ')
    .replace(/(\d{1,2})\s*[时点]\s*(\d{1,2})\s*分(?:\s*(\d{1,2})\s*秒)?/, (_m, h: string, m: string, s?: string) =>
      s === undefined ? `${h}:${m}` : `${h}:${m}:${s}`,
    )
    .trim();

  const match = TIME_SUFFIX.exec(cleaned);
  if (match === null) return reject('date_invalid', { value });
  const [, datePart = '', hourText, minuteText, secondText, fractionText, offsetText] = match;

  const date = parseDatePart(datePart.trim(), value, options.order);
  if (!date.ok) return date;
  if (hourText === undefined) return accept({ date: date.value });

  const time: TimeOfDay = {
    hour: Number(hourText),
    minute: Number(minuteText),
    second: secondText === undefined ? 0 : Number(secondText),
    millisecond: fractionText === undefined ? 0 : Number(fractionText.slice(0, 3).padEnd(3, '0')),
  };
  if (time.hour > 23 || time.minute > 59 || time.second > 59 || time.millisecond > 999) {
    return reject('time_invalid', { value });
  }
  if (offsetText === undefined) return accept({ date: date.value, time });
  return accept({ date: date.value, time, offsetMinutes: parseOffset(offsetText) });
}

function parseDatePart(text: string, value: string, order: DateOrder | undefined): Normalised<CivilDate> {
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst !== null) return checkedDate(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]), value);
  const compact = COMPACT.exec(text);
  if (compact !== null) return checkedDate(Number(compact[1]), Number(compact[2]), Number(compact[3]), value);
  const chinese = CHINESE.exec(text);
  if (chinese !== null) return checkedDate(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]), value);

  const parts = THREE_PARTS.exec(text);
  if (parts === null) return reject('date_invalid', { value });
  const [, first = '', , second = '', third = ''] = parts;
  if (first.length === 4) return reject('date_invalid', { value });
  return orderedDate(first, second, third, value, order);
}

/** Reads `a/b/c` where the year is last (DMY, MDY) or a two-digit year is first (YMD). */
function orderedDate(
  first: string,
  second: string,
  third: string,
  value: string,
  order: DateOrder | undefined,
): Normalised<CivilDate> {
  if (order === 'YMD') {
    if (first.length !== 2 || third.length > 2) return reject('date_order_mismatch', { value, order });
    return checkedDate(expandTwoDigitYear(first), Number(second), Number(third), value);
  }
  if (third.length !== 2 && third.length !== 4) return reject('date_invalid', { value });
  if (third.length === 2 && order === undefined) return reject('date_two_digit_year', { value });
  const year = third.length === 2 ? expandTwoDigitYear(third) : Number(third);
  const a = Number(first);
  const b = Number(second);

  if (order === 'DMY') return checkedDate(year, b, a, value);
  if (order === 'MDY') return checkedDate(year, a, b, value);

  // No declared order: accept only what a single reading allows.
  if (a > 12 && b > 12) return reject('date_invalid', { value });
  if (a > 12) return checkedDate(year, b, a, value);
  if (b > 12 || a === b) return checkedDate(year, a, b, value);
  const dayFirst = checkedDate(year, b, a, value);
  const monthFirst = checkedDate(year, a, b, value);
  if (dayFirst.ok && monthFirst.ok) {
    return reject('date_ambiguous', {
      value,
      dayFirst: formatCivilDate(dayFirst.value),
      monthFirst: formatCivilDate(monthFirst.value),
    });
  }
  return dayFirst.ok ? dayFirst : monthFirst;
}

// POSIX strptime's rule for %y: 00–68 are 2000–2068 and 69–99 are 1969–1999.
function expandTwoDigitYear(text: string): number {
  const year = Number(text);
  return year <= 68 ? 2000 + year : 1900 + year;
}

function dateFromSerial(serial: number, value: string): Normalised<string> {
  if (serial < 1) return reject('date_time_only', { value });
  const text = excelSerialToText(serial);
  if (text === undefined) return reject('date_serial_out_of_range', { value });
  return checkedIsoDate(text.slice(0, 10), value);
}

function checkedIsoDate(iso: string, value: string): Normalised<string> {
  const checked = checkedDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)), value);
  return checked.ok ? accept(formatCivilDate(checked.value)) : checked;
}

function checkedDate(year: number, month: number, day: number, value: string): Normalised<CivilDate> {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return reject('date_nonexistent', { value });
  }
  return accept({ year, month, day });
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseOffset(text: string): number {
  if (/^z$/i.test(text)) return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
