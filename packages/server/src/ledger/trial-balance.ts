import { sql, type Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { validationError } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import type { Language } from '../i18n/language.js';
import { loadAccountIndex } from './account-index.js';
import { accountName } from './accounts.js';

type TrialBalance = components['schemas']['TrialBalance'];
type Row = components['schemas']['TrialBalanceRow'];

/** The range and store of a trial balance or ledger detail; store null for the whole chain. */
export interface LedgerRange {
  periodFrom: string;
  periodTo: string;
  storeCode: string | null;
}

/**
 * Compute a trial balance (科目余额表) from the per-period balances: for each account, the
 * balance before `periodFrom`, the debit and credit turnover up to `periodTo`, and the balance
 * after. Parent accounts include their sub-accounts; only accounts with a figure are listed.
 */
export async function computeTrialBalance(db: Kysely<Database>, range: LedgerRange, language: Language): Promise<TrialBalance> {
  let query = db
    .selectFrom('ledger_balances')
    .select([
      'account_code',
      sql<number>`sum(case when period < ${range.periodFrom} then debit_fen - credit_fen else 0 end)`.as('opening'),
      sql<number>`sum(case when period >= ${range.periodFrom} then debit_fen else 0 end)`.as('debit'),
      sql<number>`sum(case when period >= ${range.periodFrom} then credit_fen else 0 end)`.as('credit'),
    ])
    .where('period', '<=', range.periodTo)
    .groupBy('account_code');
  if (range.storeCode !== null) query = query.where('store_code', '=', range.storeCode);
  const sums = await query.execute();

  const accounts = await loadAccountIndex(db);
  const totals = new Map<string, { opening: number; debit: number; credit: number }>();
  for (const sum of sums) {
    for (const code of [sum.account_code, ...accounts.ancestors(sum.account_code)]) {
      const total = totals.get(code) ?? { opening: 0, debit: 0, credit: 0 };
      total.opening += Number(sum.opening);
      total.debit += Number(sum.debit);
      total.credit += Number(sum.credit);
      totals.set(code, total);
    }
  }

  const rows: Row[] = [...totals]
    .filter(([, t]) => t.opening !== 0 || t.debit !== 0 || t.credit !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, t]) => {
      const account = accounts.get(code);
      const closing = t.opening + t.debit - t.credit;
      return {
        account_code: code,
        account_name: account ? accountName(account, language) : code,
        level: account?.level ?? code.split('.').length,
        is_leaf: accounts.unpostableReason(code) !== 'has_children',
        balance_direction: (account?.balance_direction ?? 'debit') as Row['balance_direction'],
        opening_debit_fen: Math.max(t.opening, 0),
        opening_credit_fen: Math.max(-t.opening, 0),
        debit_fen: t.debit,
        credit_fen: t.credit,
        closing_debit_fen: Math.max(closing, 0),
        closing_credit_fen: Math.max(-closing, 0),
      };
    });

  const firstLevel = rows.filter((row) => row.level === 1);
  const sumOf = (field: keyof Row) => firstLevel.reduce((sum, row) => sum + (row[field] as number), 0);
  const result = {
    opening_debit_fen: sumOf('opening_debit_fen'),
    opening_credit_fen: sumOf('opening_credit_fen'),
    debit_fen: sumOf('debit_fen'),
    credit_fen: sumOf('credit_fen'),
    closing_debit_fen: sumOf('closing_debit_fen'),
    closing_credit_fen: sumOf('closing_credit_fen'),
  };
  return {
    period_from: range.periodFrom,
    period_to: range.periodTo,
    store_code: range.storeCode,
    rows,
    totals: result,
    balanced: result.opening_debit_fen === result.opening_credit_fen && result.debit_fen === result.credit_fen && result.closing_debit_fen === result.closing_credit_fen,
  };
}

/** Read and check the period range of a ledger query. */
export function rangeOf(query: { period_from: string; period_to?: string; store_code?: string }): LedgerRange {
  const periodTo = query.period_to ?? query.period_from;
  if (periodTo < query.period_from) {
    throw validationError([{ field: 'query.period_to', code: 'period_order', params: { value: periodTo, other: query.period_from }, value: periodTo }]);
  }
  return { periodFrom: query.period_from, periodTo, storeCode: query.store_code ?? null };
}

const getTrialBalance: Handler<'getTrialBalance'> = async (c) => ({ status: 200, body: await computeTrialBalance(c.db, rangeOf(c.query), c.language) });

export const trialBalanceHandlers = { getTrialBalance };
