import { recordChange, type FieldChange } from '../audit/record.js';
import { ApiError } from '../http/api-error.js';
import { postingTime, type PostingContext } from './context.js';
import type { AccountingPeriodTable } from './tables.js';

// Accounting periods (会计期间) are calendar months, `YYYY-MM`, of entry dates: a sale's entry
// date is its business date, computed in the store's time zone. A period is open until finance
// closes it (月结), and locked after that; nothing posts into a closed or locked period.
// Reopening, from either state, is for admins and is audited with its reason. A month with no
// row is open. The month-end checklist builds on these three states.

export const PERIOD_STATUSES = ['open', 'closed', 'locked'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `value` is a period `YYYY-MM`. */
export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/**
 * Make sure the periods have rows and return their statuses. On PostgreSQL the rows are read
 * FOR SHARE, so a period cannot be closed while this transaction posts into it: closing takes
 * the row FOR UPDATE and waits. SQLite runs one write transaction at a time and needs no lock.
 */
export async function lockPeriodsForPosting(context: PostingContext, periods: Iterable<string>): Promise<Map<string, PeriodStatus>> {
  const wanted = [...new Set(periods)].sort();
  const statuses = new Map<string, PeriodStatus>();
  if (wanted.length === 0) return statuses;

  const now = postingTime(context);
  await context.db
    .insertInto('accounting_periods')
    .values(wanted.map((period) => newPeriodRow(period, now)))
    .onConflict((oc) => oc.column('period').doNothing())
    .execute();

  let query = context.db.selectFrom('accounting_periods').select(['period', 'status']).where('period', 'in', wanted).orderBy('period');
  if (context.dialect === 'postgres') query = query.forShare();
  for (const row of await query.execute()) statuses.set(row.period, row.status as PeriodStatus);
  return statuses;
}

/** Reject with 409 period_closed, naming the first period that is not open. */
export async function assertPeriodsOpen(context: PostingContext, periods: Iterable<string>): Promise<void> {
  const statuses = await lockPeriodsForPosting(context, periods);
  for (const [period, status] of statuses) {
    if (status !== 'open') throw periodClosedError(period, status);
  }
}

/** Build the error for a posting into a closed or locked period. */
export function periodClosedError(period: string, status: PeriodStatus): ApiError {
  return new ApiError(409, 'period_closed', { period, status });
}

export type PeriodAction = 'close' | 'lock' | 'reopen';

const TRANSITIONS: Record<PeriodAction, { from: readonly PeriodStatus[]; to: PeriodStatus }> = {
  close: { from: ['open'], to: 'closed' },
  lock: { from: ['closed'], to: 'locked' },
  reopen: { from: ['closed', 'locked'], to: 'open' },
};

/**
 * Move a period to its next state: close (open → closed), lock (closed → locked) or reopen
 * (closed or locked → open, with a reason). The row is locked for the change, so on PostgreSQL
 * the change waits for postings into the period to commit. Repeating a change that is already
 * done returns the period as it is. `auditChanges` join the status change in the audit event,
 * such as the checks a close accepted.
 */
export async function changePeriod(
  context: PostingContext,
  period: string,
  action: PeriodAction,
  reason?: string,
  auditChanges: FieldChange[] = [],
): Promise<AccountingPeriodTable> {
  const now = postingTime(context);
  await context.db
    .insertInto('accounting_periods')
    .values(newPeriodRow(period, now))
    .onConflict((oc) => oc.column('period').doNothing())
    .execute();

  let query = context.db.selectFrom('accounting_periods').selectAll().where('period', '=', period);
  if (context.dialect === 'postgres') query = query.forUpdate();
  const row = (await query.executeTakeFirstOrThrow()) as AccountingPeriodTable;

  const transition = TRANSITIONS[action];
  const status = row.status as PeriodStatus;
  if (status === transition.to && action !== 'reopen') return row;
  if (!transition.from.includes(status)) {
    throw new ApiError(409, 'period_transition_invalid', { period, status, action, allowed_from: transition.from });
  }

  const by = context.actor.name;
  const changes: Partial<AccountingPeriodTable> =
    action === 'close'
      ? { status: 'closed', closed_at: now, closed_by: by }
      : action === 'lock'
        ? { status: 'locked', locked_at: now, locked_by: by }
        : { status: 'open', reopened_at: now, reopened_by: by, reopen_reason: reason ?? null };
  const version = row.version + 1;
  await context.db
    .updateTable('accounting_periods')
    .set({ ...changes, version, updated_at: now })
    .where('period', '=', period)
    .execute();

  await recordChange(context.db, {
    resource: 'accounting_period',
    key: period,
    action,
    actor: context.actor,
    changes: [
      { field: 'status', before: status, after: transition.to },
      ...(reason ? [{ field: 'reason', before: null, after: reason }] : []),
      ...auditChanges,
    ],
    at: now,
  });
  return { ...row, ...changes, version, updated_at: now };
}

/** Build the row of a period that has none yet: open. */
export function newPeriodRow(period: string, now: string): AccountingPeriodTable {
  return {
    period,
    status: 'open',
    closed_at: null,
    closed_by: null,
    locked_at: null,
    locked_by: null,
    reopened_at: null,
    reopened_by: null,
    reopen_reason: null,
    version: 1,
    updated_at: now,
  };
}

/** Periods between two periods, inclusive, in order: 2024-11 … 2025-02. */
export function periodRange(from: string, to: string): string[] {
  const periods: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const period = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (period > to) break;
    periods.push(period);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return periods;
}
