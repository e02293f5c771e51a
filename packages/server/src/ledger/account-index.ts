import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AccountTable } from './tables.js';

/** The chart of accounts in memory, read once per posting. */
export interface AccountIndex {
  get(code: string): AccountTable | undefined;
  /** The reason an account cannot take postings, or undefined when it can. */
  unpostableReason(code: string): 'unknown' | 'inactive' | 'has_children' | undefined;
  /** The account's parents, nearest first: 1012.01 → [1012]. */
  ancestors(code: string): string[];
  all(): AccountTable[];
}

/**
 * Read the chart of accounts. Postings go only to leaf accounts (末级科目): an active account
 * without active sub-accounts.
 */
export async function loadAccountIndex(db: Kysely<Database>): Promise<AccountIndex> {
  const rows = (await db.selectFrom('accounts').selectAll().orderBy('code').execute()) as AccountTable[];
  return indexAccounts(rows);
}

export function indexAccounts(rows: AccountTable[]): AccountIndex {
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const withActiveChildren = new Set(rows.filter((row) => Boolean(row.active) && row.parent_code).map((row) => row.parent_code!));

  return {
    get: (code) => byCode.get(code),
    unpostableReason(code) {
      const account = byCode.get(code);
      if (!account) return 'unknown';
      if (!account.active) return 'inactive';
      if (withActiveChildren.has(code)) return 'has_children';
      return undefined;
    },
    ancestors(code) {
      const chain: string[] = [];
      for (let parent = byCode.get(code)?.parent_code; parent; parent = byCode.get(parent)?.parent_code) chain.push(parent);
      return chain;
    },
    all: () => rows,
  };
}
