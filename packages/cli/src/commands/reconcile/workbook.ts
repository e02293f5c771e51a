import type { BohClient, components } from '@boh/sdk';
import { XlsxStreamWriter, type XlsxColumn, type XlsxValue } from '../../files/xlsx-writer.js';
import type { Language } from '../../i18n/index.js';
import { valueLabel } from '../../resources/values.js';
import type { Context } from '../../runtime/context.js';
import { Interrupted } from './interrupted.js';

type Reconciliation = components['schemas']['Reconciliation'];
type ItemRow = components['schemas']['ReconciliationItemRow'];
type State = components['schemas']['ReconciliationState'];

export const STATES: readonly State[] = ['matched', 'timing_difference', 'amount_mismatch', 'missing_in_statement', 'missing_in_pos', 'duplicate', 'written_off', 'unrelated'];

/** List the states a reconciliation of the channel can have, because `unrelated` is only a bank run's. */
export function statesOf(channel: string): readonly State[] {
  return channel === 'bank' ? STATES : STATES.filter((state) => state !== 'unrelated');
}

/**
 * Write the reconciliation workbook: a summary sheet, then one sheet per state with every item,
 * amounts in yuan (format `#,##0.00`), headers in the context's language. Items are read page by
 * page in their compact form (`itemRows`, about half the bytes of the full item) and written as
 * they come, so memory stays flat however many items there are. The lean
 * writer in files/xlsx-writer.ts is used rather than exceljs's streaming writer, which spent
 * about 60 µs of CPU per row of 18 cells (bench/reconcile.bench.mjs, 200,000 items). An aborted
 * `signal` stops the writing between rows with `Interrupted`, leaving the file incomplete.
 */
export async function writeWorkbook(context: Context, client: BohClient, reconciliation: Reconciliation, path: string, signal?: AbortSignal): Promise<void> {
  const workbook = new XlsxStreamWriter(path);
  const t = (key: string, params?: Record<string, unknown>) => context.t(key, params);

  await workbook.addSheet(t('reconcile.sheet.summary'), [{ width: 28 }, { width: 12 }, { width: 18 }], async (summary) => {
    summary.addRow([t('reconcile.column.state'), t('reconcile.column.count'), t('reconcile.column.amount')], 'bold');
    const yuanLast = [undefined, undefined, 'yuan'] as const;
    for (const state of statesOf(reconciliation.channel)) {
      const figures = reconciliation.summary.states[state];
      summary.addRow([t(`reconcile.state.${state}`), figures.count, figures.amount_fen / 100], yuanLast);
    }
    summary.addRow([t('reconcile.unexplained'), reconciliation.unexplained.count, reconciliation.unexplained.amount_fen / 100], yuanLast);
    summary.addRow([t('reconcile.fees'), null, reconciliation.summary.fee_milli_fen / 100_000], [undefined, undefined, 'fee']);
    summary.addRow([]);
    summary.addRow([t('reconcile.column.channel'), valueLabel(reconciliation.channel, context.language)]);
    summary.addRow([t('reconcile.column.period'), reconciliation.period]);
    summary.addRow([t('reconcile.column.store'), reconciliation.store_code ?? t('reconcile.all_stores')]);
    await summary.addRow([t('reconcile.column.accepted_by'), reconciliation.accepted_by ?? '']);
  });

  const columns = itemColumns(t, reconciliation.channel, context.language);
  const layout: XlsxColumn[] = columns.map((column) => ({ width: column.width, ...(column.yuan ? { style: 'yuan' as const } : {}) }));
  for (const state of statesOf(reconciliation.channel)) {
    await workbook.addSheet(t(`reconcile.state.${state}`), layout, async (sheet) => {
      sheet.addRow(
        columns.map((column) => column.header),
        'bold',
      );
      // Page by page, so that only the writer's back-pressure is awaited per row. The server
      // reads the next page while this one is written.
      for await (const page of client.reconciliations.itemRows(reconciliation.id, { state }).pages({ prefetch: true })) {
        if (signal?.aborted) throw new Interrupted();
        for (const row of page.data) {
          if (signal?.aborted) throw new Interrupted();
          const drained = sheet.addRow(columns.map((column) => column.value(row)));
          if (drained) await drained;
        }
      }
    });
  }
  await workbook.finish();
}

interface ItemColumn {
  header: string;
  width: number;
  yuan?: boolean;
  /** Set on the columns a bank run never fills: a bank item has no store, POS time, fee or merchant order number. */
  channelRunOnly?: boolean;
  value(row: ItemRow): XlsxValue;
}

// Positions of the values in an item row, as ReconciliationItemRow in the API contract lists them.
const ROW = {
  id: 0,
  message: 3,
  rule: 4,
  score: 5,
  storeCode: 6,
  businessDate: 7,
  posRefs: 8,
  posAmount: 9,
  posAt: 10,
  statementRefs: 11,
  statementAmount: 12,
  statementAt: 13,
  difference: 14,
  fee: 15,
  transactionId: 16,
  merchantOrderNumber: 17,
  candidates: 18,
  resolutionNote: 19,
  channel: 20,
} as const;

function itemColumns(t: (key: string) => string, channel: string, language: Language): ItemColumn[] {
  const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
  const label = (value: string | null) => (value === null ? null : valueLabel(value, language));
  // References come joined by spaces. Only settlement-day references (a bank run's) contain `@`
  // and get the channel's label, so the other lists are written as they come.
  const refs = (joined: string) => (joined.includes('@') ? joined.split(' ').map((ref) => settlementDayLabel(ref, language)).join(' ') : joined);
  // A bank run pairs settlement days (its POS side) with bank credits (its statement side).
  const side = (key: string) => t(channel === 'bank' ? key.replace('reconcile.column.', 'reconcile.bank_column.') : key);
  const columns: ItemColumn[] = [
    { header: t('reconcile.column.item'), width: 8, value: (r) => r[ROW.id] },
    { header: t('reconcile.column.reason'), width: 40, value: (r) => r[ROW.message] },
    { header: t('reconcile.column.rule'), width: 18, value: (r) => label(r[ROW.rule]) },
    { header: t('reconcile.column.score'), width: 8, value: (r) => r[ROW.score] },
    { header: t('reconcile.column.store'), width: 8, channelRunOnly: true, value: (r) => r[ROW.storeCode] },
    { header: t('reconcile.column.business_date'), width: 12, value: (r) => r[ROW.businessDate] },
    { header: side('reconcile.column.pos'), width: 28, value: (r) => refs(r[ROW.posRefs]) },
    { header: side('reconcile.column.pos_amount'), width: 14, yuan: true, value: (r) => yuan(r[ROW.posAmount]) },
    { header: t('reconcile.column.pos_at'), width: 22, channelRunOnly: true, value: (r) => r[ROW.posAt] },
    { header: side('reconcile.column.statement'), width: 28, value: (r) => r[ROW.statementRefs] },
    { header: side('reconcile.column.statement_amount'), width: 14, yuan: true, value: (r) => yuan(r[ROW.statementAmount]) },
    { header: t('reconcile.column.statement_at'), width: 22, value: (r) => r[ROW.statementAt] },
    { header: t('reconcile.column.difference'), width: 12, yuan: true, value: (r) => yuan(r[ROW.difference]) },
    { header: t('reconcile.column.fee'), width: 12, channelRunOnly: true, value: (r) => r[ROW.fee] / 100_000 },
    { header: t('reconcile.column.transaction_id'), width: 30, value: (r) => r[ROW.transactionId] },
    { header: t('reconcile.column.merchant_order_number'), width: 24, channelRunOnly: true, value: (r) => r[ROW.merchantOrderNumber] },
    { header: t('reconcile.column.candidates'), width: 40, value: (r) => r[ROW.candidates].map((c) => `${settlementDayLabel(c.ref, language)} ${(c.amount_fen / 100).toFixed(2)}`).join('; ') },
    { header: t('reconcile.column.resolution'), width: 40, value: (r) => r[ROW.resolutionNote] },
  ];
  if (channel !== 'bank') return columns;
  return [...columns.filter((column) => !column.channelRunOnly), { header: t('reconcile.column.channel'), width: 10, value: (r) => label(r[ROW.channel]) }];
}

/**
 * Show a bank run's settlement-day reference (`alipay@2026-11-01`) with the channel's label
 * (`支付宝@2026-11-01`); other references are shown as they are.
 */
function settlementDayLabel(ref: string, language: Language): string {
  const match = /^([a-z_]+)@(\d{4}-\d{2}-\d{2})$/.exec(ref);
  return match ? `${valueLabel(match[1]!, language)}@${match[2]}` : ref;
}
