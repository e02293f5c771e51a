import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';

// Multi-row statements sized to the bound-parameter limits: SQLite as bundled with
// better-sqlite3 12 accepts 32,766 parameters per statement and PostgreSQL 65,535.
const MAX_PARAMETERS: Record<DialectName, number> = { sqlite: 32_000, postgres: 65_000 };
const MAX_IN_LIST = 1000;

/** Insert rows with as few statements as the parameter limit allows; rows must share their keys. */
export async function insertInChunks(db: Kysely<any>, dialect: DialectName, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[dialect] / columns));
  for (let start = 0; start < rows.length; start += perStatement) {
    await db.insertInto(table).values(rows.slice(start, start + perStatement)).execute();
  }
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
