import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { localDateAt } from '../time/business-date.js';
import { PAIRS_TABLE } from './pairs-in-database.js';
import type { LineRecord } from './records.js';

// Lines read per query, by line number ranges of a statement.
const PAGE = 50_000;

/**
 * Read the payment and refund lines of statements into LineRecords, page by page in line order.
 * Payments are lines of money coming in, refunds lines of money going out; fee, transfer and
 * other lines are not POS payments and stay out of the matching (the bridge counts their fees).
 * With `excludePaired`, payment lines paired in the database (see pairInDatabase) are left out.
 */
export async function loadLineRecords(db: Kysely<Database>, statementIds: readonly string[], period: string, timeZone: string, excludePaired = false): Promise<LineRecord[]> {
  const records: LineRecord[] = [];
  for (const statementId of statementIds) {
    for (let after = 0; ; ) {
      let query = db
        .selectFrom('statement_lines')
        .select(['line_number', 'occurred_at', 'business_date', 'kind', 'flow', 'gross_fen', 'refund_fen', 'fee_milli_fen', 'transaction_id', 'merchant_order_number', 'refund_id', 'merchant_refund_id'])
        .where('statement_id', '=', statementId)
        .where('line_number', '>', after)
        .orderBy('line_number')
        .limit(PAGE);
      if (excludePaired) {
        query = query.where(
          sql<boolean>`not (kind = 'payment' and flow = 'in' and exists (select 1 from ${sql.raw(PAIRS_TABLE)} pair where pair.transaction_id = statement_lines.transaction_id))`,
        );
      }
      const rows = await query.execute();
      for (const row of rows) {
        const kind = recordKind(row.kind, row.flow);
        if (kind === null) continue;
        const atMs = row.occurred_at === null ? null : Date.parse(row.occurred_at);
        const localDate = atMs === null ? (row.business_date ?? '') : localDateAt(atMs, timeZone);
        records.push({
          key: `${statementId}:${row.line_number}`,
          kind,
          amountFen: Number(kind === 'payment' ? row.gross_fen : row.refund_fen),
          feeMilliFen: Number(row.fee_milli_fen),
          atMs,
          localDate,
          inPeriod: localDate.slice(0, 7) === period,
          transactionId: row.transaction_id,
          merchantOrderNumber: row.merchant_order_number,
          refundId: row.refund_id,
          merchantRefundId: row.merchant_refund_id,
        });
      }
      if (rows.length < PAGE) break;
      after = Number(rows.at(-1)!.line_number);
    }
  }
  return records;
}

/** Payments coming in and refunds going out are POS business; other lines are not. */
function recordKind(kind: string, flow: string): 'payment' | 'refund' | null {
  if (kind === 'payment' && flow === 'in') return 'payment';
  if (kind === 'refund' && flow === 'out') return 'refund';
  return null;
}
