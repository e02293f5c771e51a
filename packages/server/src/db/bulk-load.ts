import { CompiledQuery, type Kysely } from 'kysely';
import { bulkInsert } from './bulk-insert.js';
import type { DialectName } from './connect.js';

// Rows per statement on PostgreSQL: each column is one array parameter, so the statement's size
// does not grow with the rows, and ten thousand rows keep each array to a few megabytes.
const ROWS_PER_STATEMENT = 10_000;

// Column types by table. Every schema is built by the same migrations, so a table's types are
// the same in every schema and are read once per process.
const columnTypes = new Map<string, Map<string, string>>();

/**
 * Insert many rows at once. On PostgreSQL each chunk is one `insert … select * from unnest(…)`
 * with one typed array per column, which PostgreSQL parses and plans once instead of once per
 * thousand rows of a multi-row VALUES (the `pg` driver offers no COPY without another package).
 * On SQLite this is `bulkInsert`, whose prepared statements are cached. Every row must have the
 * keys of the first, in the same order.
 */
export async function bulkLoad(target: { db: Kysely<any>; dialect: DialectName }, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (target.dialect !== 'postgres') return bulkInsert(target, table, rows);
  if (rows.length === 0) return;

  const columns = Object.keys(rows[0]!);
  const types = await typesOf(target.db, table);
  const arrays = columns.map((column, index) => {
    const type = types.get(column);
    if (type === undefined) throw new Error(`table ${table} has no column ${column}`);
    return `$${index + 1}::${type}[]`;
  });
  const statement = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select * from unnest(${arrays.join(', ')})`;

  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const parameters = columns.map((column) => chunk.map((row) => row[column] ?? null));
    await target.db.executeQuery(CompiledQuery.raw(statement, parameters));
  }
}

async function typesOf(db: Kysely<any>, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (types !== undefined) return types;
  const result = await db.executeQuery<{ name: string; type: string }>(
    CompiledQuery.raw(
      'select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped',
      [quote(table)],
    ),
  );
  types = new Map(result.rows.map((row) => [row.name, row.type]));
  columnTypes.set(table, types);
  return types;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
