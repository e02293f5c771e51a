import { CompiledQuery, type Kysely } from 'kysely';

// Rows per statement on PostgreSQL: each column is one array parameter, so the statement's size
// does not grow with the rows, and ten thousand rows keep each array to a few megabytes.
const ROWS_PER_STATEMENT = 10_000;

// Column types by table. Every schema is built by the same migrations, so a table's types are
// the same in every schema and are read once per process.
const columnTypes = new Map<string, Map<string, string>>();

/**
 * Insert rows on PostgreSQL with one `insert … select * from unnest(…)` per chunk and one typed
 * array per column. PostgreSQL parses and plans it once, where a multi-row INSERT with thousands
 * of parameters costs tens of milliseconds to plan (the `pg` driver offers no COPY without
 * another package). `tail` follows the select, such as an `on conflict` clause. Every row must
 * have the keys of the first, in the same order.
 */
export async function insertFromArrays(target: { db: Kysely<any> }, table: string, rows: readonly Record<string, unknown>[], tail = ''): Promise<void> {
  if (rows.length === 0) return;
  const types = await columnTypesOf(target.db, table);
  for (const query of arrayInserts(types, table, rows, tail)) await target.db.executeQuery(query);
}

/**
 * Build the statements of insertFromArrays from the table's column types (see columnTypesOf),
 * one per chunk of rows, each when the caller asks for it. A caller that queues statements
 * without waiting for each can build the next chunk while PostgreSQL runs the one before.
 *
 * A column with the same string, number, boolean or null in every row of a chunk (a batch id, a
 * status, a zero) is sent once as a plain parameter instead of as an array. Node.js then builds,
 * and PostgreSQL parses, one value instead of one per row.
 */
export function* arrayInserts(types: ReadonlyMap<string, string>, table: string, rows: readonly Record<string, unknown>[], tail = ''): Generator<CompiledQuery> {
  if (rows.length === 0) return;

  const columns = Object.keys(rows[0]!);
  const castTypes = columns.map((column) => {
    const type = types.get(column);
    if (type === undefined) throw new Error(`table ${table} has no column ${column}`);
    return type;
  });
  const target = `insert into ${quote(table)} (${columns.map(quote).join(', ')})`;

  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const end = Math.min(start + ROWS_PER_STATEMENT, rows.length);
    const parameters: unknown[] = [];
    const selected: string[] = [];
    const arrays: string[] = [];
    const names: string[] = [];
    columns.forEach((column, index) => {
      // The last column is an array when no other is, so that the select returns every row.
      const needsArray = index === columns.length - 1 && arrays.length === 0;
      if (!needsArray && sameInEveryRow(rows, start, end, column)) {
        parameters.push(rows[start]![column] ?? null);
        selected.push(`$${parameters.length}::${castTypes[index]}`);
        return;
      }
      parameters.push(columnArray(rows, start, end, column));
      arrays.push(`$${parameters.length}::${castTypes[index]}[]`);
      names.push(`c${index}`);
      selected.push(`u.c${index}`);
    });
    yield CompiledQuery.raw(`${target} select ${selected.join(', ')} from unnest(${arrays.join(', ')}) as u(${names.join(', ')})${tail}`, parameters);
  }
}

/** Return the column types of a table that columnTypesOf has read before, or undefined. */
export function readColumnTypes(table: string): ReadonlyMap<string, string> | undefined {
  return columnTypes.get(table);
}

/** Check whether a column has the same string, number, boolean or null in rows `start` to `end`. */
function sameInEveryRow(rows: readonly Record<string, unknown>[], start: number, end: number, column: string): boolean {
  const first = rows[start]![column] ?? null;
  if (first !== null && typeof first !== 'string' && typeof first !== 'number' && typeof first !== 'boolean') return false;
  for (let index = start + 1; index < end; index += 1) {
    if ((rows[index]![column] ?? null) !== first) return false;
  }
  return true;
}

const ARRAY_SPECIAL = /["\\]/;
const ARRAY_SPECIAL_ALL = /["\\]/g;

/**
 * Return one column's values of rows `start` to `end` as an array parameter. The `pg` driver
 * turns an array into its text form element by element, with string concatenation that left
 * the garbage collector 40 % of the server's time in an import of 200,000 stores. So when every
 * value is a string, a finite number, a boolean or null, the text form (`{"a","b \"c\"",NULL,12}`)
 * is built here with one join, and PostgreSQL reads it exactly as it read the driver's. Other
 * values (dates, buffers, objects) go to the driver as an array.
 */
function columnArray(rows: readonly Record<string, unknown>[], start: number, end: number, column: string): string | unknown[] {
  const elements: string[] = new Array(end - start);
  for (let index = start; index < end; index += 1) {
    const value = rows[index]![column];
    let element: string;
    if (value === null || value === undefined) element = 'NULL';
    else if (typeof value === 'string') element = ARRAY_SPECIAL.test(value) ? `"${value.replace(ARRAY_SPECIAL_ALL, '\\$&')}"` : `"${value}"`;
    else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) element = String(value);
    else return rows.slice(start, end).map((row) => row[column] ?? null);
    elements[index - start] = element;
  }
  return `{${elements.join(',')}}`;
}

/** Return the column types of a table on PostgreSQL, by column name, as `format_type` writes them. */
export async function columnTypesOf(db: Kysely<any>, table: string): Promise<ReadonlyMap<string, string>> {
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
