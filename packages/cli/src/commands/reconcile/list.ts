import type { components } from '@boh/sdk';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable, type Column } from '../../output/table.js';
import { valueLabel } from '../../resources/values.js';
import type { Context } from '../../runtime/context.js';
import { firstRecords } from '../../runtime/first-records.js';
import { integerOption, periodOption } from '../finance-options.js';

type Reconciliation = components['schemas']['Reconciliation'];

export interface ReconcileListOptions {
  period?: string;
  channel?: Reconciliation['channel'];
  limit?: string;
}

/** List the stored reconciliations, newest first, with what is unexplained (`boh reconcile list`). */
export async function listReconciliations(context: Context, options: ReconcileListOptions): Promise<void> {
  const limit = integerOption('--limit', options.limit ?? '20', 1, 100_000);
  const filters = {
    ...(options.period !== undefined ? { period: periodOption('--period', options.period) } : {}),
    ...(options.channel !== undefined ? { channel: options.channel } : {}),
    limit: Math.min(limit, 200),
  };
  const reconciliations = await firstRecords(context.client().reconciliations.list(filters), limit);
  if (context.json) {
    context.io.stdout.write(toJson(reconciliations));
    return;
  }
  if (reconciliations.length === 0) {
    context.info(context.t('reconcile.list.none'));
    return;
  }
  const zone = displayZone(context.io.stdout);
  const columns: Column<Reconciliation>[] = [
    { header: context.t('reconcile.list.id'), value: (r) => r.id },
    { header: context.t('reconcile.column.channel'), value: (r) => valueLabel(r.channel, context.language) },
    { header: context.t('reconcile.column.period'), value: (r) => r.period },
    { header: context.t('reconcile.column.store'), value: (r) => r.store_code ?? context.t('reconcile.all_stores') },
    { header: context.t('reconcile.list.unexplained_count'), value: (r) => String(r.unexplained.count), numeric: true },
    { header: context.t('reconcile.list.unexplained_amount'), value: (r) => formatFen(r.unexplained.amount_fen), numeric: true },
    { header: context.t('reconcile.list.runs'), value: (r) => String(r.runs), numeric: true },
    { header: context.t('reconcile.list.updated_at'), value: (r) => formatValue(r.updated_at, context.language, zone) },
    { header: context.t('reconcile.column.accepted_by'), value: (r) => r.accepted_by ?? '' },
  ];
  context.io.stdout.write(renderTable(reconciliations, columns, Boolean(context.io.stdout.isTTY)));
}
