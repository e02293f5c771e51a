import { describe, expect, it } from 'vitest';
import { decimalPlaces, formatExact, multiplyExact, toExact } from '../../src/masterdata/decimal.js';

describe('toExact', () => {
  const cases: [number, bigint, number][] = [
    [0, 0n, 0],
    [12, 12n, 0],
    [12000, 12000n, 0],
    [0.1, 1n, 1],
    [750.125, 750125n, 3],
    [0.000001, 1n, 6],
    [1e-7, 1n, 7],
    [1.5e-10, 15n, 11],
    [1e21, 10n ** 21n, 0],
    [-2.5, -25n, 1],
  ];
  it.each(cases)('%d → %s / 10^%d', (value, digits, scale) => {
    expect(toExact(value)).toEqual({ digits, scale });
  });

  it('rejects NaN and infinities', () => {
    expect(() => toExact(Number.NaN)).toThrow(RangeError);
    expect(() => toExact(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('decimalPlaces', () => {
  it.each([
    [1000, 0],
    [0.2, 1],
    [0.05, 2],
    [0.123456, 6],
    [0.1234567, 7],
  ])('%d has %d', (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});

describe('multiplyExact and formatExact', () => {
  const cases: [number, number, string][] = [
    [0.2, 1000, '200'],
    [1.5, 12000, '18000'],
    [2, 750.125, '1500.25'],
    [0.0001, 750.125, '0.0750125'],
    [0.333333, 750.125, '250.041416625'],
    [0.1, 0.2, '0.02'],
    [1000000000, 50, '50000000000'],
    [0.000001, 0.000001, '0.000000000001'],
  ];
  it.each(cases)('%d × %d = %s', (a, b, want) => {
    expect(formatExact(multiplyExact(toExact(a), toExact(b)))).toBe(want);
  });

  it('writes negative values with their sign', () => {
    expect(formatExact(toExact(-0.05))).toBe('-0.05');
  });
});
