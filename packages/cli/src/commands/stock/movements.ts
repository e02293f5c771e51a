import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { valueLabel } from '../../resources/values.js';
import { dateOption, integerOption } from '../finance-options.js';
import { checkFilterCodes } from '../filter-codes.js';

export interface MovementsOptions {
  store?: string;
  item?: string;
  kind?: string;
  from?: string;
  to?: string;
  limit?: string;
  all?: boolean;
}

/** List stock movements with the balance each one left. */
export async function movements(context: Context, options: MovementsOptions): Promise<void> {
  const max = options.all ? Number.POSITIVE_INFINITY : integerOption('--limit', options.limit ?? '500');
  const filters = {
    ...(options.store ? { store_code: options.store } : {}),
    ...(options.item ? { item_code: options.item } : {}),
    ...(options.kind ? { kind: options.kind as 'receipt' } : {}),
    ...(options.from ? { from: dateOption(context, '--from', options.from) } : {}),
    ...(options.to ? { to: dateOption(context, '--to', options.to) } : {}),
    limit: 500,
  };
  const rows = [];
  for await (const movement of context.client().stock.movements(filters)) {
    if (rows.length >= max) break;
    rows.push(movement);
  }
  if (rows.length === 0) await checkFilterCodes(context, options);
  if (context.json) {
    context.io.stdout.write(toJson(rows));
    return;
  }
  if (rows.length === 0) {
    context.info(context.t('stock.none'));
    return;
  }
  const t = (key: string) => context.t(key);
  // People read labels; piped output keeps the codes scripts compare against.
  const forPeople = Boolean(context.io.stdout.isTTY);
  const label = (value: string) => (forPeople ? valueLabel(value, context.language) : value);
  context.io.stdout.write(
    renderTable(
      rows,
      [
        { header: t('stock.column.business_date'), value: (m) => m.business_date },
        { header: t('stock.column.store'), value: (m) => m.store_code },
        { header: t('stock.column.item'), value: (m) => m.item_code },
        { header: t('stock.column.kind'), value: (m) => label(m.kind) },
        { header: t('stock.column.quantity'), value: (m) => String(m.quantity), numeric: true },
        { header: t('stock.column.value'), value: (m) => formatFen(m.value_fen), numeric: true },
        { header: t('stock.column.balance'), value: (m) => String(m.balance_quantity), numeric: true },
        { header: t('stock.column.flags'), value: (m) => m.flags.map(label).join(',') },
      ],
      forPeople,
    ),
  );
}
