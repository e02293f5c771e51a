import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { integerOption } from '../finance-options.js';
import { checkFilterCodes } from '../filter-codes.js';

/** Show stock on hand by store and item. */
export async function onHand(context: Context, options: { store?: string; item?: string; negative?: boolean; limit?: string; all?: boolean }): Promise<void> {
  const max = options.all ? Number.POSITIVE_INFINITY : integerOption('--limit', options.limit ?? '500');
  const filters = { ...(options.store ? { store_code: options.store } : {}), ...(options.item ? { item_code: options.item } : {}), ...(options.negative ? { negative: true } : {}), limit: 500 };
  const balances = [];
  for await (const balance of context.client().stock.balances(filters)) {
    if (balances.length >= max) break;
    balances.push(balance);
  }
  if (balances.length === 0) await checkFilterCodes(context, options);
  if (context.json) {
    context.io.stdout.write(toJson(balances));
    return;
  }
  if (balances.length === 0) {
    context.info(context.t('stock.none'));
    return;
  }
  const t = (key: string) => context.t(key);
  context.io.stdout.write(
    renderTable(
      balances,
      [
        { header: t('stock.column.store'), value: (b) => b.store_code },
        { header: t('stock.column.item'), value: (b) => b.item_code },
        { header: t('stock.column.name'), value: (b) => b.item_name },
        { header: t('stock.column.quantity'), value: (b) => String(b.quantity), numeric: true },
        { header: t('stock.column.unit'), value: (b) => b.base_unit },
        { header: t('stock.column.value'), value: (b) => formatFen(b.value_fen), numeric: true },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}
