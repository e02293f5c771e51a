import type { FieldError } from '@boh/sdk';
import type { Language } from '../../i18n/index.js';
import { formatFen } from '../../output/money.js';

// The `boh order refund` option that sets each field of the API's RefundInput.
const OPTION_BY_FIELD: readonly [RegExp, string][] = [
  [/^(body\.)?amount_fen$/, '--amount'],
  [/^(body\.)?payments(\[\d+\])?(\.|$)/, '--payment'],
  [/^(body\.)?lines(\[\d+\])?(\.|$)/, '--line'],
  [/^(body\.)?refunded_at$/, '--at'],
  [/^(body\.)?refund_number$/, '--refund-number'],
  [/^(body\.)?reason$/, '--reason'],
];

/**
 * Rewrite a field error of the refund API for the command line: the option in place of the
 * field path, and amounts in yuan in place of fen, because the options take yuan.
 */
export function refundProblem(language: Language, error: FieldError): string {
  const option = OPTION_BY_FIELD.find(([pattern]) => pattern.test(error.field))?.[1];
  const prefix = `${error.field}: `;
  let text = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  text = language === 'zh-CN'
    ? text.replace(/(-?\d+) ?分/g, (_whole, fen: string) => `${formatFen(Number(fen))} 元`)
    : text.replace(/(-?\d+) fen\b/g, (_whole, fen: string) => `${formatFen(Number(fen))} yuan`);
  return option === undefined ? `${error.field}: ${text}` : `${option}: ${text}`;
}
