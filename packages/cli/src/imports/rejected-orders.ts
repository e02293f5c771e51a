import type { PendingRecord } from './records.js';

/**
 * The sales orders of this import that were rejected, by store and order number, with their file
 * line. A refund of such an order fails with `order_not_found`, and the reason then names the line
 * of the rejected order instead of only saying that no such order was posted.
 */
export class RejectedOrders {
  private readonly lines = new Map<string, number>();

  /** Remember a rejected record when it is a sale row (not a refund row). */
  add(record: PendingRecord): void {
    const fields = record.fields;
    const isRefund = fields.row_type === 'refund' || filled(fields.refund_no) || filled(fields.original_order_no);
    if (isRefund || !filled(fields.order_no)) return;
    this.lines.set(orderKey(fields.store_code, fields.order_no), record.line);
  }

  /** Return the file line of the rejected order a refund record refers to, if any. */
  lineOfOriginal(record: PendingRecord): number | undefined {
    const fields = record.fields;
    const original = filled(fields.original_order_no) ? fields.original_order_no : fields.order_no;
    return this.lines.get(orderKey(fields.store_code, original));
  }
}

function filled(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function orderKey(store: unknown, order: unknown): string {
  return `${String(store)}\u0000${String(order)}`;
}
