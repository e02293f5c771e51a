import { validationError } from './api-error.js';

/**
 * Reject a listing whose `to` date comes before its `from` date (422 naming `query.to`), which
 * would otherwise list nothing and look like an empty period.
 */
export function checkDateRange(query: { from?: string; to?: string }): void {
  if (query.from === undefined || query.to === undefined || query.to >= query.from) return;
  const issue = { field: 'query.to', code: 'date_order', params: { other: 'from', other_value: query.from }, value: query.to };
  throw validationError([issue]);
}
