import { recordChange } from '../audit/record.js';
import { ApiError, notFound, validationError } from '../http/api-error.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import type { Handler } from '../http/handler.js';
import { loadAccountIndex } from './account-index.js';
import { RULES, isQualifierOf, isRequiredRule, type RuleName } from './posting-rules.js';
import { basisPointsToRate, rateToBasisPoints } from './tax-rates.js';
import type { PostingRuleTable, TaxRateTable } from './tables.js';

// Handlers of the posting rules and tax rates: both are small tables read whole, changed one
// row at a time by finance, and audited.

function ruleToApi(row: PostingRuleTable) {
  return {
    rule: row.rule as RuleName,
    qualifier: row.qualifier,
    account_code: row.account_code,
    required: isRequiredRule(row.rule as RuleName, row.qualifier),
    version: row.version,
    updated_at: row.updated_at,
  };
}

const listPostingRules: Handler<'listPostingRules'> = async (c) => {
  const rows = await c.db.selectFrom('posting_rules').selectAll().orderBy('rule').orderBy('qualifier').execute();
  return { status: 200, body: { data: rows.map(ruleToApi) } };
};

const setPostingRule: Handler<'setPostingRule'> = async (c) => {
  const { rule, qualifier } = c.params;
  if (!isQualifierOf(rule, qualifier)) {
    const allowed = [...(RULES[rule].hasDefault ? ['default'] : []), ...RULES[rule].qualifiers];
    throw validationError([{ field: 'path.qualifier', code: 'rule_qualifier_invalid', params: { rule, value: qualifier, allowed: allowed.slice(0, 12) }, value: qualifier }]);
  }
  const reason = (await loadAccountIndex(c.db)).unpostableReason(c.body.account_code);
  if (reason) {
    throw validationError([{ field: 'body.account_code', code: `account_${reason}`, params: { value: c.body.account_code }, value: c.body.account_code }]);
  }

  const existing = await c.db.selectFrom('posting_rules').selectAll().where('rule', '=', rule).where('qualifier', '=', qualifier).executeTakeFirst();
  const expected = parseIfMatch(c.headers['if-match']);
  if (existing) assertVersion(expected, existing.version, 'posting_rule', `${rule}/${qualifier}`);
  if (existing && existing.account_code === c.body.account_code) return { status: 200, body: ruleToApi(existing), headers: { ETag: etagOf(existing.version) } };

  const now = new Date().toISOString();
  const row: PostingRuleTable = { rule, qualifier, account_code: c.body.account_code, version: (existing?.version ?? 0) + 1, updated_at: now };
  if (existing) {
    await c.db.updateTable('posting_rules').set({ account_code: row.account_code, version: row.version, updated_at: now }).where('rule', '=', rule).where('qualifier', '=', qualifier).execute();
  } else {
    await c.db.insertInto('posting_rules').values(row).execute();
  }
  await recordChange(c.db, { resource: 'posting_rule', key: `${rule}/${qualifier}`, action: existing ? 'update' : 'create', actor: c.actor, changes: [{ field: 'account_code', before: existing?.account_code ?? null, after: row.account_code }], at: now });
  return { status: 200, body: ruleToApi(row), headers: { ETag: etagOf(row.version) } };
};

const deletePostingRule: Handler<'deletePostingRule'> = async (c) => {
  const { rule, qualifier } = c.params;
  const existing = await c.db.selectFrom('posting_rules').selectAll().where('rule', '=', rule).where('qualifier', '=', qualifier).executeTakeFirst();
  if (!existing) throw notFound('posting_rule', `${rule}/${qualifier}`);
  assertVersion(parseIfMatch(c.headers['if-match']), existing.version, 'posting_rule', `${rule}/${qualifier}`);
  if (isRequiredRule(rule, qualifier)) throw new ApiError(409, 'posting_rule_required', { rule, qualifier });

  await c.db.deleteFrom('posting_rules').where('rule', '=', rule).where('qualifier', '=', qualifier).execute();
  await recordChange(c.db, { resource: 'posting_rule', key: `${rule}/${qualifier}`, action: 'delete', actor: c.actor, changes: [{ field: 'account_code', before: existing.account_code, after: null }] });
  return { status: 204, body: undefined };
};

function rateToApi(row: TaxRateTable) {
  return { tax_category: row.tax_category as 'goods', effective_from: row.effective_from, rate: basisPointsToRate(row.rate_bp), version: row.version, updated_at: row.updated_at };
}

const listTaxRates: Handler<'listTaxRates'> = async (c) => {
  const rows = await c.db.selectFrom('tax_rates').selectAll().orderBy('tax_category').orderBy('effective_from').execute();
  return { status: 200, body: { data: rows.map(rateToApi) } };
};

const setTaxRate: Handler<'setTaxRate'> = async (c) => {
  const { tax_category, effective_from } = c.params;
  const bp = rateToBasisPoints(c.body.rate);
  if (bp === undefined) throw validationError([{ field: 'body.rate', code: 'decimal_places', params: { limit: 4, value: c.body.rate }, value: c.body.rate }]);

  const existing = await c.db.selectFrom('tax_rates').selectAll().where('tax_category', '=', tax_category).where('effective_from', '=', effective_from).executeTakeFirst();
  if (existing) assertVersion(parseIfMatch(c.headers['if-match']), existing.version, 'tax_rate', `${tax_category}/${effective_from}`);
  if (existing && existing.rate_bp === bp) return { status: 200, body: rateToApi(existing), headers: { ETag: etagOf(existing.version) } };

  const now = new Date().toISOString();
  const row: TaxRateTable = { tax_category, effective_from, rate_bp: bp, version: (existing?.version ?? 0) + 1, updated_at: now };
  if (existing) {
    await c.db.updateTable('tax_rates').set({ rate_bp: bp, version: row.version, updated_at: now }).where('tax_category', '=', tax_category).where('effective_from', '=', effective_from).execute();
  } else {
    await c.db.insertInto('tax_rates').values(row).execute();
  }
  const before = existing ? basisPointsToRate(existing.rate_bp) : null;
  await recordChange(c.db, { resource: 'tax_rate', key: `${tax_category}/${effective_from}`, action: existing ? 'update' : 'create', actor: c.actor, changes: [{ field: 'rate', before, after: c.body.rate }], at: now });
  return { status: 200, body: rateToApi(row), headers: { ETag: etagOf(row.version) } };
};

const deleteTaxRate: Handler<'deleteTaxRate'> = async (c) => {
  const { tax_category, effective_from } = c.params;
  const existing = await c.db.selectFrom('tax_rates').selectAll().where('tax_category', '=', tax_category).where('effective_from', '=', effective_from).executeTakeFirst();
  if (!existing) throw notFound('tax_rate', `${tax_category}/${effective_from}`);
  assertVersion(parseIfMatch(c.headers['if-match']), existing.version, 'tax_rate', `${tax_category}/${effective_from}`);
  await c.db.deleteFrom('tax_rates').where('tax_category', '=', tax_category).where('effective_from', '=', effective_from).execute();
  await recordChange(c.db, { resource: 'tax_rate', key: `${tax_category}/${effective_from}`, action: 'delete', actor: c.actor, changes: [{ field: 'rate', before: basisPointsToRate(existing.rate_bp), after: null }] });
  return { status: 204, body: undefined };
};

export const ruleHandlers = { listPostingRules, setPostingRule, deletePostingRule, listTaxRates, setTaxRate, deleteTaxRate };
