import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { periodReconciliationStatus } from '../reconciliation/period-status.js';
import type { CloseCheck } from './checks.js';

/** The reconciliation status of a period, as reconciliation/period-status.ts reports it. */
export interface ReconciliationStatus {
  runs: number;
  unexplained: number;
  accepted: boolean;
  channels: string[];
}

export type ReconciliationStatusReader = (db: Kysely<Database>, period: string) => Promise<ReconciliationStatus>;

// A server without the reconciliation tables would report not_available; this one has them.
const readStatus: ReconciliationStatusReader | null = periodReconciliationStatus;

/** Payment methods settled through a channel's statement, which a reconciliation must cover. */
const CHANNEL_METHODS = ['wechat', 'alipay', 'unionpay'];

/**
 * reconciliations: every reconciliation of the period is run and has no unexplained items, or
 * finance accepted it. A period with channel payments but no run fails, because those payments
 * were never checked; a period without channel payments needs none.
 */
export const reconciliationCheck: CloseCheck = {
  key: 'reconciliations',
  blocking: true,
  async run({ db, period }) {
    if (!readStatus) return { state: 'not_available', messageKey: 'close.reconciliations.not_available' };
    const status = await readStatus(db, period);
    if (status.runs === 0) {
      const payments = await channelPaymentCount(db, period);
      if (payments === 0) return { state: 'passed', count: 0, messageKey: 'close.reconciliations.no_channel_payments' };
      return { state: 'failed', count: 0, messageKey: 'close.reconciliations.none', params: { payments } };
    }
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

async function channelPaymentCount(db: Kysely<Database>, period: string): Promise<number> {
  const row = await db
    .selectFrom('order_payments')
    .innerJoin('orders', (join) => join.onRef('orders.store_code', '=', 'order_payments.store_code').onRef('orders.order_number', '=', 'order_payments.order_number'))
    .where('orders.period', '=', period)
    .where('order_payments.method', 'in', CHANNEL_METHODS)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
