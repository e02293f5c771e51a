import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { valueLabel } from '../../resources/values.js';
import { dateOption, integerOption } from '../finance-options.js';

export interface ListOptions {
  store?: string;
  from?: string;
  to?: string;
  channel?: string;
  status?: string;
  limit?: string;
  all?: boolean;
}

/** List orders: a table for people, tab-separated lines when piped, a JSON array with --json. */
export async function list(context: Context, options: ListOptions): Promise<void> {
  const max = options.all ? Number.POSITIVE_INFINITY : integerOption('--limit', options.limit ?? '100');
  const filters = {
    ...(options.store ? { store_code: options.store } : {}),
    ...(options.from ? { from: dateOption(context, '--from', options.from) } : {}),
    ...(options.to ? { to: dateOption(context, '--to', options.to) } : {}),
    ...(options.channel ? { channel: options.channel as 'dine_in' } : {}),
    ...(options.status ? { status: options.status as 'posted' } : {}),
    limit: Math.min(500, Number.isFinite(max) ? max : 500),
  };
  const orders = [];
  for await (const order of context.client().orders.list(filters)) {
    if (orders.length >= max) break;
    orders.push(order);
  }
  // An unknown store code also finds no orders; asking for the store reports it as not found.
  if (orders.length === 0 && options.store) await context.client().stores.get(options.store);

  if (context.json) {
    context.io.stdout.write(toJson(orders));
    return;
  }
  if (orders.length === 0) {
    context.info(context.t('order.none'));
    return;
  }
  const t = (key: string) => context.t(key);
  // People read labels; piped output keeps the codes scripts compare against.
  const forPeople = Boolean(context.io.stdout.isTTY);
  const label = (value: string) => (forPeople ? valueLabel(value, context.language) : value);
  context.io.stdout.write(
    renderTable(
      orders,
      [
        { header: t('order.column.store'), value: (o) => o.store_code },
        { header: t('order.column.order'), value: (o) => o.order_number },
        { header: t('order.column.business_date'), value: (o) => o.business_date },
        { header: t('order.column.channel'), value: (o) => label(o.channel) },
        { header: t('order.column.net'), value: (o) => formatFen(o.net_fen), numeric: true },
        { header: t('order.column.tax'), value: (o) => formatFen(o.tax_fen), numeric: true },
        { header: t('order.column.cogs'), value: (o) => formatFen(o.cogs_fen), numeric: true },
        { header: t('order.column.refunded'), value: (o) => formatFen(o.refunded_fen), numeric: true },
        { header: t('order.column.status'), value: (o) => label(o.status) },
      ],
      forPeople,
    ),
  );
}
