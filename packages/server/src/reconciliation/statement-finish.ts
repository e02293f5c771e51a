import { ApiError } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { findStatement, statementToApi } from './statement-record.js';

/** Close a statement once every line it announced has arrived. Finishing twice changes nothing. */
export const finishStatement: Handler<'finishStatement'> = async (c) => {
  const statement = await findStatement(c.db, c.params.id, c.database.dialect === 'postgres');
  if (statement.status === 'finished') return { status: 200, body: statementToApi(statement) };
  if (Number(statement.lines_received) !== Number(statement.line_count)) {
    throw new ApiError(409, 'statement_incomplete', { id: statement.id, expected: statement.line_count, received: statement.lines_received });
  }
  const finishedAt = c.now().toISOString();
  await c.db.updateTable('statements').set({ status: 'finished', finished_at: finishedAt }).where('id', '=', statement.id).execute();
  return { status: 200, body: statementToApi({ ...statement, status: 'finished', finished_at: finishedAt }) };
};
