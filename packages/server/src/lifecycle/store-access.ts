import type { Kysely } from 'kysely';
import { canAccessStore, type Principal } from '../auth/roles.js';
import type { DialectName } from '../db/connect.js';
import type { Database, StoreTable } from '../db/schema.js';
import { ApiError, notFound } from '../http/api-error.js';

/**
 * Read a store for a lifecycle operation: 404 when there is none, 403 for a store manager's
 * foreign store. With `lock`, PostgreSQL locks the row until the transaction ends, so two moves
 * of one store are applied one after the other.
 */
export async function loadStore(
  db: Kysely<Database>,
  dialect: DialectName,
  principal: Principal,
  code: string,
  lock = false,
): Promise<StoreTable> {
  let query = db.selectFrom('stores').selectAll().where('code', '=', code);
  if (lock && dialect === 'postgres') query = query.forUpdate();
  const store = await query.executeTakeFirst();
  if (!store) throw notFound('store', code);
  if (!canAccessStore(principal, code)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: principal.storeCodes, store_code: code });
  }
  return store;
}
