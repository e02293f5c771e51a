import type { WritePipeline } from '../db/write-pipeline.js';
import type { PostingContext } from '../ledger/context.js';
import { postJournalEntries } from '../ledger/journal.js';
import type { BatchScope } from './batch-scope.js';
import { EntryBuilder } from './entry-builder.js';
import type { RefundState } from './evaluate-refund.js';
import type { OrderState } from './order-state.js';
import type { OrderStream } from './order-stream.js';

/**
 * Write the rest of what a batch posted once its orders are valued, and return the batch id. The
 * rest is one journal entry per source, store and date, the refunds, the refund counters of
 * orders posted earlier, and the stock and summary rows. On PostgreSQL the stock, summary and
 * refund rows are queued behind the stream's last orders, so Node.js builds them while the server
 * still inserts orders. The journal entries come last: posting them waits for the queue.
 */
export async function writeBatch(
  context: PostingContext,
  scope: BatchScope,
  stream: OrderStream,
  orders: Map<string, OrderState>,
  refunds: Map<string, RefundState>,
): Promise<number> {
  const pipeline = stream.pipeline;
  try {
    const newOrders = await stream.finish();
    const batchId = stream.batchId;

    // The entries get the ids the stream gave the orders. Refunds and movements refer to them too.
    const built = scope.entries.build(batchId);
    const ids = await stream.entryIds(built.map((b) => b.key));
    const entryIds = new Map(built.map((b, index) => [b.key, ids[index]!]));
    for (const refund of refunds.values()) {
      refund.batchId = batchId;
      refund.journalEntryId = entryIds.get(EntryBuilder.key('refunds', refund.storeCode, refund.businessDate)) ?? null;
    }
    for (const row of scope.book.rows) {
      const source = row.kind === 'sale' ? 'sales' : 'refunds';
      row.journal_entry_id = entryIds.get(EntryBuilder.key(source, row.store_code, row.business_date)) ?? null;
      row.source_ref = `batch:${batchId}`;
    }

    await scope.book.write(context, { pipeline });
    await scope.summaries.write(pipeline);
    await writeRefunds(pipeline, [...refunds.values()]);

    await postJournalEntries(context, built.map((b) => b.entry), scope.accounts, ids);
    await stream.clearUnwrittenEntries(orders.values(), entryIds);
    await updateRefundedOrders(context, [...orders.values()].filter((order) => !order.isNew));
    await context.db.updateTable('posting_batches').set({ orders: newOrders, refunds: refunds.size }).where('id', '=', batchId).execute();
    await pipeline.finish();
    return batchId;
  } catch (error) {
    // A queued statement that failed makes every later statement fail, so its error is the cause.
    await pipeline.finish();
    throw error;
  }
}

async function writeRefunds(pipeline: WritePipeline, refunds: RefundState[]): Promise<void> {
  await pipeline.insert(
    'refunds',
    refunds.map((refund) => ({
      store_code: refund.storeCode,
      refund_number: refund.refundNumber,
      order_number: refund.orderNumber,
      kind: refund.kind,
      refunded_at: refund.refundedAt,
      business_date: refund.businessDate,
      period: refund.period,
      local_hour: refund.localHour,
      amount_fen: refund.amountFen,
      tax_fen: refund.taxFen,
      returned_value_fen: refund.returnedValueFen,
      return_stock: refund.returnStock,
      payments_given: refund.paymentsGiven,
      reason: refund.reason,
      input_hash: refund.inputHash,
      batch_id: refund.batchId,
      journal_entry_id: refund.journalEntryId,
      posted_at: refund.postedAt,
    })),
  );
  await pipeline.insert(
    'refund_lines',
    refunds.flatMap((refund) =>
      refund.lines.map((line) => ({
        store_code: refund.storeCode,
        refund_number: refund.refundNumber,
        line_number: line.lineNumber,
        quantity_micro: line.quantityMicro,
        amount_fen: line.amountFen,
        tax_fen: line.taxFen,
        returned: JSON.stringify(line.returned),
        returned_value_fen: line.returnedValueFen,
      })),
    ),
  );
  await pipeline.insert(
    'refund_payments',
    refunds.flatMap((refund) =>
      refund.payments.map((payment) => ({
        store_code: refund.storeCode,
        refund_number: refund.refundNumber,
        sequence: payment.sequence,
        method: payment.method,
        amount_fen: payment.amountFen,
        transaction_id: payment.transactionId,
        account_code: payment.accountCode,
      })),
    ),
  );
}

/** Write the refund counters of orders posted by earlier batches. */
async function updateRefundedOrders(context: PostingContext, orders: OrderState[]): Promise<void> {
  for (const order of orders) {
    const match = { store_code: order.storeCode, order_number: order.orderNumber };
    await context.db
      .updateTable('orders')
      .set({ refunded_fen: order.refundedFen, status: order.status })
      .where('store_code', '=', match.store_code)
      .where('order_number', '=', match.order_number)
      .execute();
    for (const line of order.lines.filter((l) => order.changedLines.has(l.lineNumber))) {
      await context.db
        .updateTable('order_lines')
        .set({
          refunded_quantity_micro: line.refundedQuantityMicro,
          refunded_fen: line.refundedFen,
          refunded_tax_fen: line.refundedTaxFen,
          settled_consumption: JSON.stringify(line.settled),
        })
        .where('store_code', '=', match.store_code)
        .where('order_number', '=', match.order_number)
        .where('line_number', '=', line.lineNumber)
        .execute();
    }
    for (const payment of order.payments.filter((p) => order.changedPayments.has(p.sequence))) {
      await context.db
        .updateTable('order_payments')
        .set({ refunded_fen: payment.refundedFen })
        .where('store_code', '=', match.store_code)
        .where('order_number', '=', match.order_number)
        .where('sequence', '=', payment.sequence)
        .execute();
    }
  }
}
