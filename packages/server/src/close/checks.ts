import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DialectName } from '../db/connect.js';
import type { Language } from '../i18n/language.js';
import { translate } from '../i18n/messages.js';
import { orderPostingCheck, previousPeriodsCheck, stockCountCheck, trialBalanceCheck } from './builtin-checks.js';
import { reconciliationCheck } from './reconciliation-check.js';

// The month-end checklist (月结检查) is a registry of checks. Each reads the period and reports
// whether it passed, and a failing blocking check holds the close back unless finance accepts it.
// Other domains add their checks with registerCloseCheck when their module loads.

/** The input of a check: the database (the close's transaction during a close) and the period. */
export interface CloseCheckContext {
  db: Kysely<Database>;
  dialect: DialectName;
  period: string;
}

/** The finding of a check. `messageKey` and `params` word the detail in the reader's language. */
export interface CloseCheckOutcome {
  state: 'passed' | 'failed' | 'not_available';
  count?: number;
  amountFen?: number;
  messageKey: string;
  params?: Record<string, unknown>;
  /** Up to 20 examples of what is in the way: order numbers, job ids, count ids. */
  items?: string[];
}

export interface CloseCheck {
  /** Stable key, used in `accept` and in the audit history: lower case and underscores. */
  key: string;
  /** False for a warning, which never blocks the close. */
  blocking: boolean;
  run(context: CloseCheckContext): Promise<CloseCheckOutcome>;
}

/** One check's result in the API's shape. */
export interface CheckResult {
  key: string;
  ok: boolean;
  state: 'passed' | 'failed' | 'accepted' | 'not_available';
  blocking: boolean;
  count?: number;
  amount_fen?: number;
  detail: string;
  items?: string[];
}

const registry = new Map<string, CloseCheck>();

/** Add a check to the checklist, or replace the check with the same key. Checks run in the order they were first added. */
export function registerCloseCheck(check: CloseCheck): void {
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(check.key)) throw new Error(`close check key "${check.key}" must be lower case letters, digits and underscores`);
  registry.set(check.key, check);
}

/** Return the keys of every registered check, in order. */
export function closeCheckKeys(): string[] {
  return [...registry.keys()];
}

for (const check of [orderPostingCheck, trialBalanceCheck, stockCountCheck, reconciliationCheck, previousPeriodsCheck]) registerCloseCheck(check);

/**
 * Run every check for a period. A failed check whose key is in `accepted` is reported as
 * accepted. `ok` is false only for a blocking check that failed and was not accepted.
 */
export async function runCloseChecks(context: CloseCheckContext, language: Language, accepted: readonly string[] = []): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of registry.values()) {
    const outcome = await check.run(context);
    const state = outcome.state === 'failed' && accepted.includes(check.key) ? 'accepted' : outcome.state;
    const result: CheckResult = {
      key: check.key,
      ok: state !== 'failed' || !check.blocking,
      state,
      blocking: check.blocking,
      detail: translate(language, outcome.messageKey, { period: context.period, ...outcome.params }),
    };
    if (outcome.count !== undefined) result.count = outcome.count;
    if (outcome.amountFen !== undefined) result.amount_fen = outcome.amountFen;
    if (outcome.items && outcome.items.length > 0) result.items = outcome.items.slice(0, 20);
    results.push(result);
  }
  return results;
}
