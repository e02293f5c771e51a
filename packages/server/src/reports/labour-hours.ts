// Labour hours and their cost per store, business date and role, for 人效 and labour cost.

import { canAccessStore } from '../auth/roles.js';
import { bulkUpsert } from '../db/bulk-insert.js';
import { ApiError, validationError, type FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { checkStores } from './footfall.js';

export const recordLabourHours: Handler<'recordLabourHours'> = async (c) => {
  const entries = c.body.entries;
  const issues: FieldIssue[] = [];
  await checkStores(c.db, entries.map((entry) => entry.store_code), 'entries', issues);
  for (const entry of entries) {
    if (!canAccessStore(c.principal, entry.store_code)) throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: entry.store_code });
  }
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = `${entry.store_code}\u0000${entry.business_date}\u0000${entry.role}`;
    if (seen.has(key)) issues.push({ field: `body.entries[${index}]`, code: 'duplicate_entry', params: { first: seen.get(key)! + 1, key: 'role' } });
    seen.set(key, index);
  });
  if (issues.length > 0) throw validationError(issues);

  const updatedAt = c.now().toISOString();
  const rows = entries
    .map((entry) => ({
      store_code: entry.store_code,
      business_date: entry.business_date,
      role: entry.role,
      hours_milli: Math.round(entry.hours * 1000),
      cost_fen: entry.cost_fen,
      updated_at: updatedAt,
    }))
    .sort((a, b) => (`${a.store_code}|${a.business_date}|${a.role}` < `${b.store_code}|${b.business_date}|${b.role}` ? -1 : 1));
  await bulkUpsert({ db: c.db, dialect: c.database.dialect }, 'labour_hours', rows, ['store_code', 'business_date', 'role'], 'replace');
  return { status: 200, body: { recorded: rows.length } };
};
