import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { BohClient, components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';

type Reconciliation = components['schemas']['Reconciliation'];
type Item = components['schemas']['ReconciliationItem'];
type State = components['schemas']['ReconciliationState'];
type StreamingSheet = ExcelJS.Worksheet & { commit(): void };

export const STATES: readonly State[] = ['matched', 'timing_difference', 'amount_mismatch', 'missing_in_statement', 'missing_in_pos', 'duplicate', 'written_off', 'unrelated'];

/** List the states a reconciliation of the channel can have, because `unrelated` is only a bank run's. */
export function statesOf(channel: string): readonly State[] {
  return channel === 'bank' ? STATES : STATES.filter((state) => state !== 'unrelated');
}

const YUAN = '#,##0.00';

/**
 * Write the reconciliation workbook: a summary sheet, then one sheet per state with every item,
 * amounts in yuan, headers in the context's language. Items are read page by page and written
 * as they come, so memory stays flat however many items there are.
 */
export async function writeWorkbook(context: Context, client: BohClient, reconciliation: Reconciliation, path: string): Promise<void> {
  const { default: excel } = await import('exceljs');
  const output = createWriteStream(path);
  const finished = once(output, 'finish');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const t = (key: string, params?: Record<string, unknown>) => context.t(key, params);

  const summary = workbook.addWorksheet(t('reconcile.sheet.summary')) as StreamingSheet;
  summary.columns = [{ width: 28 }, { width: 12 }, { width: 18 }];
  const header = summary.addRow([t('reconcile.column.state'), t('reconcile.column.count'), t('reconcile.column.amount')]);
  header.font = { bold: true };
  for (const state of statesOf(reconciliation.channel)) {
    const figures = reconciliation.summary.states[state];
    summary.addRow([t(`reconcile.state.${state}`), figures.count, figures.amount_fen / 100]).getCell(3).numFmt = YUAN;
  }
  summary.addRow([t('reconcile.unexplained'), reconciliation.unexplained.count, reconciliation.unexplained.amount_fen / 100]).getCell(3).numFmt = YUAN;
  summary.addRow([t('reconcile.fees'), null, reconciliation.summary.fee_milli_fen / 100_000]).getCell(3).numFmt = '#,##0.00000';
  summary.addRow([]);
  summary.addRow([t('reconcile.column.channel'), reconciliation.channel]);
  summary.addRow([t('reconcile.column.period'), reconciliation.period]);
  summary.addRow([t('reconcile.column.store'), reconciliation.store_code ?? t('reconcile.all_stores')]);
  summary.addRow([t('reconcile.column.accepted_by'), reconciliation.accepted_by ?? '']);
  summary.commit();

  for (const state of statesOf(reconciliation.channel)) {
    const sheet = workbook.addWorksheet(t(`reconcile.state.${state}`)) as StreamingSheet;
    const columns = itemColumns(t, reconciliation.channel);
    // The yuan format is set once per column; cells of a streamed row take their column's style.
    sheet.columns = columns.map((column) => ({ width: column.width, ...(column.yuan ? { style: { numFmt: YUAN } } : {}) }));
    const header = sheet.addRow(columns.map((column) => column.header));
    header.font = { bold: true };
    header.commit();
    for await (const item of client.reconciliations.items(reconciliation.id, { state })) {
      sheet.addRow(columns.map((column) => column.value(item))).commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  if (!output.writableFinished) await finished;
}

interface ItemColumn {
  header: string;
  width: number;
  yuan?: boolean;
  value(item: Item): string | number | null;
}

function itemColumns(t: (key: string) => string, channel: string): ItemColumn[] {
  const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
  // A bank run pairs settlement days (its POS side) with bank credits (its statement side).
  const side = (key: string) => t(channel === 'bank' ? key.replace('reconcile.column.', 'reconcile.bank_column.') : key);
  const columns: ItemColumn[] = [
    { header: t('reconcile.column.item'), width: 8, value: (i) => i.id },
    { header: t('reconcile.column.reason'), width: 40, value: (i) => i.message },
    { header: t('reconcile.column.rule'), width: 18, value: (i) => i.rule },
    { header: t('reconcile.column.score'), width: 8, value: (i) => i.score },
    { header: t('reconcile.column.store'), width: 8, value: (i) => i.store_code },
    { header: t('reconcile.column.business_date'), width: 12, value: (i) => i.business_date },
    { header: side('reconcile.column.pos'), width: 28, value: (i) => i.pos.refs.join(' ') },
    { header: side('reconcile.column.pos_amount'), width: 14, yuan: true, value: (i) => yuan(i.pos.amount_fen) },
    { header: t('reconcile.column.pos_at'), width: 22, value: (i) => i.pos.at },
    { header: side('reconcile.column.statement'), width: 28, value: (i) => i.statement.refs.join(' ') },
    { header: side('reconcile.column.statement_amount'), width: 14, yuan: true, value: (i) => yuan(i.statement.amount_fen) },
    { header: t('reconcile.column.statement_at'), width: 22, value: (i) => i.statement.at },
    { header: t('reconcile.column.difference'), width: 12, yuan: true, value: (i) => yuan(i.difference_fen) },
    { header: t('reconcile.column.fee'), width: 12, value: (i) => i.fee_milli_fen / 100_000 },
    { header: t('reconcile.column.transaction_id'), width: 30, value: (i) => i.transaction_id },
    { header: t('reconcile.column.merchant_order_number'), width: 24, value: (i) => i.merchant_order_number },
    { header: t('reconcile.column.candidates'), width: 40, value: (i) => i.candidates.map((c) => `${c.ref} ${(c.amount_fen / 100).toFixed(2)}`).join('; ') },
    { header: t('reconcile.column.resolution'), width: 40, value: (i) => i.resolution?.note ?? null },
  ];
  if (channel === 'bank') columns.push({ header: t('reconcile.column.channel'), width: 10, value: (i) => i.channel });
  return columns;
}
