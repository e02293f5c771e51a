import { sql, type Kysely, type Selectable } from 'kysely';
import type { components } from '@boh/sdk/types';
import { diffRecords, recordChange } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { ApiError, notFound, validationError } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import type { Handler } from '../http/handler.js';
import type { Language } from '../i18n/language.js';
import type { AccountTable } from './tables.js';

type Account = components['schemas']['Account'];

/** Convert an account to the API's shape; `isLeaf` is true when it has no active sub-account. */
export function accountToApi(row: Selectable<AccountTable>, isLeaf: boolean): Account {
  return {
    code: row.code,
    name_zh: row.name_zh,
    name_en: row.name_en,
    category: row.category as Account['category'],
    balance_direction: row.balance_direction as Account['balance_direction'],
    parent_code: row.parent_code,
    level: row.level,
    is_leaf: isLeaf,
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Return the name of an account in the language of the request. */
export function accountName(row: Pick<AccountTable, 'name_zh' | 'name_en'>, language: Language): string {
  return language === 'zh-CN' ? row.name_zh : row.name_en;
}

const listAccounts: Handler<'listAccounts'> = async (c) => {
  const limit = c.query.limit ?? 50;
  const code = c.database.dialect === 'postgres' ? sql`code collate "C"` : sql`code`;
  let query = c.db.selectFrom('accounts').selectAll();
  if (c.query.active !== undefined) query = query.where('active', '=', c.query.active);
  if (c.query.category) query = query.where('category', '=', c.query.category);
  if (c.query.q) {
    const pattern = `%${c.query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(code)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(name_zh)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(name_en)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (c.query.cursor) query = query.where(sql<boolean>`${code} > ${decodeCursor(c.query.cursor, 'code').key}`);
  const rows = await query.orderBy(code).limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const parents = await parentsWithActiveChildren(c.db, page.map((row) => row.code));
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: page.map((row) => accountToApi(row, !parents.has(row.code))),
      next_cursor: rows.length > limit && last ? encodeCursor({ sort: 'code', value: null, key: last.code }) : null,
    },
  };
};

const getAccount: Handler<'getAccount'> = async (c) => {
  const row = await c.db.selectFrom('accounts').selectAll().where('code', '=', c.params.code).executeTakeFirst();
  if (!row) throw notFound('account', c.params.code);
  const parents = await parentsWithActiveChildren(c.db, [row.code]);
  return { status: 200, body: accountToApi(row, !parents.has(row.code)), headers: { ETag: etagOf(row.version) } };
};

const createAccount: Handler<'createAccount'> = async (c) => {
  const { code } = c.body;
  if (await c.db.selectFrom('accounts').select('code').where('code', '=', code).executeTakeFirst()) {
    throw new ApiError(409, 'already_exists', { resource: 'account', key: code });
  }
  const parentCode = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
  if (!parentCode) throw validationError([{ field: 'body.code', code: 'account_needs_parent', params: { value: code }, value: code }]);

  const parent = await c.db.selectFrom('accounts').selectAll().where('code', '=', parentCode).executeTakeFirst();
  if (!parent || !parent.active) {
    throw validationError([{ field: 'body.code', code: 'account_parent_missing', params: { value: code, parent: parentCode }, value: code }]);
  }
  const posted = await c.db.selectFrom('journal_lines').select('entry_id').where('account_code', '=', parentCode).limit(1).executeTakeFirst();
  if (posted) throw new ApiError(409, 'account_has_postings', { code: parentCode, entry_id: Number(posted.entry_id) });
  await assertNoRuleUses(c.db, parentCode, 'account_parent_used_by_rule');

  const now = new Date().toISOString();
  const row = {
    code,
    name_zh: c.body.name_zh,
    name_en: c.body.name_en,
    category: parent.category,
    balance_direction: parent.balance_direction,
    parent_code: parentCode,
    level: parent.level + 1,
    active: true,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await c.db.insertInto('accounts').values(row).execute();
  const body = accountToApi(row, true);
  await recordChange(c.db, { resource: 'account', key: code, action: 'create', actor: c.actor, changes: diffRecords(null, body), at: now });
  return { status: 201, body, headers: { ETag: etagOf(1) } };
};

const updateAccount: Handler<'updateAccount'> = async (c) => {
  let query = c.db.selectFrom('accounts').selectAll().where('code', '=', c.params.code);
  if (c.database.dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('account', c.params.code);
  assertVersion(parseIfMatch(c.headers['if-match']), row.version, 'account', row.code);

  const parents = await parentsWithActiveChildren(c.db, [row.code]);
  const before = accountToApi(row, !parents.has(row.code));
  const changes = { ...(c.body.name_zh ? { name_zh: c.body.name_zh } : {}), ...(c.body.name_en ? { name_en: c.body.name_en } : {}), ...(c.body.active !== undefined ? { active: c.body.active } : {}) };
  const after = { ...before, ...changes };
  const fieldChanges = diffRecords(before, after);
  if (fieldChanges.length === 0) return { status: 200, body: before, headers: { ETag: etagOf(row.version) } };

  if (before.active && c.body.active === false) await assertMayDeactivate(c.db, row.code);
  if (!before.active && c.body.active === true && row.parent_code) {
    const parent = await c.db.selectFrom('accounts').select('active').where('code', '=', row.parent_code).executeTakeFirst();
    if (!parent?.active) throw new ApiError(409, 'account_parent_inactive', { code: row.code, parent: row.parent_code });
  }

  const now = new Date().toISOString();
  const version = row.version + 1;
  await c.db.updateTable('accounts').set({ ...changes, version, updated_at: now }).where('code', '=', row.code).execute();
  await recordChange(c.db, { resource: 'account', key: row.code, action: 'update', actor: c.actor, changes: fieldChanges, at: now });
  return { status: 200, body: { ...after, version, updated_at: now }, headers: { ETag: etagOf(version) } };
};

/** Reject deactivating an account with active sub-accounts, posting rules or a balance. */
async function assertMayDeactivate(db: Kysely<Database>, code: string): Promise<void> {
  const child = await db.selectFrom('accounts').select('code').where('parent_code', '=', code).where('active', '=', true).executeTakeFirst();
  if (child) throw new ApiError(409, 'account_has_active_children', { code, child: child.code });
  await assertNoRuleUses(db, code, 'account_used_by_rule');
  const balance = await db
    .selectFrom('ledger_balances')
    .select((eb) => [eb.fn.sum<number>('debit_fen').as('debit'), eb.fn.sum<number>('credit_fen').as('credit')])
    .where('account_code', '=', code)
    .executeTakeFirst();
  const net = Number(balance?.debit ?? 0) - Number(balance?.credit ?? 0);
  if (net !== 0) throw new ApiError(409, 'account_has_balance', { code, balance_fen: net });
}

async function assertNoRuleUses(db: Kysely<Database>, code: string, errorCode: string): Promise<void> {
  const rule = await db.selectFrom('posting_rules').select(['rule', 'qualifier']).where('account_code', '=', code).orderBy('rule').orderBy('qualifier').executeTakeFirst();
  if (rule) throw new ApiError(409, errorCode, { code, rule: `${rule.rule}/${rule.qualifier}` });
}

/** Find the codes among `codes` that have an active sub-account. */
export async function parentsWithActiveChildren(db: Kysely<Database>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('accounts').select('parent_code').distinct().where('parent_code', 'in', codes).where('active', '=', true).execute();
  return new Set(rows.map((row) => row.parent_code!));
}

export const accountHandlers = { listAccounts, getAccount, createAccount, updateAccount };
