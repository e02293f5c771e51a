import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { UsageError } from '../../runtime/errors.js';
import { confirmChange } from '../../runtime/prompt.js';
import { dateOption, integerOption, specParts } from '../finance-options.js';
import { checkFilterCodes } from '../filter-codes.js';
import { readCountFile } from './count-file.js';

type Count = Awaited<ReturnType<ReturnType<Context['client']>['stock']['counts']['get']>>;

/** Start a count sheet. */
export async function createCount(context: Context, options: { store: string; item?: string[]; date?: string; uncounted?: 'skip' | 'zero' }): Promise<void> {
  const count = await context.client().stock.counts.create({
    store_code: options.store,
    ...(options.item ? { item_codes: options.item } : {}),
    ...(options.date ? { count_date: dateOption(context, '--date', options.date) } : {}),
    ...(options.uncounted ? { uncounted: options.uncounted } : {}),
  });
  context.info(context.t('stock.count.created', { id: count.id, store: count.store_code, lines: count.lines.length }));
  printCount(context, count);
}

/** Enter counted quantities from --line options and a file, in one request. */
export async function enterCount(context: Context, idText: string, options: { line?: string[]; file?: string }): Promise<void> {
  const id = integerOption('<id>', idText);
  const lines = (options.line ?? []).map((spec) => {
    const [item, quantity, unit] = specParts('--line', spec, 2, 3, 'ITEM:QUANTITY[:UNIT]');
    const value = Number(quantity);
    if (!/^\d+(\.\d+)?$/.test(quantity!) || !Number.isFinite(value)) throw new UsageError('finance.error.quantity', { option: '--line', value: quantity });
    return { item_code: item!, quantity: value, ...(unit ? { unit } : {}) };
  });
  if (options.file) lines.push(...(await readCountFile(options.file, context.language, (key, params) => context.t(key, params))));
  if (lines.length === 0) throw new UsageError('error.missing_option', { option: '--line / --file', prompt_hint: '' });

  const client = context.client();
  const current = await client.stock.counts.get(id);
  const count = await client.stock.counts.update(id, { lines }, { ifVersion: current.version });
  printCount(context, count);
}

export async function showCount(context: Context, idText: string): Promise<void> {
  printCount(context, await context.client().stock.counts.get(integerOption('<id>', idText)));
}

/** Post a count after confirmation (or --yes). */
export async function postCount(context: Context, idText: string): Promise<void> {
  const id = integerOption('<id>', idText);
  const client = context.client();
  const current = await client.stock.counts.get(id);
  await confirmChange(context, context.t('stock.count.confirm_post', { id, store: current.store_code, variance: formatFen(current.variance_value_fen) }));
  const count = await client.stock.counts.post(id, { ifVersion: current.version });
  context.info(context.t('stock.count.posted', { id, variance: formatFen(count.variance_value_fen), entry: count.journal_entry_id ?? '-' }));
  printCount(context, count);
}

export async function cancelCount(context: Context, idText: string): Promise<void> {
  const id = integerOption('<id>', idText);
  const client = context.client();
  const current = await client.stock.counts.get(id);
  await confirmChange(context, `${context.t('stock.count.cancel.description')}: ${id}`);
  printCount(context, await client.stock.counts.cancel(id, { ifVersion: current.version }));
}

export async function listCounts(context: Context, options: { store?: string }): Promise<void> {
  const counts = await context.client().stock.counts.list(options.store ? { store_code: options.store } : {}).toArray({ max: 10_000 });
  if (counts.length === 0) await checkFilterCodes(context, options);
  if (context.json) {
    context.io.stdout.write(toJson(counts));
    return;
  }
  const t = (key: string) => context.t(key);
  // People read labels; piped output keeps the codes scripts compare against.
  const forPeople = Boolean(context.io.stdout.isTTY);
  context.io.stdout.write(
    renderTable(
      counts,
      [
        { header: t('stock.column.id'), value: (c) => String(c.id), numeric: true },
        { header: t('stock.column.store'), value: (c) => c.store_code },
        { header: t('stock.column.date'), value: (c) => c.count_date },
        { header: t('stock.column.status'), value: (c) => (forPeople ? context.t(`stock.count.status.${c.status}`) : c.status) },
      ],
      forPeople,
    ),
  );
}

function printCount(context: Context, count: Count): void {
  if (context.json) {
    context.io.stdout.write(toJson(count));
    return;
  }
  if (context.quiet) return;
  const t = (key: string) => context.t(key);
  context.io.stdout.write(
    renderTable(
      count.lines,
      [
        { header: t('stock.column.item'), value: (l) => l.item_code },
        { header: t('stock.column.name'), value: (l) => l.item_name },
        { header: t('stock.column.system'), value: (l) => String(l.system_quantity), numeric: true },
        { header: t('stock.column.counted'), value: (l) => (l.counted_quantity === null ? '' : String(l.counted_quantity)), numeric: true },
        { header: t('stock.column.unit'), value: (l) => l.base_unit },
        { header: t('stock.column.variance'), value: (l) => (l.variance_quantity === null ? '' : String(l.variance_quantity)), numeric: true },
        { header: t('stock.column.variance_value'), value: (l) => formatFen(l.variance_value_fen), numeric: true },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}
