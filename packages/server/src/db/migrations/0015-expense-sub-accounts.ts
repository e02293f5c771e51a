import type { Kysely, Migration } from 'kysely';

/** [code, Chinese name, English name] of a sub-account under 5601 销售费用 or 5602 管理费用. */
type SubAccount = readonly [string, string, string];

/**
 * The sub-accounts the store P&L reads labour (职工薪酬) and rent (租赁费) from, with one for
 * repairs, where maintenance is posted, and one for every other expense. Postings go only to
 * leaf accounts, so 5601 and 5602 themselves take no postings once these exist.
 */
export const EXPENSE_SUB_ACCOUNTS: Readonly<Record<string, readonly SubAccount[]>> = {
  '5601': [
    ['5601.01', '销售费用-职工薪酬', 'Selling expenses - employee benefits'],
    ['5601.02', '销售费用-租赁费', 'Selling expenses - rent'],
    ['5601.99', '销售费用-其他', 'Selling expenses - other'],
  ],
  '5602': [
    ['5602.01', '管理费用-职工薪酬', 'Administrative expenses - employee benefits'],
    ['5602.02', '管理费用-租赁费', 'Administrative expenses - rent'],
    ['5602.03', '管理费用-修理费', 'Administrative expenses - repairs'],
    ['5602.99', '管理费用-其他', 'Administrative expenses - other'],
  ],
};

/** Posting rules seeded on a parent that move to its sub-account when the parent gets them. */
const MOVED_RULES: readonly { rule: string; qualifier: string; from: string; to: string }[] = [
  { rule: 'maintenance_expense', qualifier: 'default', from: '5602', to: '5602.03' },
];

/**
 * Add the labour, rent, repairs and other sub-accounts under 5601 and 5602, in new and existing
 * databases alike. A parent is left as it is, as `POST /ledger/accounts` would leave it, when
 * it is missing or inactive, has postings, or a posting rule other than a seeded one in
 * MOVED_RULES posts to it. Sub-accounts that already exist keep their names.
 */
export function expenseSubAccounts(): Migration {
  return {
    async up(db: Kysely<any>) {
      const now = new Date().toISOString();
      for (const [parentCode, subAccounts] of Object.entries(EXPENSE_SUB_ACCOUNTS)) {
        const parent = await db.selectFrom('accounts').selectAll().where('code', '=', parentCode).executeTakeFirst();
        if (!parent || !parent.active) continue;
        if (await db.selectFrom('journal_lines').select('entry_id').where('account_code', '=', parentCode).limit(1).executeTakeFirst()) continue;
        const rules = await db.selectFrom('posting_rules').select(['rule', 'qualifier']).where('account_code', '=', parentCode).execute();
        const movable = (rule: { rule: string; qualifier: string }) => MOVED_RULES.some((moved) => moved.rule === rule.rule && moved.qualifier === rule.qualifier && moved.from === parentCode);
        if (!rules.every(movable)) continue;

        const existing = new Set((await db.selectFrom('accounts').select('code').where('parent_code', '=', parentCode).execute()).map((row) => row.code as string));
        const missing = subAccounts.filter(([code]) => !existing.has(code));
        if (missing.length > 0) {
          await db
            .insertInto('accounts')
            .values(
              missing.map(([code, name_zh, name_en]) => ({
                code,
                name_zh,
                name_en,
                category: parent.category,
                balance_direction: parent.balance_direction,
                parent_code: parentCode,
                level: Number(parent.level) + 1,
                active: true,
                version: 1,
                created_at: now,
                updated_at: now,
              })),
            )
            .execute();
        }

        for (const moved of MOVED_RULES.filter((rule) => rule.from === parentCode)) {
          await db
            .updateTable('posting_rules')
            .set((eb) => ({ account_code: moved.to, version: eb('version', '+', 1), updated_at: now }))
            .where('rule', '=', moved.rule)
            .where('qualifier', '=', moved.qualifier)
            .where('account_code', '=', moved.from)
            .execute();
        }
      }
    },

    async down(db: Kysely<any>) {
      const now = new Date().toISOString();
      for (const moved of MOVED_RULES) {
        await db
          .updateTable('posting_rules')
          .set((eb) => ({ account_code: moved.from, version: eb('version', '+', 1), updated_at: now }))
          .where('rule', '=', moved.rule)
          .where('qualifier', '=', moved.qualifier)
          .where('account_code', '=', moved.to)
          .execute();
      }
      // Sub-accounts that were posted to or that a rule uses stay, with their history. One a user
      // made with the same code before this migration is removed too when it has neither.
      const codes = Object.values(EXPENSE_SUB_ACCOUNTS).flatMap((accounts) => accounts.map(([code]) => code));
      await db
        .deleteFrom('accounts')
        .where('code', 'in', codes)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('journal_lines').select('entry_id').whereRef('journal_lines.account_code', '=', 'accounts.code'))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('posting_rules').select('rule').whereRef('posting_rules.account_code', '=', 'accounts.code'))))
        .execute();
    },
  };
}
