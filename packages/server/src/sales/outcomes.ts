import { ApiError, type FieldIssue } from '../http/api-error.js';
import type { Difference } from './canonical.js';

/**
 * Why an order or refund of a batch was not posted, located at a field or at the whole record
 * (a closed period, missing stock). Every code has a `field.<code>` message.
 */
export type PostingIssue = FieldIssue;

export type Outcome = 'posted' | 'duplicate' | 'rejected' | 'conflict';

/** What happened to one order or refund of a batch. */
export interface PostingOutcome {
  index: number;
  store_code: string | null;
  order_number: string | null;
  refund_number?: string | null;
  outcome: Outcome;
  issues?: PostingIssue[];
  differences?: Difference[];
}

/** The issues an error thrown while checking a record stands for, located under `field`. */
export function issuesOfError(error: unknown, field: string): PostingIssue[] {
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'validation_failed' && error.fieldIssues.length > 0) return error.fieldIssues;
  return [{ field, code: error.code, params: error.params }];
}

/** Thrown inside the evaluation of one record to reject it with these issues. */
export class Rejection extends Error {
  readonly issues: PostingIssue[];

  constructor(issues: PostingIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.code}`).join('; '));
    this.issues = issues;
  }
}
