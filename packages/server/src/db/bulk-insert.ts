import { CompiledQuery, type Kysely } from 'kysely';
import { insertFromArrays } from './array-insert.js';
import type { DialectName } from './connect.js';

// Parameters per statement on SQLite, below its limit of 32,766, and rows per statement. A
// prepared statement stays in the connection's statement cache, and after its eviction until the
// garbage collector finalizes it. One of a thousand rows of twenty columns takes about 1.7 MB of
// native memory in better-sqlite3 12. So statements have at most 64 rows, and the rows left over
// go in statements of 32, 16, 8, 4, 2 and 1 rows. That makes at most seven statement texts per
// table and column list, whatever the row counts. Rows cost the same CPU time in statements of
// 16 to 1,000 rows (measured with 16 columns on a 2-core VM).
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 64;

/**
 * Insert rows in bulk. PostgreSQL gets one array per column (see insertFromArrays). SQLite gets
 * plain multi-row INSERT statements built here, because the query builder spends more time
 * building a statement of thousands of values than the database spends running it. Every row
 * must have the keys of the first, in the same order. Booleans are bound as 1 and 0 on SQLite.
 */
export async function bulkInsert(target: { db: Kysely<any>; dialect: DialectName }, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  await insertStatements(target, table, rows, '');
}

/**
 * Insert rows, or update the row with the same `keys`: `add` adds the other columns to the
 * stored values (for running totals), `replace` overwrites them. Sort the rows by key first so
 * that concurrent transactions lock rows in the same order.
 */
export async function bulkUpsert(
  target: { db: Kysely<any>; dialect: DialectName },
  table: string,
  rows: readonly Record<string, unknown>[],
  keys: readonly string[],
  mode: 'add' | 'replace',
): Promise<void> {
  if (rows.length === 0) return;
  await insertStatements(target, table, rows, upsertClause(table, rows, keys, mode));
}

/** Build the `on conflict … do update` clause of bulkUpsert. */
export function upsertClause(table: string, rows: readonly Record<string, unknown>[], keys: readonly string[], mode: 'add' | 'replace'): string {
  const updated = Object.keys(rows[0]!).filter((column) => !keys.includes(column));
  const set = updated.map((column) => (mode === 'add' ? `${quote(column)} = ${quote(table)}.${quote(column)} + excluded.${quote(column)}` : `${quote(column)} = excluded.${quote(column)}`));
  return ` on conflict (${keys.map(quote).join(', ')}) do update set ${set.join(', ')}`;
}

async function insertStatements(target: { db: Kysely<any>; dialect: DialectName }, table: string, rows: readonly Record<string, unknown>[], tail: string): Promise<void> {
  if (rows.length === 0) return;
  if (target.dialect === 'postgres') return insertFromArrays(target, table, rows, tail);
  const columns = Object.keys(rows[0]!);

  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  for (let start = 0; start < rows.length; ) {
    const end = start + statementRows(rows.length - start, size);
    const parameters: unknown[] = new Array((end - start) * columns.length);
    let next = 0;
    for (let index = start; index < end; index += 1) {
      const row = rows[index]!;
      for (const column of columns) {
        let value = row[column] ?? null;
        if (typeof value === 'boolean') value = value ? 1 : 0;
        parameters[next] = value;
        next += 1;
      }
    }
    await target.db.executeQuery(CompiledQuery.raw(statementText(table, columns, end - start, tail), parameters));
    start = end;
  }
}

/** Rows of the next statement: `size`, or the largest power of two not above what is left. */
function statementRows(left: number, size: number): number {
  if (left >= size) return size;
  return 2 ** Math.floor(Math.log2(left));
}

// The text of each statement shape is built once. The SQLite statement cache then gets the same
// string back and finds its prepared statement without hashing the text again.
const statementTexts = new Map<string, string>();
const MAX_STATEMENT_TEXTS = 500;

function statementText(table: string, columns: readonly string[], rowCount: number, tail: string): string {
  const key = `${table}\u0000${columns.join(',')}\u0000${rowCount}\u0000${tail}`;
  let text = statementTexts.get(key);
  if (text !== undefined) return text;

  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const tuples = new Array<string>(rowCount).fill(tuple);
  text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}${tail}`;
  if (statementTexts.size >= MAX_STATEMENT_TEXTS) statementTexts.clear();
  statementTexts.set(key, text);
  return text;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
