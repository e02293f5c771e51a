import { BohConflictError, type components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';

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
 * stores its snapshot. Prints nothing. `closed` is true when the period is closed afterwards.
 */
export async function runClose(context: Context, options: RunCloseOptions): Promise<CloseChecklist & { closed: boolean }> {
  const ledger = context.client().ledger;
  const accept = options.accept ?? [];
  const checklist = await ledger.periodChecklist(options.period);
  if (checklist.status !== 'open') return { ...checklist, closed: true };

  const held = checklist.checks.filter((check) => !check.ok && !accept.includes(check.key));
  if (options.dryRun || held.length > 0) return { ...marked(checklist, accept), closed: false };

  try {
    await ledger.closePeriod(options.period, accept.length > 0 ? { accept } : {});
  } catch (error) {
    // Something changed between the checklist and the close: report the checklist as it is now.
    if (error instanceof BohConflictError && error.code === 'close_checklist_failed') return { ...(await ledger.periodChecklist(options.period)), closed: false };
    throw error;
  }
  return { ...(await ledger.periodChecklist(options.period)), closed: true };
}

/** Show the checks a dry run would accept as accepted, as the close would record them. */
function marked(checklist: CloseChecklist, accept: readonly string[]): CloseChecklist {
  const checks = checklist.checks.map((check) => (check.state === 'failed' && accept.includes(check.key) ? { ...check, state: 'accepted' as const, ok: true } : check));
  return { ...checklist, checks, ready: checks.every((check) => check.ok) };
}
