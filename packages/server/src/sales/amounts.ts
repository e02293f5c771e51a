import { allocate, mulDivRound } from '../math/integer.js';
import { MICRO } from '../math/quantity.js';

// The amounts of an order's lines. Prices include VAT (含税价), as Chinese POS systems show them.
// Per line: gross = unit price × quantity; net = gross − the line's discount − its share of the
// order discount; revenue = net ÷ (1 + rate) and tax = net − revenue, each rounded half-up to the
// fen. Discounts are trade discounts (商业折扣), so revenue is recognised net of them.

export interface LineAmountsInput {
  quantityMicro: number;
  unitPriceFen: number;
  discountFen: number;
  rateBp: number;
}

export interface LineAmounts {
  grossFen: number;
  discountFen: number;
  allocatedDiscountFen: number;
  netFen: number;
  taxFen: number;
}

export type AmountIssue =
  | { line: number; code: 'discount_exceeds_gross'; params: { discount_fen: number; gross_fen: number } }
  | { line: -1; code: 'order_discount_exceeds_net'; params: { discount_fen: number; net_fen: number } };

/** Compute the lines' amounts, sharing the order discount in proportion to the lines' net amounts. */
export function lineAmounts(lines: readonly LineAmountsInput[], orderDiscountFen: number): { lines?: LineAmounts[]; issues: AmountIssue[] } {
  const issues: AmountIssue[] = [];
  const gross = lines.map((line) => mulDivRound(line.unitPriceFen, line.quantityMicro, MICRO));
  const afterLineDiscount = lines.map((line, index) => {
    const remaining = gross[index]! - line.discountFen;
    if (remaining < 0) issues.push({ line: index, code: 'discount_exceeds_gross', params: { discount_fen: line.discountFen, gross_fen: gross[index]! } });
    return remaining;
  });
  if (issues.length > 0) return { issues };

  const total = afterLineDiscount.reduce((sum, value) => sum + value, 0);
  if (orderDiscountFen > total) {
    return { issues: [{ line: -1, code: 'order_discount_exceeds_net', params: { discount_fen: orderDiscountFen, net_fen: total } }] };
  }
  const shares = allocate(orderDiscountFen, afterLineDiscount);

  return {
    lines: lines.map((line, index) => {
      const netFen = afterLineDiscount[index]! - shares[index]!;
      return {
        grossFen: gross[index]!,
        discountFen: line.discountFen,
        allocatedDiscountFen: shares[index]!,
        netFen,
        taxFen: taxOf(netFen, line.rateBp),
      };
    }),
    issues,
  };
}

/** Output VAT contained in a VAT-inclusive amount: amount − round(amount ÷ (1 + rate)). */
export function taxOf(amountFen: number, rateBp: number): number {
  if (rateBp === 0) return 0;
  return amountFen - mulDivRound(amountFen, 10_000, 10_000 + rateBp);
}
