import { MAX_DECIMAL_PLACES, multiplyExact, toExact, type ExactDecimal } from '../masterdata/decimal.js';

/** Millionths per base unit: quantities are stored as integers of this size. */
export const MICRO = 1_000_000;

/**
 * Convert a decimal quantity of the API (at most 6 decimal places) to integer millionths,
 * exactly: 0.2 → 200000. Returns undefined when the number has more decimal places.
 */
export function toMicro(value: number): number | undefined {
  // Whole numbers, most quantities of an order, need no decimal parsing.
  if (Number.isInteger(value)) return Number.isSafeInteger(value * MICRO) ? value * MICRO : undefined;
  return exactToMicro(toExact(value));
}

/** Millionths as a decimal number for the API: 200000 → 0.2. */
export function fromMicro(micro: number): number {
  return micro / MICRO;
}

/**
 * Convert a quantity in a pack unit to base-unit millionths: 2 袋 of 1000 g → 2000000000.
 * Returns undefined when the product has more than 6 decimal places.
 */
export function packToMicro(quantity: number, factor: number): number | undefined {
  return exactToMicro(multiplyExact(toExact(quantity), toExact(factor)));
}

function exactToMicro(value: ExactDecimal): number | undefined {
  if (value.scale > MAX_DECIMAL_PLACES) return undefined;
  const micro = value.digits * 10n ** BigInt(MAX_DECIMAL_PLACES - value.scale);
  if (micro > BigInt(Number.MAX_SAFE_INTEGER) || micro < -BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(micro);
}
