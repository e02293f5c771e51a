// Excel date serials and wall-clock text. A serial counts days, with the time as the fraction,
// and carries no time zone, so every conversion here works on UTC fields of Date and never on
// the process's local time.

import type { ExcelDate } from './types.js';

/** Serial of 9999-12-31, the last date Excel can show. */
export const MAX_EXCEL_SERIAL = 2958465;
/** Days between the 1904 date system's day 0 (1904-01-01) and the 1900 system's. */
export const DATE1904_OFFSET = 1462;

const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
// Serial 25569 is 1970-01-01. Serials from 61 on count from 1899-12-30 because Excel keeps
// Lotus 1-2-3's fictitious 1900-02-29 as serial 60.
const UNIX_EPOCH_SERIAL = 25569;
const FIRST_SERIAL_AFTER_FAKE_LEAP_DAY = 61;
const FAKE_LEAP_DAY_SERIAL = 60;

/**
 * Returns the wall-clock text of a 1900-system serial: `2024-01-05` when the time is midnight,
 * `2024-01-05T12:00:00` otherwise, rounded to the second. Serial 60 gives Excel's
 * `1900-02-29`, which does not exist, so the date normaliser rejects it. Returns undefined
 * for serials outside 0–2958465.
 */
export function excelSerialToText(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= MAX_EXCEL_SERIAL + 1) return undefined;
  const totalSeconds = Math.round(serial * SECONDS_PER_DAY);
  const days = Math.floor(totalSeconds / SECONDS_PER_DAY);
  const secondOfDay = totalSeconds - days * SECONDS_PER_DAY;

  let date: string;
  if (days >= FIRST_SERIAL_AFTER_FAKE_LEAP_DAY) {
    date = new Date((days - UNIX_EPOCH_SERIAL) * MS_PER_DAY).toISOString().slice(0, 10);
  } else if (days === FAKE_LEAP_DAY_SERIAL) {
    date = '1900-02-29';
  } else {
    // Serials 0–59 count from 1899-12-31, one day later than the Lotus epoch used above.
    date = new Date((days + 1 - UNIX_EPOCH_SERIAL) * MS_PER_DAY).toISOString().slice(0, 10);
  }
  if (secondOfDay === 0) return date;

  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  const seconds = secondOfDay % 60;
  return `${date}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}`;
}

/**
 * Builds an ExcelDate from a serial of the workbook's date system, or undefined when out of
 * range. A value below 1 is a time without a date, and a time-only format (`timeOnly`) shows
 * no date at all, so in a 1904 workbook neither is moved by the 1904 offset. Both are marked
 * `timeOnly`, because a date cell below 1 (1899-12-31 or 1900-01-00) is a time that a date
 * format shows. The value of a time-only cell is its length in days, which is 1 or more for a
 * duration of 24 hours or more (`[h]:mm` 26:30 is 1.1041667).
 */
export function excelDateFromSerial(serial: number, date1904: boolean, timeOnly = false): ExcelDate | undefined {
  const withoutDate = timeOnly || serial < 1;
  const serial1900 = date1904 && !withoutDate ? serial + DATE1904_OFFSET : serial;
  const text = excelSerialToText(serial1900);
  if (text === undefined) return undefined;
  return withoutDate ? { kind: 'excel-date', serial: serial1900, text, timeOnly: true } : { kind: 'excel-date', serial: serial1900, text };
}

/**
 * Returns the time of a time-only or duration value as `[h]:mm` shows it: `08:30`, `26:30`, or
 * `01:30:30` when there are seconds. Hours go past 23 and are not wrapped.
 */
export function elapsedTimeText(days: number): string {
  const totalSeconds = Math.round(days * SECONDS_PER_DAY);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const text = `${pad2(hours)}:${pad2(minutes)}`;
  return seconds === 0 ? text : `${text}:${pad2(seconds)}`;
}

/**
 * Builds an ExcelDate from a Date that exceljs made from a serial. exceljs puts the wall-clock
 * value in the UTC fields (and has already applied the 1904 offset), so the serial is
 * recovered from the UTC time without any zone, and the offset taken off again.
 */
export function excelDateFromJsDate(date: Date, date1904 = false, timeOnly = false): ExcelDate | undefined {
  const time = date.getTime();
  if (Number.isNaN(time)) return undefined;
  const serial = time / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  return excelDateFromSerial(date1904 ? serial - DATE1904_OFFSET : serial, date1904, timeOnly);
}

// Built-in format ids that show a date or a time. The East Asian ids 27–36 and 50–58 have no
// code in a package, and their codes depend on the language of the Excel that reads the file
// (ECMA-376 Part 1, 18.8.30; the codes as exceljs 4.4 lists them in defaultnumformats.js).
// 32 and 33 are clock times in all four languages (h"时"mm"分" in zh-CN, h"시" mm"분" in ko-KR).
// 34, 35, 55 and 56 are clock times with 上午/下午 in zh-CN and zh-TW, but dates in ja-JP and
// ko-KR (yyyy"年"m"月", m"月"d"日", yyyy-mm-dd). 52 and 53 are times in zh-TW only, and the
// others are dates in all four.
const BUILT_IN_DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

// Built-in format ids that show a time or a duration and no date: h:mm AM/PM, h:mm:ss AM/PM, h:mm,
// h:mm:ss, mm:ss, [h]:mm:ss and mmss.0, as in the built-in table of @e965/xlsx (SheetJS) 0.20.
// The East Asian clock times are left out, because a clock format may show the time of a date
// and time, and a value below 1 is read as a time anyway (see excelDateFromSerial).
const BUILT_IN_TIME_FORMAT_IDS = new Set([18, 19, 20, 21, 45, 46, 47]);

/** Checks whether a built-in number format id shows a date or time. */
export function isBuiltInDateFormatId(id: number): boolean {
  return BUILT_IN_DATE_FORMAT_IDS.has(id);
}

/** Checks whether a built-in number format id shows a time or a duration without a date. */
export function isBuiltInTimeFormatId(id: number): boolean {
  return BUILT_IN_TIME_FORMAT_IDS.has(id);
}

/**
 * Checks whether a number format code shows a date or time (`yyyy-mm-dd hh:mm`,
 * `yyyy"年"m"月"d"日"`, `[$-F800]dddd, mmmm dd, yyyy`). Quoted text, escaped characters,
 * colours and locale tags are ignored, so `0.00"元"` and `[Red]0.00` are not dates.
 */
export function isDateFormatCode(code: string | undefined): boolean {
  const tokens = dateTokens(code);
  return tokens !== undefined && /[ymdhseg]/i.test(tokens);
}

/**
 * Checks whether a number format code shows a time or a duration and no date: `h:mm`,
 * `[h]:mm`, `hh:mm:ss AM/PM`, `h"时"mm"分"`. A `m` among hours or seconds is minutes.
 */
export function isTimeFormatCode(code: string | undefined): boolean {
  const tokens = dateTokens(code);
  return tokens !== undefined && /[hs]/i.test(tokens) && !/[ydegb]/i.test(tokens);
}

/**
 * Returns the date and time letters of a format code's first section, without quoted text,
 * escaped characters, colours, locale tags and exponents; undefined for General. Only the first
 * section decides: `#,##0;[Red]-#,##0` is a number format.
 */
function dateTokens(code: string | undefined): string | undefined {
  if (code === undefined || code === '' || /^general$/i.test(code)) return undefined;
  const firstSection = code.split(';')[0] ?? '';
  return firstSection
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '')
    .replace(/e[+-]/gi, '')
    .replace(/AM\/PM|A\/P/gi, '');
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
