// Decimal text of spreadsheet numbers, so that money and ids are computed from digits and
// never from binary floating point.

/** Excel stores 15 significant decimal digits; anything past them is binary noise. */
export const EXCEL_SIGNIFICANT_DIGITS = 15;

/**
 * Returns the plain decimal text (no exponent, no trailing zeros) of a number rounded to the
 * 15 significant digits Excel keeps, or undefined for NaN and infinities. 0.1 + 0.2 gives
 * `0.3`, 12.300000000000001 gives `12.3`, and 1.5e-7 gives `0.00000015`.
 */
export function excelNumberToDecimalText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (value === 0) return '0';
  return expandExponent(value.toPrecision(EXCEL_SIGNIFICANT_DIGITS));
}

/** Rewrites `1.23450000000000e+17` or `4.50000000000000` as plain decimal text. */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?(?:e([+-]\d+))?$/.exec(text);
  if (match === null) return text;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);

  // Move the decimal point `exponent` places within the digit string.
  const digits = whole + fraction;
  const pointIndex = whole.length + exponent;
  let integerPart: string;
  let fractionPart: string;
  if (pointIndex <= 0) {
    integerPart = '0';
    fractionPart = '0'.repeat(-pointIndex) + digits;
  } else if (pointIndex >= digits.length) {
    integerPart = digits + '0'.repeat(pointIndex - digits.length);
    fractionPart = '';
  } else {
    integerPart = digits.slice(0, pointIndex);
    fractionPart = digits.slice(pointIndex);
  }

  integerPart = integerPart.replace(/^0+(?=\d)/, '');
  fractionPart = fractionPart.replace(/0+$/, '');
  const body = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
  return body === '0' ? '0' : sign + body;
}

// A percentage: digits with an optional fraction, then % or ％ after optional spaces.
const PERCENT = /^([-+]?)(\d+)(?:\.(\d+))?\s*[%％]$/;

/**
 * Returns the fraction of a percentage written `5%`, `5.5 %` or `５％` as plain decimal text
 * (`0.05`, `0.055`), or undefined when the text is not a percentage. The decimal point moves two
 * places within the digits, so no binary floating point is involved: `1.1%` is `0.011`, where
 * 1.1 / 100 gives 0.011000000000000001.
 */
export function percentToFractionText(text: string): string | undefined {
  const match = PERCENT.exec(text.normalize('NFKC').trim());
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  const digits = whole.padStart(3, '0') + fraction;
  const pointIndex = digits.length - fraction.length - 2;
  const integerPart = digits.slice(0, pointIndex).replace(/^0+(?=\d)/, '');
  const fractionPart = digits.slice(pointIndex).replace(/0+$/, '');
  const body = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
  return body === '0' || sign !== '-' ? body : `-${body}`;
}
