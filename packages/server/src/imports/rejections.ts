import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';
import { findJob } from './job-record.js';
import { issueMessage } from './row-messages.js';

export const listImportRejections: Handler<'listImportRejections'> = async (c) => {
  await findJob(c.db, c.params.id);
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('import_rejections').selectAll().where('job_id', '=', c.params.id);
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, 'line');
    const line = Number(position.value);
    const id = Number(position.key);
    query = query.where((eb) => eb.or([eb('line', '>', line), eb.and([eb('line', '=', line), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('line').orderBy('id').limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: 'line', value: last.line, key: String(last.id) }) : null;
  const data = page.map((row) => {
    const params = JSON.parse(row.params) as Record<string, unknown>;
    const entry = {
      line: row.line,
      sequence: row.sequence,
      field: row.field,
      column: row.source_column,
      code: row.code,
      message: row.message ?? issueMessage({ field: row.field, code: row.code, params }, c.language),
    };
    return row.value === null ? entry : { ...entry, value: JSON.parse(row.value) as unknown };
  });
  return { status: 200, body: { data, next_cursor: next } };
};
