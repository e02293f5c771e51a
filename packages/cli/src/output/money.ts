/** Fen as yuan with two decimals and thousands separators: 123450 → 1,234.50, −3600 → -36.00. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${yuan}.${digits.slice(-2)}`;
}

/** Format a quantity in its unit, without trailing zeros: 421.052632 g. */
export function formatQuantity(quantity: number, unit?: string): string {
  return unit ? `${quantity} ${unit}` : String(quantity);
}

/**
 * Fen as a plain decimal in yuan for files other programs read: 123450 → 1234.50, −3600 →
 * -36.00. Built from the integer's digits, so no floating-point rounding can creep in.
 */
export function fenToDecimal(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount in fen must be a safe integer, got ${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
