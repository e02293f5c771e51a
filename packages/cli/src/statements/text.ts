// Cell text as the parsers see it: statements pad cells with spaces and TABs (to stop Excel
// turning long ids into numbers) and WeChat Pay prefixes every value with a backtick.

import { elapsedTimeText } from '../files/excel-date.js';
import type { Cell } from '../files/types.js';

// Whitespace that pads cells: ASCII blanks, TAB, NBSP, ideographic space (U+3000), BOM.
const PADDING = /^[\s\u00a0\u3000\ufeff`]+|[\s\u00a0\u3000\ufeff]+$/gu;

/** Returns a cell as trimmed text; numbers keep their shortest round-trip form, and a workbook time reads `08:30`. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return trimPadding(cell);
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell.kind === 'excel-date') return cell.timeOnly ? elapsedTimeText(cell.serial) : cell.text;
  return '';
}

/**
 * Removes PADDING from both ends (and backticks from the start). Cells of a million-row bill
 * pass here several times each, so the usual cases are handled without the regular expression.
 */
function trimPadding(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPlainPadding(text.charCodeAt(start), true)) start += 1;
  while (end > start && isPlainPadding(text.charCodeAt(end - 1), false)) end -= 1;
  const trimmed = start === 0 && end === text.length ? text : text.slice(start, end);
  // A character beyond ASCII at either end may still be padding, which the expression removes.
  if (trimmed === '' || (trimmed.charCodeAt(0) < 0x80 && trimmed.charCodeAt(trimmed.length - 1) < 0x80)) return trimmed;
  return trimmed.replace(PADDING, '');
}

/** Returns true for the ASCII characters that PADDING removes: blanks, controls \t to \r, and a leading backtick. */
function isPlainPadding(code: number, leading: boolean): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (leading && code === 0x60);
}

/** Placeholders that bills print for "no value". */
const PLACEHOLDER = /^(?:[-/]+|—+|无)$/u;

/** Returns a cell's text, or undefined when it is empty or a placeholder such as `/` or `-`. */
export function optionalText(cell: Cell | undefined): string | undefined {
  const text = cellText(cell);
  if (text === '') return undefined;
  // Every placeholder starts with one of - / — 无; other texts skip the expression.
  const first = text.charCodeAt(0);
  if (first !== 0x2d && first !== 0x2f && first !== 0x2014 && first !== 0x65e0) return text;
  return PLACEHOLDER.test(text) ? undefined : text;
}

/**
 * Normalises a header or key for comparison: drops all whitespace (full-width too), backticks
 * and a trailing colon, folds full-width brackets, slash and colon to ASCII, and lowercases.
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u00a0\u3000\ufeff`]/gu, '')
    .replace(/（/gu, '(')
    .replace(/）/gu, ')')
    .replace(/／/gu, '/')
    .replace(/：/gu, ':')
    .replace(/:$/u, '')
    .toLowerCase();
}

/** Returns true when every cell of a row is empty after trimming. */
export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every((cell) => cellText(cell) === '');
}

/** Joins a row's cells for display and for messages. */
export function rowText(cells: readonly Cell[]): string {
  let last = cells.length;
  while (last > 0 && cellText(cells[last - 1]) === '') last -= 1;
  return cells
    .slice(0, last)
    .map((cell) => cellText(cell))
    .join(',');
}
