import type { components } from '@boh/sdk/types';
import type { Language } from '../i18n/language.js';
import { localiseParams } from '../http/api-error.js';
import { labelEnumParams } from '../i18n/enum-labels.js';
import { translate } from '../i18n/messages.js';
import type { PostingIssue } from './outcomes.js';

type FieldError = components['schemas']['FieldError'];

/** The issues of a batch record as the API reports them, with messages in `language`. */
export function toFieldErrors(language: Language, issues: readonly PostingIssue[]): FieldError[] {
  return issues.map((issue) => {
    const params = labelEnumParams(issue.code, localiseParams(issue.params ?? {}, language), language);
    const error: FieldError = { field: issue.field, code: issue.code, message: `${issue.field}: ${translate(language, `field.${issue.code}`, params)}` };
    if (issue.value !== undefined) error.value = issue.value;
    return error;
  });
}
