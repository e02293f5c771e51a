import { sql } from 'kysely';
import type { components } from '@boh/sdk/types';
import { ApiError, toProblem } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { callerOf } from '../masterdata/resource.js';
import { applyTransition } from './transition.js';

type RowReport = components['schemas']['BatchTransitionReport']['rows'][number];

/**
 * Apply lifecycle moves row by row in one transaction, each row inside a savepoint so a rejected
 * row leaves no trace. A dry run, or an atomic batch with a rejected row, rolls back to the
 * savepoint taken before the first row, so nothing is written and the report still shows what
 * each row would have done. Errors other than rejections (a lost connection) fail the request.
 */
const transitionStores: Handler<'transitionStores'> = async (c) => {
  const dryRun = c.body.dry_run ?? false;
  const atomic = c.body.atomic ?? true;
  const caller = callerOf(c);
  const reports: RowReport[] = [];

  await sql`savepoint boh_batch`.execute(c.db);
  for (const [index, row] of c.body.rows.entries()) {
    const rowNumber = row.row ?? index + 1;
    const before = await c.db.selectFrom('stores').select('lifecycle_stage').where('code', '=', row.store_code).executeTakeFirst();
    const base = { row: rowNumber, store_code: row.store_code, from_stage: (before?.lifecycle_stage ?? null) as RowReport['from_stage'], to_stage: row.to_stage };

    await sql`savepoint boh_row`.execute(c.db);
    try {
      const outcome = await applyTransition(caller, row.store_code, row);
      await sql`release savepoint boh_row`.execute(c.db);
      reports.push({ ...base, status: 'applied', transition_id: outcome.transition.id, overridden: outcome.transition.overridden, error: null });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await sql`rollback to savepoint boh_row`.execute(c.db);
      await sql`release savepoint boh_row`.execute(c.db);
      const problem = toProblem(error, c.language, c.requestId);
      reports.push({ ...base, status: 'rejected', transition_id: null, overridden: false, error: { code: problem.code, message: rowMessage(problem), params: error.params } });
    }
  }

  const rejected = reports.filter((report) => report.status === 'rejected').length;
  const applied = !dryRun && !(atomic && rejected > 0);
  if (applied) {
    await sql`release savepoint boh_batch`.execute(c.db);
  } else {
    await sql`rollback to savepoint boh_batch`.execute(c.db);
    await sql`release savepoint boh_batch`.execute(c.db);
    for (const report of reports) {
      if (report.status === 'applied') Object.assign(report, { status: 'valid', transition_id: null });
    }
  }

  const valid = reports.length - rejected;
  const body = {
    dry_run: dryRun,
    atomic,
    applied,
    counts: { total: reports.length, valid, rejected, applied: applied ? valid : 0 },
    rows: reports,
  };
  return { status: 200, body };
};

// A validation failure's detail only counts the fields; the row report names them.
function rowMessage(problem: ReturnType<typeof toProblem>): string {
  if (!problem.errors || problem.errors.length === 0) return problem.detail;
  return problem.errors.map((issue) => issue.message).join('; ');
}

export const batchHandlers = { transitionStores };
