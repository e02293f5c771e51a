import type { JournalEntryInput } from '../ledger/journal.js';

/** An amount on an account: positive is a debit, negative a credit. */
export type AccountAmount = readonly [account: string, amount: number];

/** The entry of one source, store and date while the batch adds to it. */
export interface PendingEntry {
  sourceType: 'sales' | 'refunds';
  storeCode: string;
  entryDate: string;
  amounts: Map<string, number>;
  documents: number;
}

/** Add an amount (debit positive) to an account of a pending entry. */
export function addAmount(entry: PendingEntry, account: string, amount: number): void {
  if (amount !== 0) entry.amounts.set(account, (entry.amounts.get(account) ?? 0) + amount);
}

/**
 * Collects the accounting effect of a batch's orders and refunds into one journal entry per
 * source, store and business date (the daily sales voucher, 销售日报凭证), netting each account.
 * Each order's own amounts stay on its lines, so the entry is explained order by order.
 */
export class EntryBuilder {
  readonly #entries = new Map<string, PendingEntry>();

  /** Add one order's or refund's amounts to the entry of its source, store and date. */
  add(sourceType: 'sales' | 'refunds', storeCode: string, entryDate: string, amounts: readonly AccountAmount[]): void {
    const entry = this.entryFor(sourceType, storeCode, entryDate);
    entry.documents += 1;
    for (const [account, amount] of amounts) addAmount(entry, account, amount);
  }

  /** Return the pending entry of a source, store and date, making it when it does not exist yet. */
  entryFor(sourceType: 'sales' | 'refunds', storeCode: string, entryDate: string): PendingEntry {
    const key = EntryBuilder.key(sourceType, storeCode, entryDate);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { sourceType, storeCode, entryDate, amounts: new Map(), documents: 0 };
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** The key an order or refund finds its entry under. */
  static key(sourceType: 'sales' | 'refunds', storeCode: string, entryDate: string): string {
    return `${sourceType}\u0000${storeCode}\u0000${entryDate}`;
  }

  /** Build the entries to post, debits first and accounts in code order. Entries whose amounts all net to zero are left out. */
  build(batchId: number): { key: string; entry: JournalEntryInput }[] {
    const result: { key: string; entry: JournalEntryInput }[] = [];
    for (const [key, pending] of this.#entries) {
      const amounts = [...pending.amounts].filter(([, amount]) => amount !== 0);
      if (amounts.length === 0) continue;
      amounts.sort(debitsFirst);
      result.push({
        key,
        entry: {
          entryDate: pending.entryDate,
          storeCode: pending.storeCode,
          sourceType: pending.sourceType,
          sourceRef: `batch:${batchId}`,
          documentCount: pending.documents,
          lines: amounts.map(([account, amount]) => ({ accountCode: account, storeCode: pending.storeCode, debitFen: Math.max(amount, 0), creditFen: Math.max(-amount, 0) })),
        },
      });
    }
    return result;
  }
}

/** Order amounts debits first, then by account code. */
function debitsFirst([accountA, amountA]: [string, number], [accountB, amountB]: [string, number]): number {
  if (amountA > 0 !== amountB > 0) return amountA > 0 ? -1 : 1;
  if (accountA === accountB) return 0;
  return accountA < accountB ? -1 : 1;
}
