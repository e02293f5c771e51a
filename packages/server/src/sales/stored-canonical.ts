import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CanonicalOrder, CanonicalRefund } from './canonical.js';

// The canonical form of a stored order or refund, rebuilt from its rows, to name what differs
// when the same number comes again with other content.

export async function storedOrderCanonical(db: Kysely<Database>, storeCode: string, orderNumber: string): Promise<CanonicalOrder> {
  const order = await db.selectFrom('orders').selectAll().where('store_code', '=', storeCode).where('order_number', '=', orderNumber).executeTakeFirstOrThrow();
  const lines = await db.selectFrom('order_lines').selectAll().where('store_code', '=', storeCode).where('order_number', '=', orderNumber).orderBy('line_number').execute();
  const payments = await db.selectFrom('order_payments').selectAll().where('store_code', '=', storeCode).where('order_number', '=', orderNumber).orderBy('sequence').execute();
  return {
    store_code: order.store_code,
    order_number: order.order_number,
    channel: order.channel,
    ordered_at: order.ordered_at,
    guests: order.guests,
    discount_fen: Number(order.order_discount_fen),
    note: order.note,
    lines: lines.map((line) => ({
      menu_item_code: line.menu_item_code,
      item_code: line.item_code,
      quantity_micro: Number(line.quantity_micro),
      unit_price_fen: Number(line.unit_price_fen),
      discount_fen: Number(line.discount_fen),
    })),
    payments: payments.map((payment) => ({
      method: payment.method,
      amount_fen: Number(payment.amount_fen),
      transaction_id: payment.transaction_id,
      merchant_order_number: payment.merchant_order_number,
    })),
  };
}

export async function storedRefundCanonical(db: Kysely<Database>, storeCode: string, refundNumber: string): Promise<CanonicalRefund> {
  const refund = await db.selectFrom('refunds').selectAll().where('store_code', '=', storeCode).where('refund_number', '=', refundNumber).executeTakeFirstOrThrow();
  const lines = await db.selectFrom('refund_lines').selectAll().where('store_code', '=', storeCode).where('refund_number', '=', refundNumber).orderBy('line_number').execute();
  const payments = await db.selectFrom('refund_payments').selectAll().where('store_code', '=', storeCode).where('refund_number', '=', refundNumber).orderBy('sequence').execute();
  return {
    store_code: refund.store_code,
    order_number: refund.order_number,
    refund_number: refund.refund_number,
    refunded_at: refund.refunded_at,
    reason: refund.reason,
    return_stock: Boolean(refund.return_stock),
    amount_fen: refund.kind === 'amount' ? Number(refund.amount_fen) : null,
    lines: refund.kind === 'lines' ? lines.map((line) => ({ line_number: line.line_number, quantity_micro: Number(line.quantity_micro) })) : [],
    payments: refund.payments_given ? payments.map((payment) => ({ sequence: payment.sequence, amount_fen: Number(payment.amount_fen), transaction_id: payment.transaction_id })) : [],
  };
}
