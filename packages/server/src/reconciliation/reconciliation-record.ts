import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { notFound } from '../http/api-error.js';
import type { ReconciliationTable } from './tables.js';
import './tables.js';

export type ReconciliationApi = components['schemas']['Reconciliation'];

export function reconciliationToApi(row: ReconciliationTable): ReconciliationApi {
  const summary = JSON.parse(row.summary) as ReconciliationApi['summary'];
  // Summaries stored before the `unrelated` state existed lack it.
  if (summary.states) summary.states.unrelated ??= { count: 0, amount_fen: 0 };
  return {
    id: row.id,
    channel: row.channel as ReconciliationApi['channel'],
    period: row.period,
    store_code: row.store_code === '' ? null : row.store_code,
    statement_ids: JSON.parse(row.statement_ids) as string[],
    tolerance_fen: Number(row.tolerance_fen),
    window_seconds: Number(row.window_seconds),
    write_off_account: row.write_off_account,
    time_zone: row.time_zone,
    summary,
    unexplained: summary.unexplained,
    runs: Number(row.runs),
    created_by: row.created_by,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
    accepted_by: row.accepted_by,
    accepted_at: row.accepted_at === null ? null : new Date(row.accepted_at).toISOString(),
  };
}

export async function findReconciliation(db: Kysely<Database>, id: string, lock = false): Promise<ReconciliationTable> {
  let query = db.selectFrom('reconciliations').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = (await query.executeTakeFirst()) as ReconciliationTable | undefined;
  if (!row) throw notFound('reconciliation', id);
  return row;
}
