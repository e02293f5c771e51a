import { parseAmountFen } from '../files/amount.js';
import { UsageError } from '../runtime/errors.js';

// Option values of the sales, stock and ledger commands: amounts in yuan, quantities, line
// specifications such as ITEM:QTY[:UNIT][:VALUE]. Each parser names the option and the value
// when it fails.

/** Parse an amount in yuan (12.50, ¥1,234.50) to fen. */
export function amountOption(option: string, value: string): number {
  const parsed = parseAmountFen(value);
  if (!parsed.ok) throw new UsageError('finance.error.amount', { option, value });
  return parsed.value;
}

/** Parse a positive decimal quantity. */
export function quantityOption(option: string, value: string): number {
  const quantity = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(quantity > 0)) throw new UsageError('finance.error.quantity', { option, value });
  return quantity;
}

/** Parse a whole number of at least `minimum`. */
export function integerOption(option: string, value: string, minimum = 1): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < minimum) throw new UsageError('error.invalid_integer', { option, value });
  return Number(value);
}

/** Parse a month `YYYY-MM`. */
export function periodOption(option: string, value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new UsageError('finance.error.period', { option, value });
  return value;
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
