// Cell values and number formats for XLSX. Dates and datetimes are written as the serial numbers
// computed from calendar fields, with a date number format: that is what an Excel date is.

import type { ReportColumn } from '../document.js';
import type { NormalizedCell } from '../values/cell-value.js';
import { type CivilDate, formatIsoDate, parseIsoDate } from '../values/civil-date.js';
import { excelSerialOfDate, excelSerialOfWallClock, isBeforeFirstExactExcelDate } from '../values/excel-serial.js';
import { DEFAULT_DECIMAL_DIGITS, DEFAULT_PERCENT_DIGITS } from '../values/format-cell.js';
import { fenToYuanNumber } from '../values/money.js';
import { wallClockAt } from '../values/wall-clock.js';

/** Excel keeps 15 significant digits, so yuan with 2 decimals are exact below 10^13 yuan. */
export const MAX_EXACT_FEN = 999_999_999_999_999;

/** Excel rejects a cell text longer than this many characters. */
export const MAX_CELL_TEXT_LENGTH = 32_767;

/** Raised when a cell cannot be written to XLSX without changing its value. */
export class XlsxValueError extends Error {
  override readonly name = 'XlsxValueError';
}

/** Return the number format of a column's cells. Text and codes get `@` so Excel keeps them text. */
export function xlsxNumberFormat(column: ReportColumn): string {
  switch (column.type) {
    case 'text':
    case 'code':
      return '@';
    case 'integer':
      return '#,##0';
    case 'money_fen':
      return '#,##0.00';
    case 'decimal':
      return withDecimals('#,##0', column.fractionDigits ?? DEFAULT_DECIMAL_DIGITS);
    case 'percent':
      return `${withDecimals('0', column.fractionDigits ?? DEFAULT_PERCENT_DIGITS)}%`;
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
  }
}

/**
 * Return what goes into the cell: a string (which exceljs writes as a string cell, never as a
 * formula, whatever its first character), a number, or null for an empty cell.
 */
export function xlsxCellValue(
  column: ReportColumn,
  cell: NormalizedCell,
  timeZone: string,
  location: string,
): string | number | null {
  if (cell === null) return null;

  // NOTE: exceljs writes a CR as is, and XML readers turn a bare CR into LF, so a CR in text
  // comes back as LF. exceljs also drops the control characters XML 1.0 forbids (U+0000–U+0008,
  // U+000B, U+000C, U+000E–U+001F) without a word.
  if (typeof cell === 'string' && column.type !== 'date') {
    if (cell.length > MAX_CELL_TEXT_LENGTH) {
      throw new XlsxValueError(
        `${location}: the text has ${cell.length} characters, but an Excel cell allows at most ${MAX_CELL_TEXT_LENGTH}. ` +
          'Shorten the text or export the report as CSV.',
      );
    }
    return cell;
  }

  switch (column.type) {
    case 'money_fen':
      if (Math.abs(cell as number) > MAX_EXACT_FEN) {
        throw new XlsxValueError(`${location}: ${cell} fen has more digits than Excel keeps (15)`);
      }
      return fenToYuanNumber(cell as number);
    case 'date':
      return excelSerialOfDate(exactExcelDate(parseIsoDate(cell as string) as CivilDate, location));
    case 'datetime': {
      const clock = wallClockAt(cell as number, column.timeZone ?? timeZone);
      exactExcelDate(clock, location);
      return excelSerialOfWallClock(clock);
    }
    default:
      return cell;
  }
}

function exactExcelDate(date: CivilDate, location: string): CivilDate {
  if (isBeforeFirstExactExcelDate(date)) {
    throw new XlsxValueError(
      `${location}: ${formatIsoDate(date)} is before 1900-03-01, which Excel's 1900 date system cannot show exactly`,
    );
  }
  return date;
}

function withDecimals(integerFormat: string, fractionDigits: number): string {
  return fractionDigits > 0 ? `${integerFormat}.${'0'.repeat(fractionDigits)}` : integerFormat;
}
