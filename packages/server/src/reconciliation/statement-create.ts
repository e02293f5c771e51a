import { randomBytes } from 'node:crypto';
import type { Handler } from '../http/handler.js';
import { duplicateStatementError, statementToApi } from './statement-record.js';
import type { StatementTable } from './tables.js';

export const DEFAULT_STATEMENT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Start storing a statement. A finished statement with the same file hash is a duplicate (409
 * `statement_duplicate` naming it); an open one with the same hash is an earlier load that
 * stopped half-way, and is replaced.
 */
export const createStatement: Handler<'createStatement'> = async (c) => {
  const body = c.body;
  const earlier = (await c.db.selectFrom('statements').selectAll().where('file_sha256', '=', body.file_sha256).execute()) as StatementTable[];
  const finished = earlier.find((row) => row.status === 'finished');
  if (finished) throw duplicateStatementError(finished, 'file_sha256');
  for (const row of earlier) {
    await c.db.deleteFrom('statement_lines').where('statement_id', '=', row.id).execute();
    await c.db.deleteFrom('statements').where('id', '=', row.id).execute();
  }

  const row: StatementTable = {
    id: `stm_${randomBytes(8).toString('hex')}`,
    channel: body.channel,
    layout: body.layout,
    file_name: body.file_name,
    file_sha256: body.file_sha256,
    period: body.period,
    merchant_id: body.merchant_id ?? null,
    time_zone: body.time_zone ?? DEFAULT_STATEMENT_TIME_ZONE,
    line_count: body.line_count,
    lines_received: 0,
    quarantined: body.quarantined ?? 0,
    gross_fen: body.totals.gross_fen,
    refund_fen: body.totals.refund_fen,
    fee_milli_fen: body.totals.fee_milli_fen,
    net_milli_fen: body.totals.net_milli_fen,
    status: 'open',
    created_by: c.principal.name,
    created_at: c.now().toISOString(),
    finished_at: null,
  };
  await c.db.insertInto('statements').values(row).execute();
  return { status: 201, body: statementToApi(row) };
};
