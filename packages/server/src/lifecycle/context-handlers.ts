import { ApiError } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { loadStoreLifecycleContext } from './kpi-context.js';

const listStoreLifecycleContext: Handler<'listStoreLifecycleContext'> = async (c) => {
  const { from, to } = c.query;
  if (from > to) throw new ApiError(422, 'lifecycle_period_invalid', { from, to });
  const limit = c.query.limit ?? 50;
  const sort = `context:${from}:${to}`;
  const rows = await loadStoreLifecycleContext(c.db, c.database.dialect, {
    from,
    to,
    storeCodes: c.principal.role === 'store_manager' ? c.principal.storeCodes : undefined,
    regionCode: c.query.region_code,
    cohort: c.query.cohort,
    afterCode: c.query.cursor ? decodeCursor(c.query.cursor, sort).key : undefined,
    limit: limit + 1,
  });

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort, value: null, key: last.store_code }) : null;
  return { status: 200, body: { data: page, next_cursor: next } };
};

export const contextHandlers = { listStoreLifecycleContext };
