// Money is integer fen everywhere; these helpers only change how an amount is shown.

/** Format fen as yuan with 2 decimals: -3600 → `-36.00`, 128050 → `1280.50` (`1,280.50` grouped). */
export function formatFenAsYuan(fen: number, grouping: boolean): string {
  const sign = fen < 0 ? '-' : '';
  const magnitude = Math.abs(fen);
  // Integer arithmetic only: `%` and the subtraction are exact, and the division has no remainder.
  const cents = magnitude % 100;
  const yuan = (magnitude - cents) / 100;
  const yuanText = grouping ? groupThousands(String(yuan)) : String(yuan);
  return `${sign}${yuanText}.${String(cents).padStart(2, '0')}`;
}

/**
 * Convert fen to a yuan number for a spreadsheet cell. Division is correctly rounded, so the
 * result is the same double as parsing the 2-decimal yuan text (`Number('1280.50')`).
 */
export function fenToYuanNumber(fen: number): number {
  return fen / 100;
}

/** Insert `,` every three digits of an unsigned integer written in digits. */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
