import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { ITEM_KINDS, PAYMENT_METHODS, SALES_CHANNELS } from '../sales/vocabulary.js';

// Posting rules (记账规则) map each kind of amount to the account it is posted to. A rule is found by
// its most specific qualifier first: a platform payment of a Meituan order looks for
// `payment/platform.delivery_meituan`, then `payment/platform`; revenue of a takeaway order
// looks for `revenue/takeaway`, then `revenue/default`.

/** Each rule with the qualifiers it accepts besides `default`, and whether `default` exists. */
export const RULES = {
  payment: { qualifiers: paymentQualifiers(), hasDefault: false },
  revenue: { qualifiers: [...SALES_CHANNELS], hasDefault: true },
  output_vat: { qualifiers: [], hasDefault: true },
  input_vat: { qualifiers: [], hasDefault: true },
  cogs: { qualifiers: [...ITEM_KINDS], hasDefault: true },
  inventory: { qualifiers: [...ITEM_KINDS], hasDefault: true },
  stock_receipt: { qualifiers: [], hasDefault: true },
  stock_count: { qualifiers: [], hasDefault: true },
  waste: { qualifiers: [...ITEM_KINDS], hasDefault: true },
  opening_balance: { qualifiers: [], hasDefault: true },
  maintenance_expense: { qualifiers: [], hasDefault: true },
  maintenance_labour: { qualifiers: [], hasDefault: true },
} as const;

export type RuleName = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as RuleName[];

function paymentQualifiers(): string[] {
  return PAYMENT_METHODS.flatMap((method) => [method, ...SALES_CHANNELS.map((channel) => `${method}.${channel}`)]);
}

/** True when the rule accepts the qualifier. */
export function isQualifierOf(rule: RuleName, qualifier: string): boolean {
  const definition = RULES[rule];
  if (qualifier === 'default') return definition.hasDefault;
  return (definition.qualifiers as readonly string[]).includes(qualifier);
}

/** True when the rule cannot be deleted because nothing more general would take its place. */
export function isRequiredRule(rule: RuleName, qualifier: string): boolean {
  if (rule === 'payment') return (PAYMENT_METHODS as readonly string[]).includes(qualifier);
  return qualifier === 'default';
}

/** The rules in memory, with the lookups the posting code needs. */
export interface PostingRules {
  payment(method: string, channel: string): string;
  revenue(channel: string): string;
  cogs(itemKind: string): string;
  inventory(itemKind: string): string;
  waste(itemKind: string): string;
  /**
   * A rule with only a default: output_vat, input_vat, stock_receipt, stock_count, opening_balance,
   * maintenance_expense, maintenance_labour.
   */
  account(rule: RuleName): string;
}

/** Read every posting rule. */
export async function loadPostingRules(db: Kysely<Database>): Promise<PostingRules> {
  const rows = await db.selectFrom('posting_rules').select(['rule', 'qualifier', 'account_code']).execute();
  const accounts = new Map(rows.map((row) => [`${row.rule}/${row.qualifier}`, row.account_code]));
  // Postings ask for the same few rules millions of times in a large import.
  const found = new Map<string, string>();

  const find = (rule: RuleName, ...qualifiers: string[]): string => {
    const key = `${rule}/${qualifiers[0]}`;
    const cached = found.get(key);
    if (cached) return cached;
    for (const qualifier of qualifiers) {
      const account = accounts.get(`${rule}/${qualifier}`);
      if (account) {
        found.set(key, account);
        return account;
      }
    }
    throw new ApiError(409, 'posting_rule_missing', { rule, qualifier: qualifiers[0] });
  };

  return {
    payment: (method, channel) => find('payment', `${method}.${channel}`, method),
    revenue: (channel) => find('revenue', channel, 'default'),
    cogs: (kind) => find('cogs', kind, 'default'),
    inventory: (kind) => find('inventory', kind, 'default'),
    waste: (kind) => find('waste', kind, 'default'),
    account: (rule) => find(rule, 'default'),
  };
}
