// Footfall counts (客流) per store and business date, whole-day or hourly, for the conversion rate.

import type { Kysely } from 'kysely';

import { canAccessStore } from '../auth/roles.js';
import { bulkUpsert } from '../db/bulk-insert.js';
import type { Database } from '../db/schema.js';
import { ApiError, validationError, type FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';

/** The stored hour of a whole-day count. */
export const WHOLE_DAY = -1;

export const recordFootfallCounts: Handler<'recordFootfallCounts'> = async (c) => {
  const counts = c.body.counts;
  const issues: FieldIssue[] = [];
  await checkStores(c.db, counts.map((count) => count.store_code), 'counts', issues);
  for (const count of counts) {
    if (!canAccessStore(c.principal, count.store_code)) throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: count.store_code });
  }

  // A store day is either one whole-day row or hourly rows, so a day's visitors are their sum.
  const kinds = new Map<string, { hourly: boolean; index: number }>();
  const seen = new Map<string, number>();
  counts.forEach((count, index) => {
    const hour = count.hour ?? WHOLE_DAY;
    const day = `${count.store_code}\u0000${count.business_date}`;
    const key = `${day}\u0000${hour}`;
    if (seen.has(key)) issues.push({ field: `body.counts[${index}]`, code: 'duplicate_entry', params: { first: seen.get(key)! + 1, key: 'hour' } });
    seen.set(key, index);
    const earlier = kinds.get(day);
    if (earlier && earlier.hourly !== (hour !== WHOLE_DAY)) issues.push(mixedIssue(index, count, earlier.hourly));
    kinds.set(day, { hourly: hour !== WHOLE_DAY, index });
  });
  for (const [index, count] of counts.entries()) {
    const hourly = (count.hour ?? WHOLE_DAY) !== WHOLE_DAY;
    const stored = await c.db
      .selectFrom('footfall_counts')
      .select('hour')
      .where('store_code', '=', count.store_code)
      .where('business_date', '=', count.business_date)
      .where('hour', hourly ? '=' : '<>', WHOLE_DAY)
      .executeTakeFirst();
    if (stored) issues.push(mixedIssue(index, count, !hourly));
  }
  if (issues.length > 0) throw validationError(issues);

  const updatedAt = c.now().toISOString();
  const rows = counts
    .map((count) => ({ store_code: count.store_code, business_date: count.business_date, hour: count.hour ?? WHOLE_DAY, visitors: count.visitors, updated_at: updatedAt }))
    .sort((a, b) => (`${a.store_code}|${a.business_date}|${a.hour}` < `${b.store_code}|${b.business_date}|${b.hour}` ? -1 : 1));
  await bulkUpsert({ db: c.db, dialect: c.database.dialect }, 'footfall_counts', rows, ['store_code', 'business_date', 'hour'], 'replace');
  return { status: 200, body: { recorded: rows.length } };
};

function mixedIssue(index: number, count: { store_code: string; business_date: string }, existingHourly: boolean): FieldIssue {
  return {
    field: `body.counts[${index}].hour`,
    code: 'footfall_mixed',
    params: { store: count.store_code, date: count.business_date, existing: existingHourly ? 'hourly' : 'whole-day' },
  };
}

/** Add an issue for each store code that does not exist. */
export async function checkStores(db: Kysely<Database>, codes: string[], list: string, issues: FieldIssue[]): Promise<void> {
  const unique = [...new Set(codes)];
  const known = new Set<string>();
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db.selectFrom('stores').select('code').where('code', 'in', unique.slice(start, start + 500)).execute();
    for (const row of rows) known.add(row.code);
  }
  codes.forEach((code, index) => {
    if (!known.has(code)) issues.push({ field: `body.${list}[${index}].store_code`, code: 'reference_not_found', params: { resource: 'store', value: code }, value: code });
  });
}
