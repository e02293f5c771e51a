import { parseAmountFen } from '../files/amount.js';
import { parseDate } from '../files/date.js';
import { formatIssue } from '../files/messages.js';
import { formatFen } from '../output/money.js';
import type { Context } from '../runtime/context.js';
import { UsageError } from '../runtime/errors.js';

// Option values of the sales, stock and ledger commands: amounts in yuan, quantities, line
// specifications such as ITEM:QTY[:UNIT][:VALUE]. Each parser names the option and the value
// when it fails.

/** The largest amount of money the API takes in a field, fen (¥10,000,000,000.00). */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

/** Parse an amount in yuan (12.50, ¥1,234.50) to fen, at most MAX_AMOUNT_FEN. */
export function amountOption(option: string, value: string): number {
  const parsed = parseAmountFen(value);
  const tooLarge = parsed.ok ? parsed.value > MAX_AMOUNT_FEN : parsed.issue.code === 'amount_too_large';
  if (tooLarge) throw new UsageError('finance.error.amount_too_large', { option, value, maximum: formatFen(MAX_AMOUNT_FEN) });
  if (!parsed.ok) throw new UsageError('finance.error.amount', { option, value });
  return parsed.value;
}

/** Parse a positive decimal quantity. */
export function quantityOption(option: string, value: string): number {
  const quantity = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(quantity > 0)) throw new UsageError('finance.error.quantity', { option, value });
  return quantity;
}

// The API's limits of a reconciliation's tolerance, match window and settlement lag (ReconciliationRun).
export const MAX_TOLERANCE_FEN = 100_000;
export const MAX_WINDOW_SECONDS = 604_800;
export const MAX_LAG_DAYS = 30;

/** Parse a whole number from `minimum` to `maximum`. */
export function integerOption(option: string, value: string, minimum = 1, maximum = Number.MAX_SAFE_INTEGER): number {
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) throw new UsageError('error.invalid_integer', { option, value });
  // Compared as BigInt, so a value past 2^53 is named as typed instead of rounded.
  const number = BigInt(text);
  if (number < BigInt(minimum)) throw new UsageError('error.integer_too_small', { option, value, minimum });
  if (number > BigInt(maximum)) throw new UsageError('error.integer_too_large', { option, value, maximum });
  return Number(number);
}

/** Parse a month `YYYY-MM`. */
export function periodOption(option: string, value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new UsageError('finance.error.period', { option, value });
  return value;
}

/**
 * Parse a business date option (2026-11-01, 2026/11/01 or 2026年11月1日) to YYYY-MM-DD, so a
 * wrong date fails here naming the option instead of reaching the API as an invalid field.
 */
export function dateOption(context: Context, option: string, value: string): string {
  const result = parseDate(value);
  if (!result.ok) throw new UsageError('finance.error.date', { option, message: formatIssue(context.language, result.issue) });
  return result.value;
}

/** Split `A:B:C` into its parts, checking how many there may be. */
export function specParts(option: string, value: string, minimum: number, maximum: number, format: string): string[] {
  const parts = value.split(':');
  if (parts.length < minimum || parts.length > maximum || parts.some((part) => part.trim() === '')) {
    throw new UsageError('finance.error.spec', { option, value, format });
  }
  return parts.map((part) => part.trim());
}

/** Collect a repeated option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
