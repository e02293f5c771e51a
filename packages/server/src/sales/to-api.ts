import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { basisPointsToRate } from '../ledger/tax-rates.js';
import { fromMicro } from '../math/quantity.js';
import type { RefundState } from './evaluate-refund.js';
import { chunks } from '../ledger/journal.js';
import { orderKey, orderRow, type OrderState, type Taking } from './order-state.js';
import type { OrderTable } from './tables.js';

type Order = components['schemas']['Order'];
type OrderFields = components['schemas']['OrderFields'];
type Refund = components['schemas']['Refund'];
type Consumption = components['schemas']['Consumption'];

/** Convert an order to the API's shape, with the refunds given. */
export function orderToApi(order: OrderState, refunds: Refund[]): Order {
  return {
    ...orderFieldsToApi(orderRow(order)),
    lines: order.lines.map((line) => ({
      line_number: line.lineNumber,
      menu_item_code: line.menuItemCode,
      item_code: line.itemCode,
      quantity: fromMicro(line.quantityMicro),
      unit_price_fen: line.unitPriceFen,
      gross_fen: line.grossFen,
      discount_fen: line.discountFen,
      allocated_discount_fen: line.allocatedDiscountFen,
      net_fen: line.netFen,
      tax_category: line.taxCategory as Order['lines'][number]['tax_category'],
      tax_rate: basisPointsToRate(line.taxRateBp),
      tax_fen: line.taxFen,
      revenue_fen: line.netFen - line.taxFen,
      cogs_fen: line.cogsFen,
      consumption: takingsToApi(line.consumption),
      refunded_quantity: fromMicro(line.refundedQuantityMicro),
      refunded_fen: line.refundedFen,
    })),
    payments: order.payments.map((payment) => ({
      sequence: payment.sequence,
      method: payment.method as Order['payments'][number]['method'],
      amount_fen: payment.amountFen,
      transaction_id: payment.transactionId,
      merchant_order_number: payment.merchantOrderNumber,
      account_code: payment.accountCode,
      refunded_fen: payment.refundedFen,
    })),
    refunds,
  };
}

/** Convert an order row to the fields lists show. */
export function orderFieldsToApi(row: OrderTable): OrderFields {
  return {
    store_code: row.store_code,
    order_number: row.order_number,
    channel: row.channel as OrderFields['channel'],
    ordered_at: row.ordered_at,
    business_date: row.business_date,
    period: row.period,
    guests: row.guests,
    gross_fen: Number(row.gross_fen),
    discount_fen: Number(row.discount_fen),
    order_discount_fen: Number(row.order_discount_fen),
    net_fen: Number(row.net_fen),
    tax_fen: Number(row.tax_fen),
    revenue_fen: Number(row.net_fen) - Number(row.tax_fen),
    cogs_fen: Number(row.cogs_fen),
    refunded_fen: Number(row.refunded_fen),
    status: row.status as OrderFields['status'],
    flags: row.flags ? row.flags.split(',') : [],
    note: row.note,
    journal_entry_id: row.journal_entry_id === null ? null : Number(row.journal_entry_id),
    batch_id: Number(row.batch_id),
    posted_at: row.posted_at,
  };
}

/** A refund posted in this request, in the API's shape. */
export function refundToApi(refund: RefundState): Refund {
  return {
    store_code: refund.storeCode,
    order_number: refund.orderNumber,
    refund_number: refund.refundNumber,
    kind: refund.kind,
    refunded_at: refund.refundedAt,
    business_date: refund.businessDate,
    period: refund.period,
    amount_fen: refund.amountFen,
    tax_fen: refund.taxFen,
    revenue_fen: refund.amountFen - refund.taxFen,
    returned_value_fen: refund.returnedValueFen,
    return_stock: refund.returnStock,
    reason: refund.reason,
    lines: refund.lines.map((line) => ({
      line_number: line.lineNumber,
      quantity: fromMicro(line.quantityMicro),
      amount_fen: line.amountFen,
      tax_fen: line.taxFen,
      returned: takingsToApi(line.returned),
    })),
    payments: refund.payments.map((payment) => ({
      sequence: payment.sequence,
      method: payment.method as Refund['payments'][number]['method'],
      amount_fen: payment.amountFen,
      transaction_id: payment.transactionId,
      account_code: payment.accountCode,
    })),
    journal_entry_id: refund.journalEntryId,
    batch_id: refund.batchId,
    posted_at: refund.postedAt,
  };
}

/** Read stored refunds, of some orders or by refund number, in the API's shape. */
export async function loadRefunds(
  db: Kysely<Database>,
  storeCode: string,
  filter: { orderNumber: string } | { orderNumbers: string[] } | { refundNumber: string },
): Promise<Refund[]> {
  let query = db.selectFrom('refunds').selectAll().where('store_code', '=', storeCode);
  if ('orderNumber' in filter) query = query.where('order_number', '=', filter.orderNumber);
  else if ('orderNumbers' in filter) query = query.where('order_number', 'in', filter.orderNumbers);
  else query = query.where('refund_number', '=', filter.refundNumber);
  const refunds = await query.orderBy('refunded_at').orderBy('refund_number').execute();
  if (refunds.length === 0) return [];

  const numbers = refunds.map((refund) => refund.refund_number);
  const lines = await db.selectFrom('refund_lines').selectAll().where('store_code', '=', storeCode).where('refund_number', 'in', numbers).orderBy('line_number').execute();
  const payments = await db.selectFrom('refund_payments').selectAll().where('store_code', '=', storeCode).where('refund_number', 'in', numbers).orderBy('sequence').execute();

  return refunds.map((row) =>
    refundToApi({
      storeCode: row.store_code,
      refundNumber: row.refund_number,
      orderNumber: row.order_number,
      kind: row.kind as RefundState['kind'],
      refundedAt: row.refunded_at,
      businessDate: row.business_date,
      period: row.period,
      localHour: row.local_hour,
      amountFen: Number(row.amount_fen),
      taxFen: Number(row.tax_fen),
      returnedValueFen: Number(row.returned_value_fen),
      returnStock: Boolean(row.return_stock),
      paymentsGiven: Boolean(row.payments_given),
      reason: row.reason,
      inputHash: row.input_hash,
      batchId: Number(row.batch_id),
      journalEntryId: row.journal_entry_id === null ? null : Number(row.journal_entry_id),
      postedAt: row.posted_at,
      lines: lines
        .filter((line) => line.refund_number === row.refund_number)
        .map((line) => ({
          lineNumber: line.line_number,
          quantityMicro: Number(line.quantity_micro),
          amountFen: Number(line.amount_fen),
          taxFen: Number(line.tax_fen),
          returned: JSON.parse(line.returned) as Taking[],
          returnedValueFen: Number(line.returned_value_fen),
        })),
      payments: payments
        .filter((payment) => payment.refund_number === row.refund_number)
        .map((payment) => ({
          sequence: payment.sequence,
          method: payment.method,
          amountFen: Number(payment.amount_fen),
          transactionId: payment.transaction_id,
          accountCode: payment.account_code,
        })),
    }),
  );
}

/** Read the stored refunds of many orders, by orderKey, each order's in the order `loadRefunds` returns them. */
export async function loadRefundsOfOrders(db: Kysely<Database>, keys: { storeCode: string; orderNumber: string }[]): Promise<Map<string, Refund[]>> {
  const byStore = new Map<string, Set<string>>();
  for (const { storeCode, orderNumber } of keys) byStore.set(storeCode, (byStore.get(storeCode) ?? new Set()).add(orderNumber));

  const result = new Map<string, Refund[]>();
  for (const [storeCode, numbers] of byStore) {
    for (const chunk of chunks([...numbers], 2000)) {
      const refunds = await loadRefunds(db, storeCode, { orderNumbers: chunk });
      for (const refund of refunds) {
        const key = orderKey(storeCode, refund.order_number);
        result.set(key, [...(result.get(key) ?? []), refund]);
      }
    }
  }
  return result;
}

function takingsToApi(takings: Taking[]): Consumption[] {
  return takings.map(([item_code, quantity, value_fen]) => ({ item_code, quantity: fromMicro(quantity), value_fen }));
}
