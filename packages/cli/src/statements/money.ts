// Exact decimal amounts from statement cells, in integer fen or thousandths of a fen.
// TODO: replace with files/ parseAmountFen and parseAmountSubFen once they return the currency
// of an amount such as `JPY 1000.00`: they reject it, but a statement flags such a row for
// review instead. This parser reads the spellings listed below and nothing looser.
//
// Accepted: `58.00`, `-2,600.00`, `+10000.00`, `¥3.50`, `￥0.01`, `CNY 123.18`, `人民币 1.00`,
// `1.00元`, `(36.00)`, `−5.00` (U+2212), numbers from spreadsheets. Rejected: masked values such
// as `xx,yyyy.zz`, misplaced thousands separators, more decimals than the unit keeps (unless
// they are zeros), exponents.

import type { Cell } from '../files/types.js';
import { cellText } from './text.js';

export type AmountResult =
  | { readonly ok: true; readonly value: number; readonly currency?: string }
  | { readonly ok: false; readonly code: 'amount-invalid' | 'amount-too-precise' | 'amount-out-of-range' };

/** Decimal places of a yuan amount that each unit holds. */
const SCALE = { fen: 2, milliFen: 5 } as const;

const CURRENCY_PREFIX = /^(?:([A-Z]{3})|¥|￥|人民币|RMB)\s*/u;
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/u;
// Plain amounts such as `58.00`, most cells of a bill, which need none of the other steps.
const PLAIN_NUMBER = /^(\d+)(?:\.(\d+))?$/u;

/** Parses a yuan amount into integer fen. */
export function parseFen(cell: Cell | undefined): AmountResult {
  return parseScaled(cell, SCALE.fen);
}

/** Parses a yuan amount into integer thousandths of a fen (for fees such as `0.35000`). */
export function parseMilliFen(cell: Cell | undefined): AmountResult {
  return parseScaled(cell, SCALE.milliFen);
}

/** Returns true when the cell has no amount at all (empty or a placeholder dash). */
export function isEmptyAmount(cell: Cell | undefined): boolean {
  const text = cellText(cell);
  if (text === '') return true;
  const first = text.charCodeAt(0);
  if (first !== 0x2d && first !== 0x2f && first !== 0x2014) return false;
  return /^[-—/]+$/u.test(text);
}

function parseScaled(cell: Cell | undefined, decimals: number): AmountResult {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, code: 'amount-invalid' };
    // The shortest round-trip text of a spreadsheet number is the decimal the user typed.
    return parseText(String(cell), decimals);
  }
  if (typeof cell !== 'string') return { ok: false, code: 'amount-invalid' };
  return parseText(cellText(cell), decimals);
}

function parseText(input: string, decimals: number): AmountResult {
  const plain = PLAIN_NUMBER.exec(input);
  if (plain !== null) return scaled(plain[1]!, plain[2] ?? '', decimals, false, undefined);

  let text = input.replace(/\u2212/gu, '-').replace(/元$/u, '').trim();
  let negative = false;
  let currency: string | undefined;

  // Parentheses mark a negative amount in accounting exports.
  const parenthesised = /^\((.*)\)$/u.exec(text);
  if (parenthesised?.[1] !== undefined) {
    negative = true;
    text = parenthesised[1].trim();
  }

  // Sign and currency may come in either order: `-¥12.00`, `¥-12.00`, `CNY -1.00`.
  for (let pass = 0; pass < 2; pass += 1) {
    const sign = /^([+-])\s*/u.exec(text);
    if (sign?.[1] !== undefined) {
      if (sign[1] === '-') negative = !negative;
      text = text.slice(sign[0].length);
    }
    const prefix = CURRENCY_PREFIX.exec(text);
    if (prefix !== null && currency === undefined) {
      currency = prefix[1] ?? 'CNY';
      text = text.slice(prefix[0].length);
    }
  }

  const match = NUMBER.exec(text);
  if (match === null || text === '' || text === '.') return { ok: false, code: 'amount-invalid' };
  const whole = (match[1] ?? '0').replace(/,/gu, '');
  const fraction = match[2] ?? '';
  if (match[1] === undefined && fraction === '') return { ok: false, code: 'amount-invalid' };
  return scaled(whole, fraction, decimals, negative, currency);
}

/** Turns the digits before and after the point into an integer of `decimals` places. */
function scaled(whole: string, fraction: string, decimals: number, negative: boolean, currency: string | undefined): AmountResult {
  const scaledFraction = fraction.slice(0, decimals);
  const beyondScale = fraction.slice(decimals);
  if (/[^0]/u.test(beyondScale)) return { ok: false, code: 'amount-too-precise' };

  const digits = whole + scaledFraction.padEnd(decimals, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, code: 'amount-out-of-range' };
  const signed = negative && value !== 0 ? -value : value;
  return currency === undefined ? { ok: true, value: signed } : { ok: true, value: signed, currency };
}

/** Formats integer fen as yuan text, e.g. `-2600.00`, for messages. */
export function formatFen(fen: number): string {
  return formatScaled(fen, SCALE.fen);
}

/** Formats thousandths of a fen as yuan text with five decimals, e.g. `0.35000`. */
export function formatMilliFen(milliFen: number): string {
  return formatScaled(milliFen, SCALE.milliFen);
}

/**
 * Formats thousandths of a fen as yuan with two decimals, e.g. `-2355.88`, for totals that people
 * read. The value is rounded to the nearest fen, halves away from zero.
 */
export function formatMilliFenAsYuan(milliFen: number): string {
  const fen = Math.round(Math.abs(milliFen) / 1000);
  return formatScaled(milliFen < 0 ? -fen : fen, SCALE.fen);
}

function formatScaled(value: number, decimals: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
