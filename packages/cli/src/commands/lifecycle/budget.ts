import type { components } from '@boh/sdk';
import { formatIssue, parseAmountFen } from '../../files/index.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { CATEGORIES, forPeople, formatFen } from './format.js';

type Comparison = components['schemas']['BudgetComparison'];
type Category = components['schemas']['ConstructionCategory'];

/** Parse yuan text (¥1,234.50, 1234.5) into fen, or fail naming the option. */
export function yuanToFen(context: Context, option: string, text: string): number {
  const result = parseAmountFen(text);
  if (!result.ok) throw new UsageError('lifecycle.cost.invalid_amount', { option, message: formatIssue(context.language, result.issue) });
  return result.value;
}

/** With --set, replace the budget; then print budget against actual per category. */
export async function budget(context: Context, code: string, options: { set?: string[]; ifVersion?: string }): Promise<void> {
  const lifecycle = context.client().lifecycle;
  if (options.set && options.set.length > 0) {
    const lines = options.set.map((entry) => {
      const [category, amount] = entry.split('=', 2);
      if (!amount || !(CATEGORIES as readonly string[]).includes(category!.trim())) {
        throw new UsageError('lifecycle.budget.invalid_line', { value: entry, categories: CATEGORIES.join(', ') });
      }
      return { category: category!.trim() as Category, amount_fen: yuanToFen(context, '--set', amount) };
    });
    const ifVersion = options.ifVersion ?? (await lifecycle.budget(code)).version;
    const saved = await lifecycle.setBudget(code, { lines }, { ifVersion });
    context.info(context.t('lifecycle.budget.saved', { code, version: saved.version }));
  }

  const report = await lifecycle.budgetReport(code);
  if (context.json) {
    context.io.stdout.write(toJson(report));
    return;
  }
  const columns = [
    { header: context.t('lifecycle.budget.column.category'), value: (line: Comparison) => line.category ?? context.t('lifecycle.budget.total') },
    { header: context.t('lifecycle.budget.column.budget'), value: (line: Comparison) => formatFen(line.budget_fen), numeric: true },
    { header: context.t('lifecycle.budget.column.actual'), value: (line: Comparison) => formatFen(line.actual_fen), numeric: true },
    { header: context.t('lifecycle.budget.column.variance'), value: (line: Comparison) => formatFen(line.variance_fen), numeric: true },
    { header: context.t('lifecycle.budget.column.used'), value: (line: Comparison) => (line.used_percent === null ? '' : `${line.used_percent}%`), numeric: true },
  ];
  context.io.stdout.write(renderTable([...report.lines, report.total], columns, forPeople(context)));
}
