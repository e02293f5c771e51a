// Trimming and blank detection shared by the normalisers, and the text normaliser itself.

import { repairWindows1252Controls } from './windows-1252.js';
import { accept, reject, type Normalised } from './issues.js';
import { excelNumberToDecimalText } from './decimal.js';
import { elapsedTimeText } from './excel-date.js';
import type { Cell, FormulaWithoutResult } from './types.js';

/**
 * Markers that exports write for a missing value. They count as empty only when a caller
 * passes them as `emptyMarkers`, because `NA` can also be a real code or name.
 */
export const COMMON_EMPTY_MARKERS: readonly string[] = ['NA', 'N/A', 'null', 'NULL', 'None', '#N/A'];

export interface TextOptions {
  /** Values that mean "no value" in this column, compared case-insensitively after trimming. */
  readonly emptyMarkers?: readonly string[];
}

// JavaScript's \s already covers TAB, CR, LF, NBSP (U+00A0), the ideographic space (U+3000)
// and U+FEFF. The zero-width space (U+200B) is added because copy-paste from web pages leaves it.
const EDGE_SPACE = /^[\s\u200B]+|[\s\u200B]+$/g;
const SPACE_CHAR = /[\s\u200B]/;

/** Removes spaces of every width, TABs, line breaks and zero-width spaces at both ends. */
export function trimText(text: string): string {
  // Most cells have nothing to trim, and testing their two ends costs less than the replace.
  if (text === '' || (!SPACE_CHAR.test(text[0]!) && !SPACE_CHAR.test(text[text.length - 1]!))) return text;
  return text.replace(EDGE_SPACE, '');
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/**
 * Converts full-width ASCII forms (U+FF01–U+FF5E: `１２３`, `－`, `．`, `，`, `（`) and the
 * ideographic space to their ASCII equivalents. Used on numbers, dates and codes only, where
 * a Chinese input method has typed full-width characters; names and notes keep them.
 */
export function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) result += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) result += ' ';
    else result += char;
  }
  return result;
}

function isEmptyMarker(trimmed: string, markers: readonly string[] | undefined): boolean {
  if (markers === undefined || markers.length === 0) return false;
  const folded = trimmed.toLowerCase();
  return markers.some((marker) => marker.toLowerCase() === folded);
}

/** Checks whether a cell has no value: null, only spaces, or one of the caller's empty markers. */
export function isBlankCell(cell: Cell, options: TextOptions = {}): boolean {
  if (cell === null) return true;
  if (typeof cell !== 'string') return false;
  const trimmed = trimText(cell);
  return trimmed === '' || isEmptyMarker(trimmed, options.emptyMarkers);
}

/**
 * Normalises a cell to trimmed text, or null when it is blank. Numbers become the digits
 * Excel shows (15 significant digits), dates their wall-clock ISO text, times without a date
 * their HH:MM text, booleans TRUE/FALSE.
 * C1 control characters, which come from Windows-1252 text read as Latin-1, become the
 * punctuation they stand for (King\u0092s → King’s).
 */
export function normaliseText(cell: Cell, options: TextOptions = {}): Normalised<string | null> {
  if (cell === null || isBlankCell(cell, options)) return accept(null);
  if (typeof cell === 'string') return accept(repairWindows1252Controls(trimText(cell)).text);
  if (typeof cell === 'number') {
    const text = excelNumberToDecimalText(cell);
    return text === undefined ? reject('number_invalid', { value: String(cell) }) : accept(text);
  }
  if (typeof cell === 'boolean') return accept(cell ? 'TRUE' : 'FALSE');
  // Excel stores a time typed alone (04:00) as a fraction of day 0, whose date part means nothing.
  if (cell.kind === 'excel-date') return accept(cell.serial < 1 || cell.timeOnly ? elapsedTimeText(cell.serial) : cell.text);
  return rejectFormulaWithoutResult(cell);
}

/** Rejects a formula cell saved without its result, naming the cell that contains a shared formula's text. */
export function rejectFormulaWithoutResult(cell: FormulaWithoutResult): Normalised<never> {
  if (cell.sharedWith !== undefined && cell.formula === '') {
    return reject('formula_without_result_shared', { ref: cell.ref, source: cell.sharedWith });
  }
  return reject('formula_without_result', { ref: cell.ref, formula: cell.formula });
}

/** Text shown for a cell in a message, so that every issue can name the value it rejects. */
export function describeCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell.kind === 'excel-date') return cell.timeOnly ? elapsedTimeText(cell.serial) : cell.text;
  return `=${cell.formula}`;
}
