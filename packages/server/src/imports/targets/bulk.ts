import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
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
  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS[dialect] / columns.length)));

  if (dialect === 'postgres') {
    if (rows.every(hasOnlyScalars)) await insertByArrayText(db, table, columns, rows);
    else await insertByArrays(db, table, columns, rows);
    return;
  }

  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) parameters.push(bindable(row[column], dialect));
    }
    await db.executeQuery(CompiledQuery.raw(insertStatement(dialect, table, columns, chunk.length), parameters));
  }
}

// PostgreSQL parses and plans every statement it is sent; a multi-row INSERT with thousands of
// parameters costs tens of milliseconds to plan. One array parameter per column, expanded by
// unnest(), keeps the statement small whatever the number of rows.
const POSTGRES_ROWS_PER_STATEMENT = 10_000;
const columnTypeCache = new Map<string, Map<string, string>>();

async function insertByArrays(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): Promise<void> {
  const types = await postgresColumnTypes(db, table);
  const casts = columns.map((column, index) => `$${index + 1}::${types.get(column) ?? 'text'}[]`);
  const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select * from unnest(${casts.join(', ')})`;
  for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT);
    const parameters = columns.map((column) => chunk.map((row) => row[column] ?? null));
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

// The `pg` driver turns an array parameter into its text form element by element, with string
// concatenation that left the garbage collector 40 % of the server's time in an import of
// 200,000 stores. For rows of plain values the text form of each column's array is built here,
// by one join per column. PostgreSQL reads it exactly as it read the driver's, so its cost stays
// the same (a JSON document read by json_to_recordset() was tried and cost PostgreSQL twice the CPU).
async function insertByArrayText(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): Promise<void> {
  const types = await postgresColumnTypes(db, table);
  const casts = columns.map((column, index) => `$${index + 1}::${types.get(column) ?? 'text'}[]`);
  const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select * from unnest(${casts.join(', ')})`;
  for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
    const chunk = start === 0 && rows.length <= POSTGRES_ROWS_PER_STATEMENT ? rows : rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT);
    await db.executeQuery(CompiledQuery.raw(text, columns.map((column) => arrayText(chunk, column))));
  }
}

const ARRAY_SPECIAL = /["\\]/;
const ARRAY_SPECIAL_ALL = /["\\]/g;

/** The text form of a PostgreSQL array of one column's values: `{"a","b \"quoted\"",NULL,12.5,true}`. */
function arrayText(rows: readonly Record<string, unknown>[], column: string): string {
  const elements: string[] = new Array(rows.length);
  for (let index = 0; index < rows.length; index += 1) {
    const value = rows[index]![column];
    if (value === null || value === undefined) elements[index] = 'NULL';
    else if (typeof value !== 'string') elements[index] = String(value);
    else if (ARRAY_SPECIAL.test(value)) elements[index] = `"${value.replace(ARRAY_SPECIAL_ALL, '\\$&')}"`;
    else elements[index] = `"${value}"`;
  }
  return `{${elements.join(',')}}`;
}

/**
 * True when every value of the row is a string, a finite number, a boolean, null or undefined:
 * values whose text `arrayText` writes as `pg` would have sent it. Dates, buffers and other
 * objects go through the driver's own arrays.
 */
function hasOnlyScalars(row: Record<string, unknown>): boolean {
  for (const key in row) {
    const value = row[key];
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    return false;
  }
  return true;
}

/** Read the element types of a table's columns (`text`, `int8`, `bool`, `timestamptz` …) once per schema and table. */
async function postgresColumnTypes(db: Kysely<any>, table: string): Promise<Map<string, string>> {
  const schema = (await db.executeQuery<{ schema: string }>(CompiledQuery.raw('select current_schema() as schema'))).rows[0]!.schema;
  const key = `${schema}.${table}`;
  let types = columnTypeCache.get(key);
  if (!types) {
    const result = await db.executeQuery<{ column_name: string; udt_name: string }>(
      CompiledQuery.raw('select column_name, udt_name from information_schema.columns where table_schema = $1 and table_name = $2', [schema, table]),
    );
    types = new Map(result.rows.map((row) => [row.column_name, row.udt_name]));
    columnTypeCache.set(key, types);
  }
  return types;
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
