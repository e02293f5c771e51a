import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { toExact } from '../masterdata/decimal.js';

// VAT rates per tax category, each in force from a date until the next one of its category.
// Rates are kept in basis points (13 % = 1300). A small-scale taxpayer (小规模纳税人) replaces
// them with its levy rate (3 %, or 1 % while reduced) from the date it applies.

/** The tax rates in memory, with the lookup the posting code needs. */
export interface TaxRates {
  /** The rate in basis points in force on `date`, or undefined when none is. */
  rateOn(category: string, date: string): number | undefined;
}

/** Read every tax rate. */
export async function loadTaxRates(db: Kysely<Database>): Promise<TaxRates> {
  const rows = await db.selectFrom('tax_rates').select(['tax_category', 'effective_from', 'rate_bp']).orderBy('effective_from', 'desc').execute();
  const byCategory = new Map<string, { from: string; rate: number }[]>();
  for (const row of rows) {
    const list = byCategory.get(row.tax_category) ?? [];
    list.push({ from: row.effective_from, rate: row.rate_bp });
    byCategory.set(row.tax_category, list);
  }
  return {
    rateOn(category, date) {
      return byCategory.get(category)?.find((entry) => entry.from <= date)?.rate;
    },
  };
}

/** Basis points of a rate given as a fraction (0.13 → 1300), or undefined beyond 4 decimal places. */
export function rateToBasisPoints(rate: number): number | undefined {
  const exact = toExact(rate);
  if (exact.scale > 4) return undefined;
  return Number(exact.digits * 10n ** BigInt(4 - exact.scale));
}

/** Convert basis points to the fraction the API shows: 1300 → 0.13. */
export function basisPointsToRate(bp: number): number {
  return bp / 10_000;
}
