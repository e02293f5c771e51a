// One CSV field: the formula-injection defence, then RFC 4180 quoting.

import { startsLikeFormula } from '../values/formula-guard.js';

/**
 * Return `text` as a CSV field. Text that a spreadsheet would run as a formula gets a leading
 * apostrophe, so the spreadsheet reads it as text. Numeric cells pass `isNumber` and keep
 * their text, so `-36.00` stays a number. Fields with a quote, comma, CR or LF are quoted.
 */
export function csvField(text: string, isNumber: boolean): string {
  const guarded = !isNumber && startsLikeFormula(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** Join fields into one CSV record ending in CRLF. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}
