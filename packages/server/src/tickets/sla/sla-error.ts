import { formatSlaMessage } from './format-message.js';
import type { SlaErrorCode } from './messages.js';

/** One invalid input: its path (`events[3].at`), a stable code and the params of its message. */
export interface SlaIssue {
  field: string;
  code: SlaErrorCode;
  params: Record<string, unknown>;
}

/**
 * Raised for invalid calendars, policies, timelines and instants, and when no due time can be
 * computed. `code` is stable and selects the message. A validation error has a summary code
 * (`sla_timeline_invalid`, …) and lists every problem found in `issues`.
 */
export class SlaError extends Error {
  readonly code: SlaErrorCode;
  readonly params: Record<string, unknown>;
  readonly issues: readonly SlaIssue[];

  constructor(code: SlaErrorCode, params: Record<string, unknown> = {}, issues: readonly SlaIssue[] = []) {
    super(`${code}: ${formatSlaMessage('en', `error.${code}`, params)}`);
    this.name = 'SlaError';
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

/** Build the validation error with a summary code for a non-empty list of issues. */
export function validationError(
  code: 'sla_calendar_invalid' | 'sla_policy_invalid' | 'sla_timeline_invalid',
  issues: readonly SlaIssue[],
): SlaError {
  return new SlaError(code, { count: issues.length, fields: issues.map((issue) => issue.field) }, issues);
}
