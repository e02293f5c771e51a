import { bulkInsert } from '../db/bulk-insert.js';
import { ApiError } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { findStatement } from './statement-record.js';
import type { StatementLineTable } from './tables.js';

/**
 * Store a batch of lines of an open statement. The batch's line numbers replace any stored
 * before, so a client may send a batch again after a lost response. Lines already in another
 * statement are compared when the statement is finished (see statement-finish.ts).
 */
export const addStatementLines: Handler<'addStatementLines'> = async (c) => {
  const statement = await findStatement(c.db, c.params.id, c.database.dialect === 'postgres');
  if (statement.status !== 'open') throw new ApiError(409, 'statement_closed', { id: statement.id });

  const lines = c.body.lines;
  const numbers = lines.map((line) => line.line);
  const [deleted] = await c.db
    .deleteFrom('statement_lines')
    .where('statement_id', '=', statement.id)
    .where('line_number', '>=', Math.min(...numbers))
    .where('line_number', '<=', Math.max(...numbers))
    .execute();
  const rows: StatementLineTable[] = lines.map((line) => ({
    statement_id: statement.id,
    line_number: line.line,
    fingerprint: line.fingerprint,
    occurred_at: line.occurred_at ?? null,
    business_date: line.business_date ?? null,
    kind: line.kind,
    flow: line.flow,
    gross_fen: line.gross_fen,
    refund_fen: line.refund_fen,
    fee_milli_fen: line.fee_milli_fen,
    net_milli_fen: line.net_milli_fen,
    transaction_id: line.transaction_id ?? null,
    merchant_order_number: line.merchant_order_number ?? null,
    refund_id: line.refund_id ?? null,
    merchant_refund_id: line.merchant_refund_id ?? null,
    store_id: line.store_id ?? null,
    description: line.description ?? null,
    counterparty: line.counterparty ?? null,
    memo: line.memo ?? null,
  }));
  await bulkInsert({ db: c.db, dialect: c.database.dialect }, 'statement_lines', rows as unknown as Record<string, unknown>[]);

  // Counted from the rows this request replaced and added rather than by count(*), which read
  // every stored line of the statement again for each batch.
  const received = Number(statement.lines_received) - Number(deleted?.numDeletedRows ?? 0) + rows.length;
  await c.db.updateTable('statements').set({ lines_received: received }).where('id', '=', statement.id).execute();
  return { status: 200, body: { statement_id: statement.id, received: lines.length, lines_received: received } };
};
