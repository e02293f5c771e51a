import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface StatementOverlap {
  statement_id: string;
  file_name: string;
  /** Lines of the statement checked that the other statement also holds. */
  lines: number;
  /** The other statement's own line count. */
  line_count: number;
}

/**
 * Find the finished statements that share line fingerprints with a statement, most shared lines
 * first. Fingerprints are unique within one file, so shared fingerprints count shared lines. The
 * other statements' fingerprints come from `statement_fingerprints`, which contains those of
 * every finished statement (see recordFingerprints).
 */
export async function findOverlaps(db: Kysely<Database>, statementId: string): Promise<StatementOverlap[]> {
  const rows = await db
    .selectFrom('statement_lines as own')
    .innerJoin('statement_fingerprints as other', 'other.fingerprint', 'own.fingerprint')
    .innerJoin('statements', 'statements.id', 'other.statement_id')
    .select(['statements.id', 'statements.file_name', 'statements.line_count', sql<number>`count(distinct own.line_number)`.as('shared')])
    .where('own.statement_id', '=', statementId)
    .where('other.statement_id', '!=', statementId)
    .where('statements.status', '=', 'finished')
    .groupBy(['statements.id', 'statements.file_name', 'statements.line_count'])
    .execute();

  return rows
    .map((row) => ({ statement_id: row.id, file_name: row.file_name, lines: Number(row.shared), line_count: Number(row.line_count) }))
    .sort((a, b) => b.lines - a.lines || a.statement_id.localeCompare(b.statement_id));
}

/**
 * Copy the fingerprints of a statement's lines into `statement_fingerprints`, once, as it is
 * finished. They go in sorted, so the index is written page after page rather than at random.
 */
export async function recordFingerprints(db: Kysely<Database>, statementId: string): Promise<void> {
  await db
    .insertInto('statement_fingerprints')
    .columns(['statement_id', 'fingerprint'])
    .expression(db.selectFrom('statement_lines').select(['statement_id', 'fingerprint']).where('statement_id', '=', statementId).orderBy('fingerprint'))
    .execute();
}
