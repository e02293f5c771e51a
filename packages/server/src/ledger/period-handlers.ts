import { etagOf } from '../http/etag.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { closePeriodWithChecklist } from '../close/close-period.js';
import { postingContextOf } from '../sales/handlers.js';
import { changePeriod, newPeriodRow } from './periods.js';
import type { AccountingPeriodTable } from './tables.js';

function periodToApi(row: AccountingPeriodTable) {
  return {
    period: row.period,
    status: row.status as 'open' | 'closed' | 'locked',
    closed_at: row.closed_at,
    closed_by: row.closed_by,
    locked_at: row.locked_at,
    locked_by: row.locked_by,
    reopened_at: row.reopened_at,
    reopened_by: row.reopened_by,
    reopen_reason: row.reopen_reason,
    version: row.version,
    updated_at: row.updated_at,
  };
}

// Periods with a state and periods with postings; a month with postings but no row is open.
const listPeriods: Handler<'listPeriods'> = async (c) => {
  const limit = c.query.limit ?? 50;
  const stored = await c.db.selectFrom('accounting_periods').selectAll().execute();
  const posted = await c.db.selectFrom('ledger_balances').select('period').distinct().execute();
  const byPeriod = new Map(stored.map((row) => [row.period, row as AccountingPeriodTable]));
  const epoch = new Date(0).toISOString();
  for (const { period } of posted) if (!byPeriod.has(period)) byPeriod.set(period, newPeriodRow(period, epoch));

  let periods = [...byPeriod.values()].sort((a, b) => (a.period < b.period ? 1 : -1));
  if (c.query.status) periods = periods.filter((row) => row.status === c.query.status);
  if (c.query.cursor) {
    const after = decodeCursor(c.query.cursor, '-period').key;
    periods = periods.filter((row) => row.period < after);
  }
  const page = periods.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: { data: page.map(periodToApi), next_cursor: periods.length > limit && last ? encodeCursor({ sort: '-period', value: null, key: last.period }) : null },
  };
};

const getPeriod: Handler<'getPeriod'> = async (c) => {
  const row = (await c.db.selectFrom('accounting_periods').selectAll().where('period', '=', c.params.period).executeTakeFirst()) ?? newPeriodRow(c.params.period, new Date(0).toISOString());
  return { status: 200, body: periodToApi(row as AccountingPeriodTable), headers: { ETag: etagOf(row.version) } };
};

const closePeriod: Handler<'closePeriod'> = async (c) => {
  const row = await closePeriodWithChecklist(postingContextOf(c), c.params.period, c.body ?? {}, c.language);
  return { status: 200, body: periodToApi(row), headers: { ETag: etagOf(row.version) } };
};

const lockPeriod: Handler<'lockPeriod'> = async (c) => {
  const row = await changePeriod(postingContextOf(c), c.params.period, 'lock');
  return { status: 200, body: periodToApi(row), headers: { ETag: etagOf(row.version) } };
};

const reopenPeriod: Handler<'reopenPeriod'> = async (c) => {
  const row = await changePeriod(postingContextOf(c), c.params.period, 'reopen', c.body.reason);
  return { status: 200, body: periodToApi(row), headers: { ETag: etagOf(row.version) } };
};

export const periodHandlers = { listPeriods, getPeriod, closePeriod, lockPeriod, reopenPeriod };
