import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { notFound } from '../http/api-error.js';
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

/** Read a statement, locking its row when `lock` (PostgreSQL only); 404 when it does not exist. */
export async function findStatement(db: Kysely<Database>, id: string, lock = false): Promise<StatementTable> {
  let query = db.selectFrom('statements').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = (await query.executeTakeFirst()) as StatementTable | undefined;
  if (!row) throw notFound('statement', id);
  return row;
}
