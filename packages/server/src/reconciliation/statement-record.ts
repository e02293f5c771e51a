import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { StatementTable } from './tables.js';
import './tables.js';

export type StatementApi = components['schemas']['Statement'];

export function statementToApi(row: StatementTable): StatementApi {
  return {
    id: row.id,
    channel: row.channel as StatementApi['channel'],
    layout: row.layout,
    file_name: row.file_name,
    file_sha256: row.file_sha256,
    period: row.period,
    merchant_id: row.merchant_id,
    time_zone: row.time_zone,
    line_count: Number(row.line_count),
    lines_received: Number(row.lines_received),
    quarantined: Number(row.quarantined),
    totals: { gross_fen: Number(row.gross_fen), refund_fen: Number(row.refund_fen), fee_milli_fen: Number(row.fee_milli_fen), net_milli_fen: Number(row.net_milli_fen) },
    status: row.status as StatementApi['status'],
    created_by: row.created_by,
    created_at: new Date(row.created_at).toISOString(),
    finished_at: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  };
}

/**
 * Build the 409 `statement_duplicate` for a bill that `earlier`, a finished statement, already
 * contains. `by` is how it was found: `file_sha256` (the same file) or `fingerprint` (every
 * line). The message names the statement, its file and when it was loaded. The file hash is only
 * in the params, for programs.
 */
export function duplicateStatementError(earlier: StatementTable, by: 'file_sha256' | 'fingerprint', extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(409, 'statement_duplicate', {
    id: earlier.id,
    file: earlier.file_name,
    period: earlier.period,
    loaded_at: new Date(earlier.created_at).toISOString(),
    by,
    file_sha256: earlier.file_sha256,
    ...extra,
  });
}

/** Read a statement, locking its row when `lock` (PostgreSQL only); 404 when it does not exist. */
export async function findStatement(db: Kysely<Database>, id: string, lock = false): Promise<StatementTable> {
  let query = db.selectFrom('statements').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = (await query.executeTakeFirst()) as StatementTable | undefined;
  if (!row) throw notFound('statement', id);
  return row;
}
