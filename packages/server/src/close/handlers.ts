import type { components } from '@boh/sdk/types';
import { notFound } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { runCloseChecks } from './checks.js';
import { canonicalText, computeSnapshotContent, contentHash, type SnapshotContent } from './snapshot.js';
import { listVouchers } from './vouchers.js';

type Difference = components['schemas']['SnapshotDifference'];

const getPeriodChecklist: Handler<'getPeriodChecklist'> = async (c) => {
  const period = c.params.period;
  const row = await c.db.selectFrom('accounting_periods').select('status').where('period', '=', period).executeTakeFirst();
  // A closed period shows the checks its close accepted as accepted.
  let accepted: string[] = [];
  if (row && row.status !== 'open') {
    const snapshot = await c.db.selectFrom('period_snapshots').select('accepted_checks').where('period', '=', period).orderBy('sequence', 'desc').executeTakeFirst();
    accepted = snapshot ? (JSON.parse(snapshot.accepted_checks) as string[]) : [];
  }
  const checks = await runCloseChecks({ db: c.db, dialect: c.database.dialect, period }, c.language, accepted);
  return {
    status: 200,
    body: { period, status: (row?.status ?? 'open') as 'open' | 'closed' | 'locked', ready: checks.every((check) => check.ok), checks },
  };
};

// The latest snapshot, with the hash recomputed from the journal lines now.
const getPeriodSnapshot: Handler<'getPeriodSnapshot'> = async (c) => {
  const period = c.params.period;
  const snapshots = await c.db.selectFrom('period_snapshots').selectAll().where('period', '=', period).orderBy('sequence', 'desc').execute();
  const latest = snapshots[0];
  if (!latest) throw notFound('period_snapshot', period);

  const stored = JSON.parse(latest.content) as SnapshotContent;
  const current = await computeSnapshotContent(c.db, period);
  const currentHash = contentHash(canonicalText(current));
  const status = await c.db.selectFrom('accounting_periods').select('status').where('period', '=', period).executeTakeFirst();
  return {
    status: 200,
    body: {
      period,
      sequence: latest.sequence,
      period_status: (status?.status ?? 'open') as 'open' | 'closed' | 'locked',
      content_hash: latest.content_hash,
      current_hash: currentHash,
      verified: currentHash === latest.content_hash && contentHash(latest.content) === latest.content_hash,
      created_at: latest.created_at,
      created_by: latest.created_by,
      accepted_checks: JSON.parse(latest.accepted_checks) as string[],
      totals: stored.totals,
      accounts: stored.accounts.map(([account_code, debit_fen, credit_fen]) => ({ account_code, debit_fen, credit_fen })),
      stores: stored.stores.map(([store_code, account_code, debit_fen, credit_fen]) => ({ store_code, account_code, debit_fen, credit_fen })),
      differences: differences(stored, current),
      history: snapshots.map((s) => ({ sequence: s.sequence, content_hash: s.content_hash, created_at: s.created_at, created_by: s.created_by })),
    },
  };
};

/** List what differs between the stored and the current content: totals, accounts, then stores. */
function differences(stored: SnapshotContent, current: SnapshotContent): Difference[] {
  const result: Difference[] = [];
  const pair = (scope: Difference['scope'], store: string | null, account: string | null, before: [number, number] | undefined, after: [number, number] | undefined) => {
    const [sd, sc] = before ?? [0, 0];
    const [cd, cc] = after ?? [0, 0];
    if (sd !== cd || sc !== cc) result.push({ scope, store_code: store, account_code: account, stored_debit_fen: sd, stored_credit_fen: sc, current_debit_fen: cd, current_credit_fen: cc });
  };
  pair('totals', null, null, [stored.totals.debit_fen, stored.totals.credit_fen], [current.totals.debit_fen, current.totals.credit_fen]);

  const accountsBefore = new Map(stored.accounts.map(([code, d, cr]) => [code, [d, cr] as [number, number]]));
  const accountsAfter = new Map(current.accounts.map(([code, d, cr]) => [code, [d, cr] as [number, number]]));
  for (const code of [...new Set([...accountsBefore.keys(), ...accountsAfter.keys()])].sort()) pair('account', null, code, accountsBefore.get(code), accountsAfter.get(code));

  const key = (store: string, code: string) => `${store}\u0000${code}`;
  const storesBefore = new Map(stored.stores.map(([store, code, d, cr]) => [key(store, code), [d, cr] as [number, number]]));
  const storesAfter = new Map(current.stores.map(([store, code, d, cr]) => [key(store, code), [d, cr] as [number, number]]));
  for (const k of [...new Set([...storesBefore.keys(), ...storesAfter.keys()])].sort()) {
    const [store, code] = k.split('\u0000') as [string, string];
    pair('store', store, code, storesBefore.get(k), storesAfter.get(k));
  }
  return result;
}

/** Every handler of the close's operations. */
export const closeHandlers = { getPeriodChecklist, getPeriodSnapshot, listVouchers };
