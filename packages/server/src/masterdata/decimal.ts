/**
 * A decimal number held exactly: `digits / 10^scale`, with no trailing zero in `digits` when
 * `scale` is above 0. JSON numbers from a request become exact decimals through their shortest
 * decimal form, which is what the sender wrote for any number of up to 15 significant digits.
 */
export interface ExactDecimal {
  digits: bigint;
  scale: number;
}

/** The maximum number of decimal places of a quantity, factor or rate. */
export const MAX_DECIMAL_PLACES = 6;

/** Parse a finite number through its shortest decimal form: 0.1 → 1/10, 1e-7 → 1/10^7. */
export function toExact(value: number): ExactDecimal {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`Cannot read ${value} as a decimal`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? normalise({ digits, scale }) : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** Count the decimal places of `value` as written: 12.5 → 1, 3 → 0, 1e-7 → 7. */
export function decimalPlaces(value: number): number {
  return toExact(value).scale;
}

/** Multiply two decimals without rounding. */
export function multiplyExact(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return normalise({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

/** Write a decimal in plain notation without exponent: 166.6665, 0.000001, 12000. */
export function formatExact(value: ExactDecimal): string {
  const negative = value.digits < 0n;
  const text = (negative ? -value.digits : value.digits).toString().padStart(value.scale + 1, '0');
  const whole = text.slice(0, text.length - value.scale);
  const fraction = text.slice(text.length - value.scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function normalise(value: ExactDecimal): ExactDecimal {
  let { digits, scale } = value;
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale -= 1;
  }
  return { digits, scale };
}
