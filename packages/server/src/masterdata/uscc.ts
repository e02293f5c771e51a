import type { NestedMessage } from '../http/api-error.js';

// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
// 31-character set, the last a check character computed from the first 17.

/** The code's characters in the order of their values 0 to 30; I, O, S, V and Z are not used. */
export const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The weight of each of the first 17 positions: 3^(i−1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Trim a code and upper-case its letters, the form it is stored in; blank becomes null. */
export function normaliseUscc(value: string | null | undefined): string | null | undefined {
  if (value === null || value === undefined) return value;
  const trimmed = value.trim().toUpperCase();
  return trimmed === '' ? null : trimmed;
}

/** Compute the check character of the first 17 characters: (31 − Σ value × weight mod 31) mod 31. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARACTERS.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

/**
 * Return why `code` (already normalised) is not a valid unified social credit code, as a
 * `field.uscc_*` message, or undefined when it is valid. Only the length, the character set and
 * the check character are verified, not that the code was ever issued.
 *
 * NOTE: a few codes that users report as issued, such as 91350100M0001TGQXM from Fujian, fail
 * the check and are rejected here. There is no override yet.
 */
export function usccProblem(code: string): NestedMessage | undefined {
  const characters = [...code];
  if (characters.length !== 18) return { messageKey: 'field.uscc_length', params: { length: characters.length } };

  const bad = characters.findIndex((character) => !USCC_CHARACTERS.includes(character));
  if (bad >= 0) return { messageKey: 'field.uscc_charset', params: { position: bad + 1, char: characters[bad] } };

  const expected = usccCheckCharacter(code);
  if (code[17] !== expected) return { messageKey: 'field.uscc_check_digit', params: { actual: code[17], expected } };
  return undefined;
}
