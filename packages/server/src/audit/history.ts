import { canAccessStore } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { HIDDEN_FROM_STORE_MANAGERS, STORE_OWNED, storeOfRecord } from '../masterdata/store-scope.js';
import { parseStoredChanges } from './record.js';

export const listHistory: Handler<'listHistory'> = async (c) => {
  const { resource, key } = c.params;
  await assertMayReadHistory(c, resource, key);

  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('audit_events').selectAll().where('resource', '=', resource).where('record_key', '=', key);
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, '-id');
    query = query.where('id', '<', Number(position.value));
  }
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: '-id', value: last.id, key: String(last.id) }) : null;
  const data = page.map((row) => ({
    id: String(row.id),
    resource: row.resource as typeof resource,
    key: row.record_key,
    action: row.action,
    actor: row.actor,
    actor_token_id: row.actor_token_id,
    request_id: row.request_id,
    at: row.at,
    changes: parseStoredChanges(row.changes),
  }));
  return { status: 200, body: { data, next_cursor: next } };
};

async function assertMayReadHistory(
  c: Parameters<Handler<'listHistory'>>[0],
  resource: string,
  key: string,
): Promise<void> {
  if (c.principal.role !== 'store_manager') return;
  if (HIDDEN_FROM_STORE_MANAGERS.has(resource)) {
    throw new ApiError(403, 'forbidden', { role: c.principal.role, operation: `listHistory ${resource}`, allowed: ['admin', 'finance', 'ops', 'readonly'] });
  }
  if (!(resource in STORE_OWNED)) return;

  const storeCode = await storeOfRecord(c.db, resource, key);
  if (storeCode !== undefined && !canAccessStore(c.principal, storeCode)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: storeCode ?? '' });
  }
}
