import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CloseCheck } from './checks.js';

/** The reconciliation status of a period, as reconciliation/period-status.ts reports it. */
export interface ReconciliationStatus {
  runs: number;
  unexplained: number;
  accepted: boolean;
  channels: string[];
}

export type ReconciliationStatusReader = (db: Kysely<Database>, period: string) => Promise<ReconciliationStatus>;

// Until the reconciliation domain is merged there is nothing to read, and the check reports
// not_available without blocking. Wiring it is this one line:
//   const readStatus = (async (db, period) => (await import('../reconciliation/period-status.js')).periodReconciliationStatus(db, period)) as ReconciliationStatusReader | null;
const readStatus = null as ReconciliationStatusReader | null;

/**
 * reconciliations: every reconciliation of the period is run and has no unexplained items, or
 * finance accepted it. A period without any run fails: the payments were never checked.
 */
export const reconciliationCheck: CloseCheck = {
  key: 'reconciliations',
  blocking: true,
  async run({ db, period }) {
    if (!readStatus) return { state: 'not_available', messageKey: 'close.reconciliations.not_available' };
    const status = await readStatus(db, period);
    if (status.runs === 0) return { state: 'failed', count: 0, messageKey: 'close.reconciliations.none' };
    const ok = status.unexplained === 0 || status.accepted;
    return {
      state: ok ? 'passed' : 'failed',
      count: status.unexplained,
      messageKey: ok ? 'close.reconciliations.passed' : 'close.reconciliations.failed',
      params: { runs: status.runs, unexplained: status.unexplained, channels: status.channels.join(', ') },
      items: status.channels,
    };
  },
};
