import type { Kysely, Selectable } from 'kysely';
import type { components } from '@boh/sdk/types';
import { recordChange } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { ApiError, validationError, type FieldIssue } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import type { Handler } from '../http/handler.js';
import { checkReferences } from '../masterdata/checks.js';
import { loadStore } from './store-access.js';
import type { StoreConstructionCostTable } from './tables.js';

type Category = components['schemas']['ConstructionCategory'];
type Budget = components['schemas']['ConstructionBudget'];
type Comparison = components['schemas']['BudgetComparison'];

/** The categories in the order reports list them. */
export const CATEGORIES: readonly Category[] = [
  'design', 'fit_out', 'equipment', 'furniture', 'signage', 'licences', 'rent_deposit', 'recruitment_training', 'opening_marketing', 'other',
];

async function readBudget(db: Kysely<Database>, storeCode: string): Promise<Budget> {
  const header = await db.selectFrom('store_construction_budgets').selectAll().where('store_code', '=', storeCode).executeTakeFirst();
  const lines = await db
    .selectFrom('store_construction_budget_lines')
    .select(['category', 'amount_fen', 'note'])
    .where('store_code', '=', storeCode)
    .orderBy('position')
    .execute();
  return {
    store_code: storeCode,
    lines: lines.map((line) => ({ category: line.category as Category, amount_fen: Number(line.amount_fen), note: line.note ?? null })),
    total_fen: lines.reduce((sum, line) => sum + Number(line.amount_fen), 0),
    version: header?.version ?? 0,
    updated_at: header?.updated_at ?? null,
  };
}

const getConstructionBudget: Handler<'getConstructionBudget'> = async (c) => {
  await loadStore(c.db, c.database.dialect, c.principal, c.params.code);
  const budget = await readBudget(c.db, c.params.code);
  return { status: 200, body: budget, headers: { ETag: etagOf(budget.version) } };
};

/** Replace the budget lines; the store's audit history gets the lines before and after. */
const putConstructionBudget: Handler<'putConstructionBudget'> = async (c) => {
  const code = c.params.code;
  const expected = parseIfMatch(c.headers['if-match']);
  await loadStore(c.db, c.database.dialect, c.principal, code, true);
  const before = await readBudget(c.db, code);
  assertVersion(expected, before.version, 'construction_budget', code);

  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  c.body.lines.forEach((line, index) => {
    if (seen.has(line.category)) issues.push({ field: `body.lines[${index}].category`, code: 'duplicate_category', params: { value: line.category }, value: line.category });
    seen.add(line.category);
  });
  if (issues.length > 0) throw validationError(issues);

  const lines = c.body.lines.map((line) => ({ category: line.category, amount_fen: line.amount_fen, note: line.note ?? null }));
  if (JSON.stringify(lines) === JSON.stringify(before.lines)) {
    return { status: 200, body: before, headers: { ETag: etagOf(before.version) } };
  }

  const at = new Date().toISOString();
  const version = before.version + 1;
  if (before.version === 0) {
    await c.db.insertInto('store_construction_budgets').values({ store_code: code, version, created_at: at, updated_at: at }).execute();
  } else {
    await c.db.updateTable('store_construction_budgets').set({ version, updated_at: at }).where('store_code', '=', code).execute();
  }
  await c.db.deleteFrom('store_construction_budget_lines').where('store_code', '=', code).execute();
  if (lines.length > 0) {
    await c.db.insertInto('store_construction_budget_lines').values(lines.map((line, position) => ({ store_code: code, position, ...line }))).execute();
  }
  await recordChange(c.db, {
    resource: 'store',
    key: code,
    action: 'construction_budget',
    actor: c.actor,
    changes: [{ field: 'construction_budget', before: before.version === 0 ? null : before.lines, after: lines }],
    at,
  });

  const body = await readBudget(c.db, code);
  return { status: 200, body, headers: { ETag: etagOf(body.version) } };
};

function costToApi(row: Selectable<StoreConstructionCostTable>) {
  return {
    id: String(row.id),
    store_code: row.store_code,
    category: row.category as Category,
    amount_fen: Number(row.amount_fen),
    incurred_on: row.incurred_on,
    reference: row.reference ?? null,
    supplier_code: row.supplier_code ?? null,
    note: row.note ?? null,
    created_at: row.created_at,
    actor: row.actor ?? null,
  };
}

/** Record an actual cost. A reference already used at the store is rejected, naming the entry. */
const createConstructionCost: Handler<'createConstructionCost'> = async (c) => {
  const code = c.params.code;
  await loadStore(c.db, c.database.dialect, c.principal, code);
  const input = c.body;
  const issues: FieldIssue[] = [];
  if (input.amount_fen === 0) issues.push({ field: 'body.amount_fen', code: 'amount_zero', value: 0 });
  issues.push(...(await checkReferences(c.db, [{ field: 'supplier_code', value: input.supplier_code, table: 'suppliers', resource: 'supplier' }])));
  if (issues.length > 0) throw validationError(issues);
  if (input.reference) await assertReferenceFree(c.db, code, input.reference);

  const at = new Date().toISOString();
  const values = {
    store_code: code,
    category: input.category,
    amount_fen: input.amount_fen,
    incurred_on: input.incurred_on,
    reference: input.reference ?? null,
    supplier_code: input.supplier_code ?? null,
    note: input.note ?? null,
    created_at: at,
    actor: c.actor.name,
    actor_token_id: c.actor.tokenId,
  };
  let id: number;
  try {
    id = Number((await c.db.insertInto('store_construction_costs').values(values).returning('id').executeTakeFirstOrThrow()).id);
  } catch (error) {
    // Two requests with one reference at once: the unique index decides. The transaction is
    // aborted on PostgreSQL, so the winner's id cannot be read here.
    if (input.reference && isUniqueViolation(error, 'store_construction_costs')) {
      throw new ApiError(409, 'cost_reference_taken', { store_code: code, reference: input.reference, id: '?' });
    }
    throw error;
  }

  const cost = costToApi({ id, ...values });
  const { id: _id, store_code: _store, created_at: _created, actor: _actor, ...audited } = cost;
  await recordChange(c.db, { resource: 'store', key: code, action: 'construction_cost', actor: c.actor, changes: [{ field: `construction_cost.${id}`, before: null, after: audited }], at });
  return { status: 201, body: cost };
};

async function assertReferenceFree(db: Kysely<Database>, storeCode: string, reference: string): Promise<void> {
  const taken = await db.selectFrom('store_construction_costs').select('id').where('store_code', '=', storeCode).where('reference', '=', reference).executeTakeFirst();
  if (taken) throw new ApiError(409, 'cost_reference_taken', { store_code: storeCode, reference, id: String(taken.id) });
}

const listConstructionCosts: Handler<'listConstructionCosts'> = async (c) => {
  await loadStore(c.db, c.database.dialect, c.principal, c.params.code);
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('store_construction_costs').selectAll().where('store_code', '=', c.params.code);
  if (c.query.category) query = query.where('category', '=', c.query.category);
  if (c.query.cursor) query = query.where('id', '>', Number(decodeCursor(c.query.cursor, 'id').value));
  const rows = await query.orderBy('id').limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: 'id', value: Number(last.id), key: String(last.id) }) : null;
  return { status: 200, body: { data: page.map(costToApi), next_cursor: next } };
};

/** Compare budget and actual per category; categories with neither are left out. */
const getConstructionBudgetReport: Handler<'getConstructionBudgetReport'> = async (c) => {
  const store = await loadStore(c.db, c.database.dialect, c.principal, c.params.code);
  const budget = await readBudget(c.db, store.code);
  const actuals = await c.db
    .selectFrom('store_construction_costs')
    .select((eb) => ['category', eb.fn.sum<number>('amount_fen').as('actual'), eb.fn.count<number>('id').as('entries'), eb.fn.min<string>('incurred_on').as('first'), eb.fn.max<string>('incurred_on').as('last')])
    .where('store_code', '=', store.code)
    .groupBy('category')
    .execute();

  const budgetBy = new Map(budget.lines.map((line) => [line.category, line.amount_fen]));
  const actualBy = new Map(actuals.map((row) => [row.category, Number(row.actual)]));
  const lines = CATEGORIES.filter((category) => budgetBy.has(category) || actualBy.has(category)).map((category) =>
    compare(category, budgetBy.get(category) ?? 0, actualBy.get(category) ?? 0),
  );
  const total = compare(null, budget.total_fen, [...actualBy.values()].reduce((sum, value) => sum + value, 0));
  const firsts = actuals.map((row) => row.first).sort();
  const lasts = actuals.map((row) => row.last).sort();

  const body = {
    store_code: store.code,
    stage: store.lifecycle_stage as components['schemas']['LifecycleStage'],
    lines,
    total,
    cost_entries: actuals.reduce((sum, row) => sum + Number(row.entries), 0),
    first_cost_on: firsts[0] ?? null,
    last_cost_on: lasts.at(-1) ?? null,
  };
  return { status: 200, body };
};

/** Build one comparison line. The percentage is rounded half away from zero to one decimal. */
export function compare(category: Category | null, budgetFen: number, actualFen: number): Comparison {
  const permille = (actualFen * 1000) / budgetFen;
  const usedPercent = budgetFen === 0 ? null : (Math.sign(permille) * Math.round(Math.abs(permille))) / 10;
  return {
    category,
    budget_fen: budgetFen,
    actual_fen: actualFen,
    variance_fen: actualFen - budgetFen,
    used_percent: usedPercent,
    over_budget: actualFen > budgetFen,
  };
}

export const budgetHandlers = {
  getConstructionBudget,
  putConstructionBudget,
  createConstructionCost,
  listConstructionCosts,
  getConstructionBudgetReport,
};
