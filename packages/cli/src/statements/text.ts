// Cell text as the parsers see it: statements pad cells with spaces and TABs (to stop Excel
// turning long ids into numbers) and WeChat Pay prefixes every value with a backtick.

import type { Cell } from '../files/types.js';

// Whitespace that pads cells: ASCII blanks, TAB, NBSP, ideographic space (U+3000), BOM.
const PADDING = /^[\s\u00a0\u3000\ufeff`]+|[\s\u00a0\u3000\ufeff]+$/gu;

/** Returns a cell as trimmed text; numbers keep their shortest round-trip form. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.replace(PADDING, '');
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell.kind === 'excel-date') return cell.text;
  return '';
}

/** Placeholders that bills print for "no value". */
const PLACEHOLDER = /^(?:[-/]+|—+|无)$/u;

/** Returns a cell's text, or undefined when it is empty or a placeholder such as `/` or `-`. */
export function optionalText(cell: Cell | undefined): string | undefined {
  const text = cellText(cell);
  return text === '' || PLACEHOLDER.test(text) ? undefined : text;
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
