// Money normalisers: yuan text or spreadsheet numbers to integer fen, by string arithmetic
// on the decimal digits, never by multiplying a float.

import { excelNumberToDecimalText } from './decimal.js';
import { accept, reject, type Normalised } from './issues.js';
import { describeCell, isBlankCell, rejectFormulaWithoutResult, toHalfWidth, trimText } from './text.js';
import type { Cell } from './types.js';

/**
 * How to round digits past the kept decimals. `half-up` rounds halves away from zero
 * (四舍五入); `half-even` rounds halves to the even digit (banker's rounding).
 */
export type RoundingRule = 'half-up' | 'half-even';

export interface AmountOptions {
  /** Without a rule, an amount with more significant decimals than allowed is rejected. */
  readonly rounding?: RoundingRule;
}

/** An amount kept to 1/1,000 fen (5 decimals of a yuan), such as a payment fee of 0.35000. */
export interface SubFenAmount {
  /** The exact amount in thousandths of a fen: 0.35000 yuan is 35,000 millifen. */
  readonly millifen: number;
  /** Whole fen, truncated toward zero: 0.35000 yuan is 35 fen, 0.00350 yuan is 0 fen. */
  readonly fen: number;
  /** Whether the amount is a whole number of fen, so that `fen` alone is exact. */
  readonly wholeFen: boolean;
}

interface DecimalParts {
  readonly negative: boolean;
  readonly integerDigits: string;
  /** Fraction digits without trailing zeros, which carry no value. */
  readonly fractionDigits: string;
}

// Tokens in order: optional opening bracket, sign, currency mark, sign, digits, currency
// suffix, closing bracket. Which combinations are valid is checked after the match.
const AMOUNT_PATTERN =
  /^(\()?\s*([-+])?\s*(¥|RMB|CNY|人民币)?\s*([-+])?\s*(\d[\d,]*(?:\.\d*)?|\.\d+)\s*(元|RMB|CNY)?\s*(\))?$/i;
const THOUSANDS_GROUPING = /^\d{1,3}(?:,\d{3})+$/;

const MILLIFEN_SCALE = 5;
const FEN_SCALE = 2;

/** Parses an amount in yuan to integer fen: `¥1,234.50` → 123450, `(36.00)` → -3600. */
export function parseAmountFen(cell: Cell, options: AmountOptions = {}): Normalised<number> {
  const parts = parseDecimalAmount(cell);
  if (!parts.ok) return parts;
  return toScaledInteger(parts.value, FEN_SCALE, options.rounding, describeCell(cell));
}

/**
 * Parses an amount that may have up to 5 decimals of a yuan, as payment fees do
 * (`0.35000`), keeping what lies below one fen instead of dropping or misreading it.
 */
export function parseAmountSubFen(cell: Cell, options: AmountOptions = {}): Normalised<SubFenAmount> {
  const parts = parseDecimalAmount(cell);
  if (!parts.ok) return parts;
  const scaled = toScaledInteger(parts.value, MILLIFEN_SCALE, options.rounding, describeCell(cell));
  if (!scaled.ok) return scaled;

  const millifen = scaled.value;
  const belowFen = millifen % 1000;
  const fen = (millifen - belowFen) / 1000;
  return accept({ millifen, fen: fen === 0 ? 0 : fen, wholeFen: belowFen === 0 });
}

/** Rounds a millifen amount to whole fen with the given rule. */
export function roundMillifenToFen(millifen: number, rule: RoundingRule): number {
  const magnitude = Math.abs(millifen);
  const belowFen = magnitude % 1000;
  let fen = (magnitude - belowFen) / 1000;
  if (belowFen > 500 || (belowFen === 500 && (rule === 'half-up' || fen % 2 === 1))) fen += 1;
  return millifen < 0 && fen !== 0 ? -fen : fen;
}

function parseDecimalAmount(cell: Cell): Normalised<DecimalParts> {
  const value = describeCell(cell);
  if (cell === null || isBlankCell(cell)) return reject('value_missing', { value });
  if (typeof cell === 'number') {
    const text = excelNumberToDecimalText(cell);
    return text === undefined ? reject('amount_invalid', { value }) : parseAmountText(text, value);
  }
  if (typeof cell === 'string') return parseAmountText(cell, value);
  if (typeof cell === 'boolean') return reject('amount_invalid', { value });
  if (cell.kind === 'formula-without-result') {
    return rejectFormulaWithoutResult(cell);
  }
  return reject('amount_invalid', { value });
}

function parseAmountText(text: string, value: string): Normalised<DecimalParts> {
  const cleaned = toHalfWidth(trimText(text)).replace(/\uFFE5/g, '¥').replace(/\u2212/g, '-');
  const match = AMOUNT_PATTERN.exec(cleaned);
  if (match === null) return reject('amount_invalid', { value });
  const [, open, signBefore, currencyBefore, signAfter, number = '', currencyAfter, close] = match;

  // One sign, one currency mark, and brackets only as a pair and never with a sign.
  if ((open === undefined) !== (close === undefined)) return reject('amount_invalid', { value });
  if (signBefore !== undefined && signAfter !== undefined) return reject('amount_invalid', { value });
  if (currencyBefore !== undefined && currencyAfter !== undefined) return reject('amount_invalid', { value });
  const sign = signBefore ?? signAfter;
  if (open !== undefined && sign !== undefined) return reject('amount_invalid', { value });

  const [integerText = '', fractionText = ''] = number.split('.');
  if (integerText.includes(',') && !THOUSANDS_GROUPING.test(integerText)) {
    return reject('amount_bad_grouping', { value });
  }
  const integerDigits = integerText.replace(/,/g, '').replace(/^0+(?=\d)/, '') || '0';
  const fractionDigits = fractionText.replace(/0+$/, '');
  return accept({ negative: open !== undefined || sign === '-', integerDigits, fractionDigits });
}

function toScaledInteger(
  parts: DecimalParts,
  scale: number,
  rounding: RoundingRule | undefined,
  value: string,
): Normalised<number> {
  const { fractionDigits } = parts;
  let keptFraction = fractionDigits;
  let roundAway = false;
  if (fractionDigits.length > scale) {
    if (rounding === undefined) {
      return reject('amount_too_many_decimals', { value, decimals: fractionDigits.length, max: scale });
    }
    keptFraction = fractionDigits.slice(0, scale);
    roundAway = shouldRoundAway(parts.integerDigits + keptFraction, fractionDigits.slice(scale), rounding);
  }

  const digits = parts.integerDigits + keptFraction.padEnd(scale, '0');
  const magnitude = BigInt(digits) + (roundAway ? 1n : 0n);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return reject('amount_too_large', { value });
  const result = Number(magnitude);
  return accept(parts.negative && result !== 0 ? -result : result);
}

/** Decides the rounding of a magnitude whose dropped digits are `dropped` (no trailing zeros). */
function shouldRoundAway(keptDigits: string, dropped: string, rule: RoundingRule): boolean {
  const first = dropped[0] ?? '0';
  if (first !== '5') return first > '5';
  if (dropped.length > 1 || rule === 'half-up') return true;
  const lastKept = Number(keptDigits[keptDigits.length - 1] ?? '0');
  return lastKept % 2 === 1;
}
