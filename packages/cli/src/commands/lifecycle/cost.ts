import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { dateOption } from '../finance-options.js';
import { yuanToFen } from './budget.js';
import { forPeople, formatFen } from './format.js';

type Cost = components['schemas']['ConstructionCost'];

export interface CostOptions {
  category: string;
  amount: string;
  on: string;
  reference?: string;
  supplier?: string;
  note?: string;
}

/** Record one actual construction cost. */
export async function addCost(context: Context, code: string, options: CostOptions): Promise<void> {
  const cost = await context.client().lifecycle.addCost(code, {
    category: options.category as components['schemas']['ConstructionCategory'],
    amount_fen: yuanToFen(context, '--amount', options.amount),
    incurred_on: dateOption(context, '--on', options.on),
    reference: options.reference ?? null,
    supplier_code: options.supplier ?? null,
    note: options.note ?? null,
  });
  if (context.json) context.io.stdout.write(toJson(cost));
  else context.info(context.t('lifecycle.cost.added', { id: cost.id, amount: formatFen(cost.amount_fen), code }));
}

/** List a store's construction costs, oldest first. */
export async function listCosts(context: Context, code: string): Promise<void> {
  const costs = await context.client().lifecycle.costs(code).toArray({ max: 100_000 });
  if (context.json) {
    context.io.stdout.write(toJson(costs));
    return;
  }
  const columns = [
    { header: 'ID', value: (cost: Cost) => cost.id, numeric: true },
    { header: context.t('lifecycle.budget.column.category'), value: (cost: Cost) => cost.category },
    { header: context.t('lifecycle.budget.column.actual'), value: (cost: Cost) => formatFen(cost.amount_fen), numeric: true },
    { header: context.t('lifecycle.stages.column.from'), value: (cost: Cost) => cost.incurred_on },
    { header: 'Ref', value: (cost: Cost) => cost.reference ?? '' },
    { header: context.t('lifecycle.checklist.column.note'), value: (cost: Cost) => cost.note ?? '' },
  ];
  context.io.stdout.write(renderTable(costs, columns, forPeople(context)));
}
