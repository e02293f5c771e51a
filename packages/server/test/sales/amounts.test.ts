import { describe, expect, it } from 'vitest';
import { lineAmounts, taxOf } from '../../src/sales/amounts.js';

describe('taxOf', () => {
  const cases: [number, number, number][] = [
    [6400, 600, 362], // 6400 ÷ 1.06 = 6037.74 → revenue 6038
    [3200, 600, 181],
    [11300, 1300, 1300],
    [100, 900, 8], // 100 ÷ 1.09 = 91.74 → 92
    [1, 600, 0],
    [0, 600, 0],
    [5000, 0, 0],
    [10300, 300, 300], // small-scale 3 %
  ];
  it.each(cases)('%i fen at %i bp contains %i fen of VAT', (amount, rate, want) => {
    expect(taxOf(amount, rate)).toBe(want);
  });
});

describe('lineAmounts', () => {
  it('shares the order discount by the lines net of their own discounts', () => {
    const result = lineAmounts(
      [
        { quantityMicro: 1_000_000, unitPriceFen: 1100, discountFen: 100, rateBp: 600 },
        { quantityMicro: 2_000_000, unitPriceFen: 1000, discountFen: 0, rateBp: 600 },
        { quantityMicro: 500_000, unitPriceFen: 6000, discountFen: 0, rateBp: 1300 },
      ],
      100,
    );
    expect(result.lines!.map((l) => [l.grossFen, l.discountFen, l.allocatedDiscountFen, l.netFen, l.taxFen])).toEqual([
      [1100, 100, 17, 983, 56],
      [2000, 0, 33, 1967, 111],
      [3000, 0, 50, 2950, 339],
    ]);
  });

  it('rounds a fractional quantity half up to the fen', () => {
    expect(lineAmounts([{ quantityMicro: 333_333, unitPriceFen: 1000, discountFen: 0, rateBp: 0 }], 0).lines![0]!.grossFen).toBe(333);
    expect(lineAmounts([{ quantityMicro: 500_000, unitPriceFen: 1, discountFen: 0, rateBp: 0 }], 0).lines![0]!.grossFen).toBe(1);
  });

  it('reports discounts larger than what they reduce', () => {
    expect(lineAmounts([{ quantityMicro: 1_000_000, unitPriceFen: 100, discountFen: 101, rateBp: 0 }], 0).issues).toEqual([
      { line: 0, code: 'discount_exceeds_gross', params: { discount_fen: 101, gross_fen: 100 } },
    ]);
    expect(lineAmounts([{ quantityMicro: 1_000_000, unitPriceFen: 100, discountFen: 0, rateBp: 0 }], 101).issues[0]!.code).toBe('order_discount_exceeds_net');
  });
});
