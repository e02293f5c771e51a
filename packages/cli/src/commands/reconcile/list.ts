import type { components } from '@boh/sdk';
import { formatValue } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { valueLabel } from '../../resources/values.js';
import type { Context } from '../../runtime/context.js';
import { printPeriodChannelList, type PeriodChannelListOptions } from '../period-channel-list.js';

type Reconciliation = components['schemas']['Reconciliation'];

export type ReconcileListOptions = PeriodChannelListOptions<Reconciliation['channel']>;

/** List the stored reconciliations, newest first, with what is unexplained (`boh reconcile list`). */
export async function listReconciliations(context: Context, options: ReconcileListOptions): Promise<void> {
  await printPeriodChannelList(context, options, (filters) => context.client().reconciliations.list(filters), 'reconcile.list.none', (zone) => [
    { header: context.t('reconcile.list.id'), value: (r: Reconciliation) => r.id },
    { header: context.t('reconcile.column.channel'), value: (r) => valueLabel(r.channel, context.language) },
    { header: context.t('reconcile.column.period'), value: (r) => r.period },
    { header: context.t('reconcile.column.store'), value: (r) => r.store_code ?? context.t('reconcile.all_stores') },
    { header: context.t('reconcile.list.unexplained_count'), value: (r) => String(r.unexplained.count), numeric: true },
    { header: context.t('reconcile.list.unexplained_amount'), value: (r) => formatFen(r.unexplained.amount_fen), numeric: true },
    { header: context.t('reconcile.list.runs'), value: (r) => String(r.runs), numeric: true },
    { header: context.t('reconcile.list.updated_at'), value: (r) => formatValue(r.updated_at, context.language, zone) },
    { header: context.t('reconcile.column.accepted_by'), value: (r) => r.accepted_by ?? '' },
  ]);
}
