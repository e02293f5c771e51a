import type { ValidateFunction } from 'ajv/dist/2020.js';
import { CONTRACT_ID, loadContract } from '../http/contract.js';
import { createValidator, toFieldIssues } from '../http/validation.js';
import type { PostingIssue } from './outcomes.js';

const validators = new Map<string, ValidateFunction>();

/**
 * Check one element of a batch against a schema of the contract, the same check a single
 * request gets. Issues are located under `prefix`, such as `orders[3].lines[0].quantity`.
 */
export function validateElement(schemaName: string, value: unknown, prefix: string): PostingIssue[] {
  let validate = validators.get(schemaName);
  if (!validate) {
    const ajv = createValidator(loadContract(), false);
    validate = ajv.compile({ $ref: `${CONTRACT_ID}#/components/schemas/${schemaName}` });
    validators.set(schemaName, validate);
  }
  if (validate(value)) return [];
  return toFieldIssues(validate.errors ?? [], 'body').map((issue) => ({ ...issue, field: prefix + issue.field.slice('body'.length) }));
}
