import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { findOverlaps, recordFingerprints } from './statement-overlap.js';
import { duplicateStatementError, findStatement, statementToApi } from './statement-record.js';

/**
 * Close a statement once every line it announced has arrived. A statement whose lines are all in
 * one finished statement of the same line count is the same bill stored again, for example
 * another export or an edited copy of the file: it is rejected (409 `statement_duplicate`) and
 * deleted with its lines. A statement that shares only some lines is finished, and the
 * response's `overlaps` names the statements it shares them with. Finishing twice changes nothing.
 */
export const finishStatement: Handler<'finishStatement'> = async (c) => {
  const statement = await findStatement(c.db, c.params.id, c.database.dialect === 'postgres');
  const lineCount = Number(statement.line_count);
  if (statement.status !== 'finished' && Number(statement.lines_received) !== lineCount) {
    throw new ApiError(409, 'statement_incomplete', { id: statement.id, expected: statement.line_count, received: statement.lines_received });
  }

  const overlaps = await findOverlaps(c.db, statement.id);
  const same = overlaps.find((overlap) => overlap.lines === lineCount && overlap.line_count === lineCount);
  if (same && statement.status !== 'finished') {
    // The error rolls back this request's transaction, but the statement and its lines came in
    // earlier requests, so they are deleted after the rollback.
    const duplicate = duplicateStatementError(await findStatement(c.db, same.statement_id), 'fingerprint', { rejected: statement.id });
    duplicate.afterRollback = (db) => deleteStatement(db, statement.id);
    throw duplicate;
  }

  const shared = overlaps.map(({ statement_id, file_name, lines }) => ({ statement_id, file_name, lines }));
  if (statement.status === 'finished') return { status: 200, body: { ...statementToApi(statement), overlaps: shared } };

  const finishedAt = c.now().toISOString();
  await recordFingerprints(c.db, statement.id);
  await c.db.updateTable('statements').set({ status: 'finished', finished_at: finishedAt }).where('id', '=', statement.id).execute();
  return { status: 200, body: { ...statementToApi({ ...statement, status: 'finished', finished_at: finishedAt }), overlaps: shared } };
};

async function deleteStatement(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('statement_lines').where('statement_id', '=', id).execute();
  await db.deleteFrom('statements').where('id', '=', id).where('status', '=', 'open').execute();
}
