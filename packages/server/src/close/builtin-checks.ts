import { sql } from 'kysely';
import { computeTrialBalance } from '../ledger/trial-balance.js';
import { formatFenAsYuan } from '../reports/render/values/money.js';
import type { CloseCheck, CloseCheckContext } from './checks.js';
import { periodBounds } from './period-bounds.js';

// The checks every chain's finance team runs before a close. The registry in checks.ts adds
// them in this order; reconciliations live in reconciliation-check.ts.

const EXAMPLES = 20;

/**
 * orders_posted: every order and refund of the period has its journal entry, and no sales-order
 * import job is still open or left rejected rows. Import jobs carry no business date, so the
 * jobs counted are those started since the period began (Beijing time).
 */
export const orderPostingCheck: CloseCheck = {
  key: 'orders_posted',
  blocking: true,
  async run({ db, period }: CloseCheckContext) {
    const orders = await db
      .selectFrom('orders')
      .leftJoin('journal_entries', 'journal_entries.id', 'orders.journal_entry_id')
      .select(['orders.store_code', 'orders.order_number', 'orders.net_fen'])
      .where('orders.period', '=', period)
      .where('journal_entries.id', 'is', null)
      .where('orders.net_fen', '<>', 0)
      .orderBy('orders.store_code')
      .orderBy('orders.order_number')
      .execute();
    const refunds = await db
      .selectFrom('refunds')
      .leftJoin('journal_entries', 'journal_entries.id', 'refunds.journal_entry_id')
      .select(['refunds.store_code', 'refunds.refund_number', 'refunds.amount_fen'])
      .where('refunds.period', '=', period)
      .where('journal_entries.id', 'is', null)
      .where('refunds.amount_fen', '<>', 0)
      .orderBy('refunds.store_code')
      .orderBy('refunds.refund_number')
      .execute();
    const since = new Date(`${periodBounds(period).first}T00:00:00+08:00`).toISOString();
    const jobs = await db
      .selectFrom('import_jobs')
      .select(['id', 'status', 'rejected'])
      .where('resource', '=', 'sales_order')
      .where('created_at', '>=', since)
      .where('dry_run', '=', false)
      .where((eb) => eb.or([eb('status', '=', 'open'), eb('rejected', '>', 0)]))
      .orderBy('created_at')
      .execute();

    const amountFen = orders.reduce((sum, o) => sum + Number(o.net_fen), 0) - refunds.reduce((sum, r) => sum + Number(r.amount_fen), 0);
    const items = [
      ...orders.map((o) => `order ${o.store_code}/${o.order_number}`),
      ...refunds.map((r) => `refund ${r.store_code}/${r.refund_number}`),
      ...jobs.map((j) => `import ${j.id} (${j.status}, ${j.rejected} rejected)`),
    ].slice(0, EXAMPLES);
    const count = orders.length + refunds.length + jobs.length;
    return {
      state: count === 0 ? 'passed' : 'failed',
      count,
      amountFen,
      messageKey: count === 0 ? 'close.orders_posted.passed' : 'close.orders_posted.failed',
      params: { orders: orders.length, refunds: refunds.length, jobs: jobs.length },
      items,
    };
  },
};

/**
 * trial_balance_balanced: the period's debits equal its credits, and the per-period balances
 * the trial balance reads agree with the journal lines they sum up.
 */
export const trialBalanceCheck: CloseCheck = {
  key: 'trial_balance_balanced',
  blocking: true,
  async run({ db, period }: CloseCheckContext) {
    const trial = await computeTrialBalance(db, { periodFrom: period, periodTo: period, storeCode: null }, 'en');
    const lines = await db
      .selectFrom('journal_lines')
      .select(['account_code', sql<string>`coalesce(store_code, '')`.as('store'), sql<number>`sum(debit_fen)`.as('debit'), sql<number>`sum(credit_fen)`.as('credit')])
      .where('period', '=', period)
      .groupBy(['account_code', sql`coalesce(store_code, '')`])
      .execute();
    const balances = await db.selectFrom('ledger_balances').select(['account_code', 'store_code', 'debit_fen', 'credit_fen']).where('period', '=', period).execute();

    const fromLines = new Map(lines.map((l) => [`${l.account_code}|${l.store}`, `${Number(l.debit)}|${Number(l.credit)}`]));
    const fromBalances = new Map(balances.filter((b) => Number(b.debit_fen) !== 0 || Number(b.credit_fen) !== 0).map((b) => [`${b.account_code}|${b.store_code}`, `${Number(b.debit_fen)}|${Number(b.credit_fen)}`]));
    const drifted = [...new Set([...fromLines.keys(), ...fromBalances.keys()])].filter((key) => fromLines.get(key) !== fromBalances.get(key)).sort();

    const { debit_fen: debit, credit_fen: credit } = trial.totals;
    const ok = trial.balanced && drifted.length === 0;
    return {
      state: ok ? 'passed' : 'failed',
      count: drifted.length,
      amountFen: debit - credit,
      messageKey: ok ? 'close.trial_balance_balanced.passed' : 'close.trial_balance_balanced.failed',
      params: { debit: formatFenAsYuan(debit, true), credit: formatFenAsYuan(credit, true), drift: drifted.length },
      items: drifted.slice(0, EXAMPLES).map((key) => `balance ${key.replace('|', ' @ ')}`),
    };
  },
};

/** stock_counts_posted: no stock count dated in the period is still a draft, so its variance is in the books. */
export const stockCountCheck: CloseCheck = {
  key: 'stock_counts_posted',
  blocking: true,
  async run({ db, period }: CloseCheckContext) {
    const { first, last } = periodBounds(period);
    const drafts = await db
      .selectFrom('stock_counts')
      .select(['id', 'store_code'])
      .where('status', '=', 'draft')
      .where('count_date', '>=', first)
      .where('count_date', '<=', last)
      .orderBy('id')
      .execute();
    return {
      state: drafts.length === 0 ? 'passed' : 'failed',
      count: drafts.length,
      messageKey: drafts.length === 0 ? 'close.stock_counts_posted.passed' : 'close.stock_counts_posted.failed',
      params: { count: drafts.length },
      items: drafts.slice(0, EXAMPLES).map((d) => `stock count ${Number(d.id)} (${d.store_code})`),
    };
  },
};

/**
 * previous_periods_closed: a warning when an earlier month with postings is still open. Books
 * are usually closed in order, but a late correction of an old month must not stop this one.
 */
export const previousPeriodsCheck: CloseCheck = {
  key: 'previous_periods_closed',
  blocking: false,
  async run({ db, period }: CloseCheckContext) {
    const posted = await db.selectFrom('ledger_balances').select('period').distinct().where('period', '<', period).execute();
    const closed = await db.selectFrom('accounting_periods').select('period').where('period', '<', period).where('status', '<>', 'open').execute();
    const closedSet = new Set(closed.map((row) => row.period));
    const open = posted.map((row) => row.period).filter((p) => !closedSet.has(p)).sort();
    return {
      state: open.length === 0 ? 'passed' : 'failed',
      count: open.length,
      messageKey: open.length === 0 ? 'close.previous_periods_closed.passed' : 'close.previous_periods_closed.failed',
      params: { periods: open.slice(0, EXAMPLES).join(', ') },
      items: open.slice(0, EXAMPLES),
    };
  },
};
