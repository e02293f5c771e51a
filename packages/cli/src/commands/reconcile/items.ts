import type { components } from '@boh/sdk';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable, type Column } from '../../output/table.js';
import type { Context } from '../../runtime/context.js';
import { integerOption } from '../finance-options.js';

type Item = components['schemas']['ReconciliationItem'];
type State = components['schemas']['ReconciliationState'];

// The states the reconciliation's unexplained count adds up until an item is resolved.
const UNEXPLAINED_STATES: ReadonlySet<State> = new Set(['amount_mismatch', 'missing_in_statement', 'missing_in_pos', 'duplicate']);

export interface ReconcileItemsOptions {
  state?: State;
  unexplained?: boolean;
  limit?: string;
}

/**
 * List a reconciliation's items in id order (`boh reconcile items <id> [--state] [--unexplained]`),
 * so that the id to resolve can be found without opening the workbook.
 */
export async function listItems(context: Context, reconciliationId: string, options: ReconcileItemsOptions): Promise<void> {
  const limit = integerOption('--limit', options.limit ?? '50', 1, Number.MAX_SAFE_INTEGER);
  const items: Item[] = [];
  for await (const item of context.client().reconciliations.items(reconciliationId, options.state ? { state: options.state } : {})) {
    if (options.unexplained && (item.resolution !== null || !UNEXPLAINED_STATES.has(item.state))) continue;
    items.push(item);
    if (items.length >= limit) break;
  }
  if (context.json) {
    context.io.stdout.write(toJson(items));
    return;
  }
  if (items.length === 0) {
    context.info(context.t('reconcile.items.none'));
    return;
  }
  const columns: Column<Item>[] = [
    { header: context.t('reconcile.column.item'), value: (i) => String(i.id), numeric: true },
    { header: context.t('reconcile.column.state'), value: (i) => context.t(`reconcile.state.${i.state}`) },
    { header: context.t('reconcile.column.store'), value: (i) => i.store_code ?? '' },
    { header: context.t('reconcile.column.business_date'), value: (i) => i.business_date ?? '' },
    { header: context.t('reconcile.column.amount'), value: (i) => formatFen(i.amount_fen), numeric: true },
    { header: context.t('reconcile.column.reason'), value: (i) => i.message },
    { header: context.t('reconcile.column.resolution'), value: (i) => resolutionText(context, i) },
  ];
  context.io.stdout.write(renderTable(items, columns, Boolean(context.io.stdout.isTTY)));
}

function resolutionText(context: Context, item: Item): string {
  const resolution = item.resolution;
  if (resolution === null) return '';
  const entry = resolution.journal_entry_id !== null ? context.t('reconcile.items.journal_entry', { id: resolution.journal_entry_id }) : '';
  return [resolution.note, entry].filter((part) => part !== '').join(' ');
}
