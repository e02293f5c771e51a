import type { components } from '@boh/sdk';
import { formatValue } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { valueLabel } from '../../resources/values.js';
import type { Context } from '../../runtime/context.js';
import { printPeriodChannelList, type PeriodChannelListOptions } from '../period-channel-list.js';

type Statement = components['schemas']['Statement'];

export type StatementListOptions = PeriodChannelListOptions<Statement['channel']>;

/** List the stored statements, newest first (`boh statement list [--period] [--channel]`). */
export async function listStatements(context: Context, options: StatementListOptions): Promise<void> {
  await printPeriodChannelList(context, options, (filters) => context.client().statements.list(filters), 'statement.list.none', (zone) => [
    { header: context.t('statement.list.id'), value: (s: Statement) => s.id },
    { header: context.t('reconcile.column.channel'), value: (s) => valueLabel(s.channel, context.language) },
    { header: context.t('reconcile.column.period'), value: (s) => s.period },
    { header: context.t('statement.list.file'), value: (s) => s.file_name },
    { header: context.t('statement.list.merchant'), value: (s) => s.merchant_id ?? '' },
    { header: context.t('statement.list.lines'), value: (s) => String(s.line_count), numeric: true },
    { header: context.t('statement.list.gross'), value: (s) => formatFen(s.totals.gross_fen), numeric: true },
    { header: context.t('statement.list.status'), value: (s) => context.t(`statement.list.status.${s.status}`) },
    { header: context.t('statement.list.created_at'), value: (s) => formatValue(s.created_at, context.language, zone) },
    { header: context.t('statement.list.by'), value: (s) => s.created_by ?? '' },
  ]);
}
