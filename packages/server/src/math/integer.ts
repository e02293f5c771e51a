// Exact integer arithmetic for money (fen) and quantities (millionths of a base unit). Products
// that could pass 2^53 are computed with BigInt, so no result is ever rounded by floating point.

// Below 2^52 a product, a quotient times the divisor and their difference are all exact doubles.
const EXACT_LIMIT = 2 ** 52;

/**
 * Round `a × b ÷ c` to the nearest integer, halves away from zero (half-up for positive
 * amounts). Rounding symmetrically means the negation of an amount rounds to the negation of
 * its rounding, so a reversal mirrors what it reverses.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError('division by zero');
  const product = a * b;
  if (Math.abs(product) <= EXACT_LIMIT && Math.abs(c) <= EXACT_LIMIT && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    return divRoundSmall(product, c);
  }
  return Number(divRoundBig(BigInt(a) * BigInt(b), BigInt(c)));
}

/** Round `a ÷ c` to the nearest integer, halves away from zero. */
export function divRound(a: number, c: number): number {
  return mulDivRound(a, 1, c);
}

function divRoundSmall(numerator: number, denominator: number): number {
  const negative = numerator < 0 !== denominator < 0;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  let quotient = Math.floor(n / d);
  let remainder = n - quotient * d;
  // The floating-point quotient can be one off; the remainder tells which way.
  if (remainder < 0) {
    quotient -= 1;
    remainder += d;
  } else if (remainder >= d) {
    quotient += 1;
    remainder -= d;
  }
  const rounded = remainder * 2 >= d ? quotient + 1 : quotient;
  return negative && rounded !== 0 ? -rounded : rounded;
}

/** Round `numerator ÷ denominator` to the nearest bigint, halves away from zero. */
export function divRoundBig(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = (n % d) * 2n >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/**
 * Split `total` into integer shares proportional to `weights` by the largest-remainder method:
 * the shares add up to `total` exactly, and ties go to the earlier weight. All weights zero
 * puts everything on the first share. Weights and total are non-negative.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, index) => (index === 0 ? total : 0));

  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  const shares = weights.map((weight) => (bigTotal * BigInt(weight)) / bigSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (bigTotal * BigInt(weight)) % bigSum }));
  let left = bigTotal - shares.reduce((a, b) => a + b, 0n);

  remainders.sort((x, y) => (x.remainder === y.remainder ? x.index - y.index : x.remainder > y.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/** Greatest common divisor of two non-negative bigints. */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
