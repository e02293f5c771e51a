// Builders of engine records for the reconciliation tests.
import { localDateAt } from '../../src/time/business-date.js';
import type { LineRecord, PosRecord } from '../../src/reconciliation/records.js';

export const ZONE = 'Asia/Shanghai';

export function pos(key: string, amountFen: number, at: string, ids: Partial<PosRecord> = {}): PosRecord {
  const atMs = Date.parse(at);
  const localDate = localDateAt(atMs, ZONE);
  return {
    key,
    kind: 'payment',
    storeCode: '0001',
    amountFen,
    atMs,
    localDate,
    inPeriod: localDate.startsWith('2024-01'),
    transactionId: null,
    merchantOrderNumber: null,
    refundNumber: null,
    originalTransactionId: null,
    originalMerchantOrderNumber: null,
    ...ids,
  };
}

export function line(key: string, amountFen: number, at: string | null, ids: Partial<LineRecord> = {}): LineRecord {
  const atMs = at === null ? null : Date.parse(at);
  const localDate = atMs === null ? '2024-01-15' : localDateAt(atMs, ZONE);
  return {
    key,
    kind: 'payment',
    amountFen,
    feeMilliFen: 0,
    atMs,
    localDate,
    inPeriod: localDate.startsWith('2024-01'),
    transactionId: null,
    merchantOrderNumber: null,
    refundId: null,
    merchantRefundId: null,
    ...ids,
  };
}
