import { BohConflictError, type components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';

export type CloseChecklist = components['schemas']['CloseChecklist'];

export interface RunCloseOptions {
  period: string;
  dryRun: boolean;
  /** Keys of failing checks to close despite (finance); recorded by the server. */
  accept?: string[];
}

/**
 * Run the month-end close of a period through the API: read the checklist and, unless this is
 * a dry run or a blocking check fails without being accepted, close the period, which also
 * stores its snapshot. Prints nothing. `closed` is true when the period is closed afterwards, and
 * `already_closed` when it was closed or locked before. An --accept key the checklist lacks is a
 * usage error.
 */
export async function runClose(context: Context, options: RunCloseOptions): Promise<CloseChecklist & { closed: boolean; already_closed: boolean }> {
  const ledger = context.client().ledger;
  const accept = options.accept ?? [];
  const checklist = await ledger.periodChecklist(options.period);
  // A misspelt --accept would otherwise be ignored, and the check it meant would still hold the close.
  const keys = checklist.checks.map((check) => check.key);
  const unknown = accept.find((key) => !keys.includes(key));
  if (unknown !== undefined) throw new UsageError('close.error.unknown_check', { value: unknown, checks: keys.join(', ') });
  if (checklist.status !== 'open') return { ...checklist, closed: true, already_closed: true };

  const held = checklist.checks.filter((check) => !check.ok && !accept.includes(check.key));
  if (options.dryRun || held.length > 0) return { ...marked(checklist, accept), closed: false, already_closed: false };

  try {
    await ledger.closePeriod(options.period, accept.length > 0 ? { accept } : {});
  } catch (error) {
    // Something changed between the checklist and the close: report the checklist as it is now.
    if (error instanceof BohConflictError && error.code === 'close_checklist_failed') return { ...(await ledger.periodChecklist(options.period)), closed: false, already_closed: false };
    throw error;
  }
  return { ...(await ledger.periodChecklist(options.period)), closed: true, already_closed: false };
}

/** Show the checks a dry run would accept as accepted, as the close would record them. */
function marked(checklist: CloseChecklist, accept: readonly string[]): CloseChecklist {
  const checks = checklist.checks.map((check) => (check.state === 'failed' && accept.includes(check.key) ? { ...check, state: 'accepted' as const, ok: true } : check));
  return { ...checklist, checks, ready: checks.every((check) => check.ok) };
}
