import type { FieldIssue } from '../http/api-error.js';
import { packToMicro, toMicro } from '../math/quantity.js';
import type { ItemInfo } from './items.js';

/**
 * Convert a quantity of an item in `unit` (a pack unit, or the base unit when absent) to
 * millionths of the base unit, exactly: 2 箱 of 12000 g → 24000000000. Reports an unknown unit
 * or a result with more than 6 decimal places of the base unit under `field`.
 */
export function toBaseMicro(item: ItemInfo, quantity: number, unit: string | null | undefined, field: string): { micro?: number; issues: FieldIssue[] } {
  if (unit === undefined || unit === null || unit === item.baseUnit) {
    const micro = toMicro(quantity);
    if (micro === undefined) return { issues: [{ field: `${field}.quantity`, code: 'decimal_places', params: { limit: 6, value: quantity }, value: quantity }] };
    return { micro, issues: [] };
  }

  const pack = item.packUnits.find((candidate) => candidate.unit === unit);
  if (!pack) {
    const allowed = [item.baseUnit, ...item.packUnits.map((p) => p.unit)];
    return { issues: [{ field: `${field}.unit`, code: 'unknown_unit', params: { value: unit, item: item.code, allowed }, value: unit }] };
  }
  const micro = packToMicro(quantity, pack.factor);
  if (micro === undefined) {
    return { issues: [{ field: `${field}.quantity`, code: 'stock_conversion_precision', params: { quantity, unit, factor: pack.factor, base_unit: item.baseUnit }, value: quantity }] };
  }
  return { micro, issues: [] };
}
