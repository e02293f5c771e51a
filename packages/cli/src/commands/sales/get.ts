import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { valueLabel } from '../../resources/values.js';
import { writeLine } from '../../runtime/io.js';

/**
 * Show one order: its totals, lines, payments and refunds, with channel, status and payment
 * methods by their labels. Scripts read the codes with --json.
 */
export async function get(context: Context, store: string, number: string): Promise<void> {
  const order = await context.client().orders.get(store, number);
  if (context.json) {
    context.io.stdout.write(toJson(order));
    return;
  }
  const t = (key: string, params?: Record<string, unknown>) => context.t(key, params);
  const out = context.io.stdout;
  const forPeople = Boolean(out.isTTY);
  const label = (value: string) => valueLabel(value, context.language);
  writeLine(out, t('order.label.order', { store_code: order.store_code, number: order.order_number, business_date: order.business_date, channel: label(order.channel), status: label(order.status) }));
  writeLine(out, t('order.label.totals', { gross: formatFen(order.gross_fen), discount: formatFen(order.discount_fen), net: formatFen(order.net_fen), tax: formatFen(order.tax_fen), cogs: formatFen(order.cogs_fen), refunded: formatFen(order.refunded_fen) }));
  out.write(
    renderTable(
      order.lines,
      [
        { header: t('order.column.line'), value: (l) => String(l.line_number), numeric: true },
        { header: t('order.column.item'), value: (l) => l.menu_item_code ?? l.item_code ?? '' },
        { header: t('order.column.quantity'), value: (l) => String(l.quantity), numeric: true },
        { header: t('order.column.unit_price'), value: (l) => formatFen(l.unit_price_fen), numeric: true },
        { header: t('order.column.discount'), value: (l) => formatFen(l.discount_fen + l.allocated_discount_fen), numeric: true },
        { header: t('order.column.net'), value: (l) => formatFen(l.net_fen), numeric: true },
        { header: t('order.column.tax'), value: (l) => formatFen(l.tax_fen), numeric: true },
        { header: t('order.column.cogs'), value: (l) => formatFen(l.cogs_fen), numeric: true },
      ],
      forPeople,
    ),
  );
  out.write(
    renderTable(
      order.payments,
      [
        { header: t('order.column.method'), value: (p) => label(p.method) },
        { header: t('order.column.amount'), value: (p) => formatFen(p.amount_fen), numeric: true },
        { header: t('order.column.refunded'), value: (p) => formatFen(p.refunded_fen), numeric: true },
        { header: t('order.column.account'), value: (p) => p.account_code },
      ],
      forPeople,
    ),
  );
  for (const refund of order.refunds) writeLine(out, t('order.label.refund', { refund_number: refund.refund_number, business_date: refund.business_date, amount: formatFen(refund.amount_fen) }));
}
