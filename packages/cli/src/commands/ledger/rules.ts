import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { percentToFractionText } from '../../files/decimal.js';
import { UsageError } from '../../runtime/errors.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';

type RuleName = components['schemas']['PostingRuleName'];
type TaxCategory = components['schemas']['TaxCategory'];

export async function listRules(context: Context): Promise<void> {
  const rules = await context.client().ledger.postingRules();
  if (context.json) {
    context.io.stdout.write(toJson(rules));
    return;
  }
  const t = (key: string) => context.t(key);
  context.io.stdout.write(
    renderTable(
      rules,
      [
        { header: t('ledger.column.rule'), value: (r) => r.rule },
        { header: t('ledger.column.qualifier'), value: (r) => r.qualifier },
        { header: t('ledger.column.account'), value: (r) => r.account_code },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}

export async function setRule(context: Context, rule: string, qualifier: string, account: string): Promise<void> {
  const result = await context.client().ledger.setPostingRule(rule as RuleName, qualifier, account);
  if (context.json) context.io.stdout.write(toJson(result));
  else context.info(context.t('ledger.rule.done', { rule, qualifier, account: result.account_code }));
}

export async function deleteRule(context: Context, rule: string, qualifier: string): Promise<void> {
  await context.client().ledger.deletePostingRule(rule as RuleName, qualifier);
  if (context.json) context.io.stdout.write(toJson({ rule, qualifier, deleted: true }));
  else context.info(context.t('ledger.rule.deleted', { rule, qualifier }));
}

export async function listTaxRates(context: Context): Promise<void> {
  const rates = await context.client().ledger.taxRates();
  if (context.json) {
    context.io.stdout.write(toJson(rates));
    return;
  }
  const t = (key: string) => context.t(key);
  context.io.stdout.write(
    renderTable(
      rates,
      [
        { header: t('ledger.column.category'), value: (r) => r.tax_category },
        { header: t('ledger.column.from'), value: (r) => r.effective_from },
        { header: t('ledger.column.rate'), value: (r) => `${Math.round(r.rate * 10_000) / 100}%`, numeric: true },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}

/** Set a rate written as 0.06, 6%, 6 % or ６％. */
export async function setTaxRate(context: Context, category: string, from: string, rateText: string): Promise<void> {
  const fraction = percentToFractionText(rateText) ?? rateText.normalize('NFKC').trim();
  if (!/^\d+(?:\.\d+)?$/.test(fraction)) throw new UsageError('ledger.tax_rate.invalid', { value: rateText });
  const rate = Number(fraction);
  const result = await context.client().ledger.setTaxRate(category as TaxCategory, from, rate);
  if (context.json) context.io.stdout.write(toJson(result));
  else context.info(context.t('ledger.tax_rate.done', { category, from, rate: `${Math.round(result.rate * 10_000) / 100}%` }));
}

export async function deleteTaxRate(context: Context, category: string, from: string): Promise<void> {
  await context.client().ledger.deleteTaxRate(category as TaxCategory, from);
  if (context.json) context.io.stdout.write(toJson({ tax_category: category, effective_from: from, deleted: true }));
}
