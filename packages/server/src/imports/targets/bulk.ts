import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import { insertFromArrays } from '../../db/array-insert.js';
import type { DialectName } from '../../db/connect.js';

// Multi-row statements for large batches. The SQL text depends only on the table, the columns
// and the number of rows, so it is built once per shape and executed as a compiled query, which
// skips kysely's per-value query building. Rows per statement stay under the bound-parameter
// limits: 32,766 per statement in SQLite as bundled with better-sqlite3 12, 65,535 in PostgreSQL.
const ROWS_PER_STATEMENT = 500;
const MAX_PARAMETERS: Record<DialectName, number> = { sqlite: 32_000, postgres: 65_000 };
const MAX_IN_LIST = 1000;

const statements = new Map<string, string>();

/** The place bulk statements run in: the transaction, its dialect and, on SQLite, its connection. */
export interface BulkTarget {
  db: Kysely<any>;
  dialect: DialectName;
  sqlite?: SQLite.Database | undefined;
}

const prepared = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/**
 * Insert rows; every row must have the keys of the first, in any order. On SQLite one prepared
 * single-row statement is run for every row, which costs about a microsecond a row; elsewhere
 * multi-row statements are sent.
 */
export async function insertInChunks(target: BulkTarget, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const { db, dialect } = target;
  const columns = Object.keys(rows[0]!);
  if (target.sqlite) {
    const statement = preparedInsert(target.sqlite, table, columns);
    const values: unknown[] = new Array(columns.length);
    for (const row of rows) {
      for (let index = 0; index < columns.length; index += 1) values[index] = bindable(row[columns[index]!], 'sqlite');
      statement.run(values);
    }
    return;
  }
  if (dialect === 'postgres') {
    await insertFromArrays(target, table, rows);
    return;
  }

  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS[dialect] / columns.length)));

  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) parameters.push(bindable(row[column], dialect));
    }
    await db.executeQuery(CompiledQuery.raw(insertStatement(dialect, table, columns, chunk.length), parameters));
  }
}

function preparedInsert(connection: SQLite.Database, table: string, columns: readonly string[]): SQLite.Statement {
  let cache = prepared.get(connection);
  if (!cache) prepared.set(connection, (cache = new Map()));
  const key = `${table}|${columns.join(',')}`;
  let statement = cache.get(key);
  if (!statement) {
    statement = connection.prepare(insertStatement('sqlite', table, columns, 1));
    if (cache.size > 100) cache.clear();
    cache.set(key, statement);
  }
  return statement;
}

function insertStatement(dialect: DialectName, table: string, columns: readonly string[], rowCount: number): string {
  const key = `${dialect}|${table}|${columns.join(',')}|${rowCount}`;
  let text = statements.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let parameter = 0;
    for (let row = 0; row < rowCount; row += 1) {
      const placeholders = columns.map(() => (dialect === 'postgres' ? `$${++parameter}` : '?'));
      tuples.push(`(${placeholders.join(', ')})`);
    }
    text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`;
    if (statements.size > 200) statements.clear();
    statements.set(key, text);
  }
  return text;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

// better-sqlite3 binds neither booleans nor undefined, and kysely's boolean plugin does not see a
// compiled query. So booleans become 1 and 0 here, as SQLite stores them.
function bindable(value: unknown, dialect: DialectName): unknown {
  if (value === undefined) return null;
  if (dialect === 'sqlite' && typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Select the rows whose `column` is one of `values`, in chunks of an IN list. */
export async function selectByValues(
  db: Kysely<any>,
  table: string,
  column: string,
  values: readonly unknown[],
  select?: string[],
): Promise<Record<string, any>[]> {
  const rows: Record<string, any>[] = [];
  for (let start = 0; start < values.length; start += MAX_IN_LIST) {
    const chunk = values.slice(start, start + MAX_IN_LIST);
    const query = db.selectFrom(table).where(column, 'in', chunk);
    rows.push(...(await (select ? query.select(select) : query.selectAll()).execute()));
  }
  return rows;
}
