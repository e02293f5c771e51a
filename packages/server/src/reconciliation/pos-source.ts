import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addDays, localDateAt } from '../time/business-date.js';
import { PAIRS_TABLE } from './pairs-in-database.js';
import type { PosRecord } from './records.js';

/** Days either side of the period whose POS records are read, to find matches across the cut-off. */
const MARGIN_DAYS = 1;

export interface PosScope {
  period: string;
  /** A payment this close to the end of the period may be in the next period's statement. */
  cutOffSeconds: number;
  methods: readonly string[];
  storeCode: string | null;
  /** Leave out the payments paired in the database (see pairInDatabase). */
  excludePaired?: boolean;
}

/**
 * Read the POS payments and refunds of a channel for the period and a day either side, one
 * business date per query (the orders are indexed by business date), into PosRecords. A refund
 * carries the ids of the order's first payment through the same channel, which its statement
 * line names.
 */
export async function loadPosRecords(db: Kysely<Database>, scope: PosScope, zones: ReadonlyMap<string, string>, defaultZone: string): Promise<PosRecord[]> {
  const records: PosRecord[] = [];
  const { firstDate: first, lastDate: last } = posDateRange(scope.period);

  let refunds = db
    .selectFrom('refund_payments as rp')
    .innerJoin('refunds as r', (join) => join.onRef('r.store_code', '=', 'rp.store_code').onRef('r.refund_number', '=', 'rp.refund_number'))
    .select(['rp.store_code', 'rp.refund_number', 'rp.sequence', 'rp.amount_fen', 'rp.transaction_id', 'r.order_number', 'r.refunded_at', 'r.period', 'r.business_date'])
    .where('r.business_date', '>=', first)
    .where('r.business_date', '<=', last)
    .where('rp.method', 'in', [...scope.methods]);
  if (scope.storeCode) refunds = refunds.where('r.store_code', '=', scope.storeCode);
  const refundRows = await refunds.execute();

  // With the pairs left out, few payments remain: one query over all the dates then costs less
  // than one per date, which PostgreSQL would each plan against the whole pairs table.
  const ranges: [string, string][] = [];
  if (scope.excludePaired) ranges.push([first, last]);
  else for (let day = first; day <= last; day = addDays(day, 1)) ranges.push([day, day]);

  for (const [from, to] of ranges) {
    let query = db
      .selectFrom('order_payments as p')
      .innerJoin('orders as o', (join) => join.onRef('o.store_code', '=', 'p.store_code').onRef('o.order_number', '=', 'p.order_number'))
      .select(['p.store_code', 'p.order_number', 'p.sequence', 'p.amount_fen', 'p.transaction_id', 'p.merchant_order_number', 'o.ordered_at', 'o.period', 'o.business_date'])
      .where('o.business_date', '>=', from)
      .where('o.business_date', '<=', to)
      .where('p.method', 'in', [...scope.methods]);
    if (scope.storeCode) query = query.where('o.store_code', '=', scope.storeCode);
    if (scope.excludePaired) query = query.where(sql<boolean>`not exists (select 1 from ${sql.raw(PAIRS_TABLE)} pair where pair.transaction_id = p.transaction_id)`);
    for (const row of await query.execute()) {
      const atMs = Date.parse(row.ordered_at);
      records.push({
        key: `${row.store_code}/${row.order_number}/${row.sequence}`,
        kind: 'payment',
        storeCode: row.store_code,
        amountFen: Number(row.amount_fen),
        atMs,
        localDate: localDateAt(atMs, zones.get(row.store_code) ?? defaultZone),
        businessDate: row.business_date,
        inPeriod: row.period === scope.period,
        settlesAfterPeriod: row.period === scope.period && localDateAt(atMs + scope.cutOffSeconds * 1000, zones.get(row.store_code) ?? defaultZone).slice(0, 7) > scope.period,
        transactionId: row.transaction_id,
        merchantOrderNumber: row.merchant_order_number,
        refundNumber: null,
        originalTransactionId: null,
        originalMerchantOrderNumber: null,
      });
    }
  }

  const originals = await loadOriginals(db, refundRows, scope.methods);

  for (const row of refundRows) {
    const atMs = Date.parse(row.refunded_at);
    const original = originals.get(`${row.store_code}/${row.order_number}`);
    records.push({
      key: `r:${row.store_code}/${row.refund_number}/${row.sequence}`,
      kind: 'refund',
      storeCode: row.store_code,
      amountFen: Number(row.amount_fen),
      atMs,
      localDate: localDateAt(atMs, zones.get(row.store_code) ?? defaultZone),
      businessDate: row.business_date,
      inPeriod: row.period === scope.period,
      transactionId: row.transaction_id,
      merchantOrderNumber: null,
      refundNumber: row.refund_number,
      originalTransactionId: original?.transactionId ?? null,
      originalMerchantOrderNumber: original?.merchantOrderNumber ?? null,
    });
  }
  return records;
}

/** Return the business dates whose POS records a run of the period reads. */
export function posDateRange(period: string): { firstDate: string; lastDate: string } {
  return { firstDate: addDays(`${period}-01`, -MARGIN_DAYS), lastDate: addDays(addDays(`${nextMonth(period)}-01`, -1), MARGIN_DAYS) };
}

// Order numbers per query when reading the payments of refunded orders.
const ORIGINALS_PER_QUERY = 500;

/** Read the ids of the first payment through the channel of each refunded order, by `store/order`. */
async function loadOriginals(
  db: Kysely<Database>,
  refunds: readonly { store_code: string; order_number: string }[],
  methods: readonly string[],
): Promise<Map<string, { transactionId: string | null; merchantOrderNumber: string | null }>> {
  const originals = new Map<string, { transactionId: string | null; merchantOrderNumber: string | null }>();
  const byStore = new Map<string, Set<string>>();
  for (const row of refunds) {
    const numbers = byStore.get(row.store_code) ?? new Set<string>();
    numbers.add(row.order_number);
    byStore.set(row.store_code, numbers);
  }
  for (const [storeCode, numbers] of byStore) {
    const orderNumbers = [...numbers].sort();
    for (let start = 0; start < orderNumbers.length; start += ORIGINALS_PER_QUERY) {
      const payments = await db
        .selectFrom('order_payments')
        .select(['order_number', 'sequence', 'transaction_id', 'merchant_order_number'])
        .where('store_code', '=', storeCode)
        .where('order_number', 'in', orderNumbers.slice(start, start + ORIGINALS_PER_QUERY))
        .where('method', 'in', [...methods])
        .execute();
      payments.sort((a, b) => Number(a.sequence) - Number(b.sequence));
      for (const payment of payments) {
        const key = `${storeCode}/${payment.order_number}`;
        if (!originals.has(key)) originals.set(key, { transactionId: payment.transaction_id, merchantOrderNumber: payment.merchant_order_number });
      }
    }
  }
  return originals;
}

function nextMonth(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
