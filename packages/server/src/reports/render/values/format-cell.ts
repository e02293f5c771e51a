// The text of a checked cell, shared by the CSV and HTML writers and by XLSX column fitting.

import type { ReportColumn } from '../document.js';
import type { NormalizedCell } from './cell-value.js';
import { formatFenAsYuan, groupThousands } from './money.js';
import { formatWallClock, wallClockAt } from './wall-clock.js';

export interface CellTextOptions {
  /** Thousands separators in integers, money and decimals: on for people, off for CSV. */
  readonly grouping: boolean;
  /** Seconds in datetime text. */
  readonly seconds: boolean;
  /** The time zone for datetime cells whose column names none. */
  readonly timeZone: string;
}

export const DEFAULT_DECIMAL_DIGITS = 2;
export const DEFAULT_PERCENT_DIGITS = 1;

/** Return the text of a cell; an empty cell gives `''`. */
export function formatCellText(column: ReportColumn, cell: NormalizedCell, options: CellTextOptions): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;

  switch (column.type) {
    case 'money_fen':
      return formatFenAsYuan(cell, options.grouping);
    case 'integer':
      return formatFixed(cell, 0, options.grouping);
    case 'decimal':
      return formatFixed(cell, column.fractionDigits ?? DEFAULT_DECIMAL_DIGITS, options.grouping);
    case 'percent':
      return `${formatFixed(cell * 100, column.fractionDigits ?? DEFAULT_PERCENT_DIGITS, false)}%`;
    case 'datetime':
      return formatWallClock(wallClockAt(cell, column.timeZone ?? options.timeZone), options.seconds);
    default:
      // Unreachable for checked cells: the other types hold strings.
      return String(cell);
  }
}

/**
 * Format with a fixed number of decimals. `toFixed` rounds the exact binary value, so 1.005 gives
 * `1.00`; a value that rounds to zero loses its minus sign.
 */
export function formatFixed(value: number, fractionDigits: number, grouping: boolean): string {
  const text = value.toFixed(fractionDigits);
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  const isZero = /^[0.]+$/.test(unsigned);
  const sign = text.startsWith('-') && !isZero ? '-' : '';
  if (!grouping) return sign + unsigned;

  const [whole = '', fraction] = unsigned.split('.');
  return sign + groupThousands(whole) + (fraction === undefined ? '' : `.${fraction}`);
}
