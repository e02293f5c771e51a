import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { statementToApi } from './statement-record.js';
import type { StatementTable } from './tables.js';

/** List statements newest first, by period and channel. */
export const listStatements: Handler<'listStatements'> = async (c) => {
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('statements').selectAll();
  if (c.query.period) query = query.where('period', '=', c.query.period);
  if (c.query.channel) query = query.where('channel', '=', c.query.channel);
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, '-created_at');
    const at = String(position.value);
    query = query.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', position.key)])]));
  }
  const rows = (await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()) as StatementTable[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: '-created_at', value: new Date(last.created_at).toISOString(), key: last.id }) : null;
  return { status: 200, body: { data: page.map(statementToApi), next_cursor: next } };
};
