import { sql, type Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import type { Handler } from '../http/handler.js';
import { localDateAt } from '../time/business-date.js';
import { bankDepositsByDay } from './bank-deposits.js';
import { findReconciliation } from './reconciliation-record.js';
import type { ReconciliationTable } from './tables.js';

type BridgeRow = components['schemas']['ReconciliationBridgeRow'];
type DifferenceColumn = 'amount_mismatch_fen' | 'written_off_fen' | 'missing_in_statement_fen' | 'missing_in_pos_fen' | 'duplicate_fen' | 'timing_difference_fen';

const COLUMN_OF_STATE: Readonly<Record<string, DifferenceColumn | undefined>> = {
  amount_mismatch: 'amount_mismatch_fen',
  written_off: 'written_off_fen',
  missing_in_statement: 'missing_in_statement_fen',
  missing_in_pos: 'missing_in_pos_fen',
  duplicate: 'duplicate_fen',
};

/**
 * The bridge from POS net takings to the channel's settlement, per store per day and for the
 * period. Each difference column is the statement minus the POS for the items in that state, so
 * on every row `pos_net_fen` plus the differences equals `statement_net_fen`. A timing difference
 * counts on the POS day and on the statement day and evens out over the period.
 */
export const getReconciliationBridge: Handler<'getReconciliationBridge'> = async (c) => {
  const reconciliation = await findReconciliation(c.db, c.params.id);
  const days = new Map<string, BridgeRow>();
  const day = (store: string | null, date: string | null): BridgeRow => {
    const key = `${store ?? ''}|${date ?? ''}`;
    let row = days.get(key);
    if (!row) {
      row = emptyRow(store, date);
      days.set(key, row);
    }
    return row;
  };

  const totals = await c.db
    .selectFrom('reconciliation_items')
    .select([
      'store_code',
      'business_date',
      'state',
      sql<number>`coalesce(sum(pos_amount_fen), 0)`.as('pos'),
      sql<number>`coalesce(sum(line_amount_fen), 0)`.as('line'),
      sql<number>`coalesce(sum(fee_milli_fen), 0)`.as('fee'),
    ])
    .where('reconciliation_id', '=', reconciliation.id)
    // Credits of a bank run that name no channel are no settlement, so they stay off the bridge.
    .where('state', 'not in', ['timing_difference', 'unrelated'])
    .groupBy(['store_code', 'business_date', 'state'])
    .execute();
  for (const total of totals) {
    const row = day(total.store_code, total.business_date);
    row.pos_net_fen += Number(total.pos);
    row.statement_net_fen += Number(total.line);
    row.fee_milli_fen += Number(total.fee);
    const column = COLUMN_OF_STATE[total.state];
    if (column) row[column] += Number(total.line) - Number(total.pos);
  }

  const timing = await c.db
    .selectFrom('reconciliation_items')
    .select(['store_code', 'business_date', 'pos_amount_fen', 'line_amount_fen', 'line_at', 'fee_milli_fen'])
    .where('reconciliation_id', '=', reconciliation.id)
    .where('state', '=', 'timing_difference')
    .execute();
  for (const item of timing) {
    const posDay = day(item.store_code, item.business_date);
    posDay.pos_net_fen += Number(item.pos_amount_fen ?? 0);
    posDay.timing_difference_fen -= Number(item.pos_amount_fen ?? 0);
    const lineDate = item.line_at === null ? item.business_date : localDateAt(Date.parse(item.line_at), reconciliation.time_zone);
    const lineDay = day(item.store_code, lineDate);
    lineDay.statement_net_fen += Number(item.line_amount_fen ?? 0);
    lineDay.timing_difference_fen += Number(item.line_amount_fen ?? 0);
    lineDay.fee_milli_fen += Number(item.fee_milli_fen);
  }

  const rows = [...days.values()].sort((a, b) => (a.business_date ?? '').localeCompare(b.business_date ?? '') || (a.store_code ?? '').localeCompare(b.store_code ?? ''));
  const period = emptyRow(reconciliation.store_code === '' ? null : reconciliation.store_code, null);
  for (const row of rows) {
    row.channel_net_milli_fen = row.statement_net_fen * 1000 - row.fee_milli_fen;
    for (const key of NUMERIC_COLUMNS) (period[key] as number) += row[key] as number;
  }
  await addBankDeposits(c.db, reconciliation, rows, period);
  return { status: 200, body: { reconciliation_id: reconciliation.id, days: rows, period } };
};

/**
 * Fill `bank_deposit_fen` from the period's bank settlement reconciliation: on the period row,
 * and on a day row when it is the only row of its date.
 */
async function addBankDeposits(db: Kysely<Database>, reconciliation: ReconciliationTable, rows: BridgeRow[], period: BridgeRow): Promise<void> {
  const deposits = await bankDepositsByDay(db, reconciliation);
  if (deposits === null) return;
  const rowsPerDate = new Map<string, number>();
  for (const row of rows) rowsPerDate.set(row.business_date ?? '', (rowsPerDate.get(row.business_date ?? '') ?? 0) + 1);
  for (const row of rows) {
    if (rowsPerDate.get(row.business_date ?? '') === 1) row.bank_deposit_fen = deposits.get(row.business_date ?? '') ?? 0;
  }
  let total = 0;
  for (const fen of deposits.values()) total += fen;
  period.bank_deposit_fen = total;
}

const NUMERIC_COLUMNS = [
  'pos_net_fen',
  'timing_difference_fen',
  'amount_mismatch_fen',
  'written_off_fen',
  'missing_in_statement_fen',
  'missing_in_pos_fen',
  'duplicate_fen',
  'statement_net_fen',
  'fee_milli_fen',
  'channel_net_milli_fen',
] as const;

function emptyRow(store: string | null, date: string | null): BridgeRow {
  return {
    store_code: store,
    business_date: date,
    pos_net_fen: 0,
    timing_difference_fen: 0,
    amount_mismatch_fen: 0,
    written_off_fen: 0,
    missing_in_statement_fen: 0,
    missing_in_pos_fen: 0,
    duplicate_fen: 0,
    statement_net_fen: 0,
    fee_milli_fen: 0,
    channel_net_milli_fen: 0,
    bank_deposit_fen: null,
  };
}
