import { ApiError, validationError } from '../http/api-error.js';
import type { PostingOutcome } from './outcomes.js';

// Problems of a whole order or refund, with the status a single request gets for them. Any
// other issue is an invalid field: 422 validation_failed.
const RECORD_ERRORS: Record<string, number> = {
  period_closed: 409,
  insufficient_stock: 409,
  posting_rule_missing: 409,
  nothing_to_refund: 409,
  store_out_of_scope: 403,
};

/** The error of a single-record request whose record was rejected. */
export function rejectionError(outcome: PostingOutcome): ApiError {
  const issues = outcome.issues ?? [];
  const recordError = issues.find((issue) => issue.code in RECORD_ERRORS);
  if (recordError) return new ApiError(RECORD_ERRORS[recordError.code]!, recordError.code, recordError.params ?? {});
  return validationError(issues);
}
