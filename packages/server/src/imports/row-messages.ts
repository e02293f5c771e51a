import type { components } from '@boh/sdk/types';
import { localiseParams } from '../http/api-error.js';
import type { Language } from '../i18n/language.js';
import { labelEnumParams } from '../i18n/enum-labels.js';
import { translate } from '../i18n/messages.js';
import { valueLabel } from '../reports/value-labels.js';
import type { RowIssue, RowResult } from './target.js';

type RowResultApi = components['schemas']['ImportRowResult'];

/**
 * Word a row issue in the caller's language: `name: is required`. Import files give amounts in
 * yuan, so a code with an import wording (`field.import_yuan.<code>`) is worded in yuan. Payment
 * methods and channels are shown by their labels.
 */
export function issueMessage(issue: Pick<RowIssue, 'field' | 'code' | 'params'>, language: Language): string {
  const params = labelEnumParams(issue.code, labelledParams(localiseParams(issue.params ?? {}, language), language), language);
  const yuanKey = `field.import_yuan.${issue.code}`;
  const text = translate(language, yuanKey) !== yuanKey ? translate(language, yuanKey, yuanParams(params)) : translate(language, `field.${issue.code}`, params);
  return issue.field ? `${issue.field}: ${text}` : text;
}

/** Params that name an enumerated value, shown by its label (`cash` → 现金). */
const LABELLED_PARAMS = ['method', 'channel'];

function labelledParams(params: Record<string, unknown>, language: Language): Record<string, unknown> {
  const labelled = { ...params };
  for (const name of LABELLED_PARAMS) {
    const value = labelled[name];
    if (typeof value === 'string') labelled[name] = valueLabel(value, language);
  }
  return labelled;
}

/** Write `value` and every `*_fen` param as yuan with two decimals (2500 → 25.00). */
function yuanParams(params: Record<string, unknown>): Record<string, unknown> {
  const converted = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if ((name === 'value' || name.endsWith('_fen')) && typeof value === 'number' && Number.isInteger(value)) converted[name] = yuanText(value);
  }
  return converted;
}

function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The API shape of a row result, with its issues worded in the caller's language. */
export function rowResultToApi(result: RowResult, language: Language): RowResultApi {
  const api: RowResultApi = { line: result.line, outcome: result.outcome, key: result.key };
  if (result.changes) api.changes = result.changes;
  if (result.issues) {
    api.errors = result.issues.map((issue) => {
      const error: NonNullable<RowResultApi['errors']>[number] = { field: issue.field, code: issue.code, message: issueMessage(issue, language) };
      if (issue.value !== undefined) error.value = issue.value;
      return error;
    });
  }
  return api;
}
