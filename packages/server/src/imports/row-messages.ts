import type { components } from '@boh/sdk/types';
import { localiseParams } from '../http/api-error.js';
import type { Language } from '../i18n/language.js';
import { translate } from '../i18n/messages.js';
import type { RowIssue, RowResult } from './target.js';

type RowResultApi = components['schemas']['ImportRowResult'];

/** The message of a row issue in the caller's language: `name: is required`. */
export function issueMessage(issue: Pick<RowIssue, 'field' | 'code' | 'params'>, language: Language): string {
  const text = translate(language, `field.${issue.code}`, localiseParams(issue.params ?? {}, language));
  return issue.field ? `${issue.field}: ${text}` : text;
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
