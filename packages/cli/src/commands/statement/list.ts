import type { components } from '@boh/sdk';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable, type Column } from '../../output/table.js';
import { valueLabel } from '../../resources/values.js';
import type { Context } from '../../runtime/context.js';
import { firstRecords } from '../../runtime/first-records.js';
import { integerOption, periodOption } from '../finance-options.js';

type Statement = components['schemas']['Statement'];

export interface StatementListOptions {
  period?: string;
  channel?: Statement['channel'];
  limit?: string;
}

/** List the stored statements, newest first (`boh statement list [--period] [--channel]`). */
export async function listStatements(context: Context, options: StatementListOptions): Promise<void> {
  const limit = integerOption('--limit', options.limit ?? '20', 1, 100_000);
  const filters = {
    ...(options.period !== undefined ? { period: periodOption('--period', options.period) } : {}),
    ...(options.channel !== undefined ? { channel: options.channel } : {}),
    limit: Math.min(limit, 200),
  };
  const statements = await firstRecords(context.client().statements.list(filters), limit);
  if (context.json) {
    context.io.stdout.write(toJson(statements));
    return;
  }
  if (statements.length === 0) {
    context.info(context.t('statement.list.none'));
    return;
  }
  const zone = displayZone(context.io.stdout);
  const columns: Column<Statement>[] = [
    { header: context.t('statement.list.id'), value: (s) => s.id },
    { header: context.t('reconcile.column.channel'), value: (s) => valueLabel(s.channel, context.language) },
    { header: context.t('reconcile.column.period'), value: (s) => s.period },
    { header: context.t('statement.list.file'), value: (s) => s.file_name },
    { header: context.t('statement.list.merchant'), value: (s) => s.merchant_id ?? '' },
    { header: context.t('statement.list.lines'), value: (s) => String(s.line_count), numeric: true },
    { header: context.t('statement.list.gross'), value: (s) => formatFen(s.totals.gross_fen), numeric: true },
    { header: context.t('statement.list.status'), value: (s) => context.t(`statement.list.status.${s.status}`) },
    { header: context.t('statement.list.created_at'), value: (s) => formatValue(s.created_at, context.language, zone) },
    { header: context.t('statement.list.by'), value: (s) => s.created_by ?? '' },
  ];
  context.io.stdout.write(renderTable(statements, columns, Boolean(context.io.stdout.isTTY)));
}
