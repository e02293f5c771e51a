import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many prepared statements a connection keeps; the least recently used one goes first. */
const CACHED_STATEMENTS = 200;

/**
 * The connection as kysely's SQLite driver sees it, with prepared statements kept for reuse.
 * The driver prepares every statement it runs; a bulk insert of many chunks runs the same SQL
 * again and again, and preparing it costs about as much as running it.
 */
export function withStatementCache(connection: Database): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = connection.prepare(sql);
        if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
    close() {
      statements.clear();
      connection.close();
    },
  };
}
