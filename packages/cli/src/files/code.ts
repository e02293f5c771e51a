// Codes and ids (store codes, order numbers, transaction ids) are text: leading zeros and
// letters stay as written. What Excel visibly damaged is rejected with a way to re-export it.

import { EXCEL_SIGNIFICANT_DIGITS } from './decimal.js';
import { accept, reject, type Normalised } from './issues.js';
import { describeCell, isBlankCell, rejectFormulaWithoutResult, toHalfWidth, trimText } from './text.js';
import type { Cell } from './types.js';

// Excel's display of a long number in a General cell: one digit, optional decimals, then
// `E+` and the exponent (`1.23457E+17`, `4.2E+27`, `1E+15`). Ids that merely contain an E,
// such as `2401050001E5`, `1E3` and `24010500012E`, do not have this form.
const EXCEL_SCIENTIFIC = /^[+-]?\d(?:\.\d+)?E\+\d{1,3}$/i;

// Prefixes that exports put before an id so that Excel keeps it as text: a backtick (WeChat
// Pay merchant bills), an apostrophe, or the formula form ="0001".
const TEXT_MARKER = /^[`']/;
const FORMULA_TEXT = /^="(.*)"$/s;

/**
 * Normalises a code or id to trimmed text. Text keeps its digits, zeros and letters; only the
 * text markers above and surrounding spaces (including a trailing TAB) are removed. A
 * spreadsheet number becomes its digits when it is an integer of at most 15 digits, the
 * precision Excel keeps. Longer numbers and scientific notation are rejected.
 */
export function parseCode(cell: Cell): Normalised<string> {
  const value = describeCell(cell);
  if (cell === null || isBlankCell(cell)) return reject('value_missing', { value });

  if (typeof cell === 'string') return parseCodeText(cell, value);
  if (typeof cell === 'number') return codeFromNumber(cell, value);
  if (typeof cell === 'boolean') return reject('code_invalid', { value });
  if (cell.kind === 'excel-date') return reject('code_became_date', { value });
  return rejectFormulaWithoutResult(cell);
}

function parseCodeText(text: string, value: string): Normalised<string> {
  let code = trimText(text);
  const formula = FORMULA_TEXT.exec(code);
  if (formula !== null) code = trimText(formula[1] ?? '');
  else if (TEXT_MARKER.test(code)) code = trimText(code.slice(1));

  if (code === '') return reject('value_missing', { value });
  if (EXCEL_SCIENTIFIC.test(toHalfWidth(code))) return reject('code_scientific_notation', { value });
  return accept(code);
}

function codeFromNumber(number: number, value: string): Normalised<string> {
  if (!Number.isInteger(number)) return reject('code_number_not_integer', { value });
  const digits = String(Math.abs(number));
  // String() switches to exponent form from 1e21 on, and such numbers are far too long anyway.
  if (digits.includes('e') || digits.length > EXCEL_SIGNIFICANT_DIGITS) {
    return reject('code_number_too_long', { value, digits: EXCEL_SIGNIFICANT_DIGITS });
  }
  return accept(number < 0 ? `-${digits}` : digits);
}
