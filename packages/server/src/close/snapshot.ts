import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import './tables.js';

// A period's snapshot is its turnover from the journal lines: totals, per account, and per store
// and account. It is serialised canonically: fixed key order, rows sorted by code in code-unit
// order, integers only. The SHA-256 of that text is the same for the same books on either
// database, and any later change to a line of the period changes it.

export const SNAPSHOT_FORMAT = 'boh.period-snapshot.v1';

export interface SnapshotContent {
  format: typeof SNAPSHOT_FORMAT;
  period: string;
  totals: { entries: number; lines: number; debit_fen: number; credit_fen: number };
  /** [account_code, debit_fen, credit_fen], by account code. */
  accounts: [string, number, number][];
  /** [store_code ('' without a store), account_code, debit_fen, credit_fen], by store then account. */
  stores: [string, string, number, number][];
}

/** Compute the period's snapshot content from its journal lines now. */
export async function computeSnapshotContent(db: Kysely<Database>, period: string): Promise<SnapshotContent> {
  const rows = await db
    .selectFrom('journal_lines')
    .select([
      sql<string>`coalesce(store_code, '')`.as('store'),
      'account_code',
      sql<number>`sum(debit_fen)`.as('debit'),
      sql<number>`sum(credit_fen)`.as('credit'),
      sql<number>`count(*)`.as('lines'),
    ])
    .where('period', '=', period)
    .groupBy([sql`coalesce(store_code, '')`, 'account_code'])
    .execute();
  const entries = await db.selectFrom('journal_entries').select(sql<number>`count(*)`.as('count')).where('period', '=', period).executeTakeFirstOrThrow();

  const byAccount = new Map<string, [string, number, number]>();
  const stores: [string, string, number, number][] = [];
  const totals = { entries: Number(entries.count), lines: 0, debit_fen: 0, credit_fen: 0 };
  for (const row of rows) {
    const debit = Number(row.debit);
    const credit = Number(row.credit);
    stores.push([row.store, row.account_code, debit, credit]);
    const account = byAccount.get(row.account_code) ?? [row.account_code, 0, 0];
    account[1] += debit;
    account[2] += credit;
    byAccount.set(row.account_code, account);
    totals.lines += Number(row.lines);
    totals.debit_fen += debit;
    totals.credit_fen += credit;
  }
  stores.sort((a, b) => compareCodes(a[0], b[0]) || compareCodes(a[1], b[1]));
  const accounts = [...byAccount.values()].sort((a, b) => compareCodes(a[0], b[0]));
  return { format: SNAPSHOT_FORMAT, period, totals, accounts, stores };
}

/** Serialise a snapshot canonically: JSON with keys in a fixed order and no spaces. */
export function canonicalText(content: SnapshotContent): string {
  const ordered = {
    format: content.format,
    period: content.period,
    totals: { entries: content.totals.entries, lines: content.totals.lines, debit_fen: content.totals.debit_fen, credit_fen: content.totals.credit_fen },
    accounts: content.accounts.map(([code, debit, credit]) => [code, debit, credit]),
    stores: content.stores.map(([store, code, debit, credit]) => [store, code, debit, credit]),
  };
  return JSON.stringify(ordered);
}

/** Hash the canonical text: SHA-256 in hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compare codes by UTF-16 code units, the same on every machine and locale. */
function compareCodes(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Store a new snapshot of the period, numbered after the earlier ones, and return it. */
export async function storeSnapshot(
  db: Kysely<Database>,
  period: string,
  by: { name: string | null; requestId: string | null; now: string },
  accepted: string[],
  checks: { key: string; state: string; count?: number; amount_fen?: number }[],
): Promise<{ sequence: number; contentHash: string }> {
  const text = canonicalText(await computeSnapshotContent(db, period));
  const hash = contentHash(text);
  const last = await db.selectFrom('period_snapshots').select(sql<number | null>`max(sequence)`.as('sequence')).where('period', '=', period).executeTakeFirst();
  const sequence = Number(last?.sequence ?? 0) + 1;
  await db
    .insertInto('period_snapshots')
    .values({
      period,
      sequence,
      content_hash: hash,
      content: text,
      accepted_checks: JSON.stringify(accepted),
      checks: JSON.stringify(checks.map((c) => ({ key: c.key, state: c.state, count: c.count ?? null, amount_fen: c.amount_fen ?? null }))),
      created_at: by.now,
      created_by: by.name,
      request_id: by.requestId,
    })
    .execute();
  return { sequence, contentHash: hash };
}
