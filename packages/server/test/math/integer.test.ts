import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, divRound, mulDivRound } from '../../src/math/integer.js';
import { fromMicro, packToMicro, toMicro } from '../../src/math/quantity.js';

describe('mulDivRound', () => {
  const cases: [number, number, number, number][] = [
    [10, 1, 4, 3], // 2.5 → 3, half up
    [-10, 1, 4, -3], // −2.5 → −3, half away from zero
    [7, 1, 3, 2],
    [8, 1, 3, 3],
    [6400, 10_000, 10_600, 6038],
    [1, 1, 2, 1],
    [0, 5, 7, 0],
    [2 ** 40, 2 ** 13 + 1, 2 ** 20, 8_590_983_168], // product above 2^52, so BigInt: 2^33 + 2^20 = 8590983168
    [2 ** 40 + 1, 2 ** 13, 2 ** 14, 549_755_813_889], // (2^53 + 2^13) ÷ 2^14 = 2^39 + 0.5 → 2^39 + 1
  ];
  it.each(cases)('%i × %i ÷ %i = %i', (a, b, c, want) => {
    expect(mulDivRound(a, b, c)).toBe(want);
  });

  it('agrees with BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (a, b, c) => {
        const n = BigInt(a) * BigInt(b);
        const d = BigInt(c);
        const magnitude = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
        expect(mulDivRound(a, b, c)).toBe(Number(n < 0n ? -magnitude : magnitude));
      }),
    );
  });

  it('negates symmetrically', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (a, c) => {
      expect(divRound(-a, c) + divRound(a, c)).toBe(0);
    }));
  });
});

describe('allocate', () => {
  it('shares by largest remainder, ties to the first', () => {
    expect(allocate(100, [1000, 2000, 3000])).toEqual([17, 33, 50]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(5, [0, 0])).toEqual([5, 0]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
  });

  it('always adds up to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const shares = allocate(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(shares.every((share) => share >= 0)).toBe(true);
      }),
    );
  });
});

describe('quantities', () => {
  it('convert decimals to millionths exactly', () => {
    expect(toMicro(0.2)).toBe(200_000);
    expect(toMicro(1.000001)).toBe(1_000_001);
    expect(toMicro(0.0000001)).toBeUndefined();
    expect(fromMicro(421_052_632)).toBe(421.052632);
  });

  it('convert packs exactly or not at all', () => {
    expect(packToMicro(2, 1000)).toBe(2_000_000_000);
    expect(packToMicro(0.5, 750.125)).toBe(375_062_500);
    expect(packToMicro(0.0001, 750.125)).toBeUndefined();
  });
});
