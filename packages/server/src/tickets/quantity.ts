/** Quantities are decimals with at most 6 places in the API and integer millionths in the database. */
export function toMicro(quantity: number): number {
  return Math.round(quantity * 1_000_000);
}

export function fromMicro(micro: number): number {
  return micro / 1_000_000;
}

/** quantity_micro × unit cost in fen, rounded half up to the fen, computed exactly with BigInt. */
export function costOfQuantity(quantityMicro: number, unitCostFen: number): number {
  const product = BigInt(quantityMicro) * BigInt(unitCostFen);
  return Number((product + 500_000n) / 1_000_000n);
}

/** minutes × hourly cost in fen / 60, rounded half up to the fen. */
export function labourCost(minutes: number, hourlyCostFen: number): number {
  const product = BigInt(minutes) * BigInt(hourlyCostFen);
  return Number((product + 30n) / 60n);
}
