import { sql, type Expression, type RawBuilder } from 'kysely';
import type { DialectName } from '../db/connect.js';

/** A column a list can be sorted by. */
export interface SortColumn {
  column: string;
  /** Text columns compare byte-wise on both dialects, so pages come out in the same order. */
  text?: boolean;
  /** Nullable text sorts as '' so keyset pagination has no NULLs to step over. */
  nullable?: boolean;
}

/**
 * The SQL expression a list sorts and pages by. PostgreSQL's default collation orders text by
 * locale rules and SQLite's by bytes; `COLLATE "C"` makes PostgreSQL match SQLite.
 */
export function sortExpression(dialect: DialectName, sort: SortColumn): RawBuilder<unknown> {
  const ref = sort.nullable ? sql`coalesce(${sql.ref(sort.column)}, '')` : sql`${sql.ref(sort.column)}`;
  return sort.text && dialect === 'postgres' ? sql`${ref} collate "C"` : ref;
}

/** Parse `-name` into the column name and direction. */
export function parseSort(sort: string): { name: string; descending: boolean } {
  return sort.startsWith('-') ? { name: sort.slice(1), descending: true } : { name: sort, descending: false };
}

/** The condition "after (value, key)" in the given direction, for keyset pagination. */
export function afterPosition(
  expression: Expression<unknown>,
  keyExpression: Expression<unknown>,
  value: unknown,
  key: string,
  descending: boolean,
): RawBuilder<boolean> {
  const op = sql.raw(descending ? '<' : '>');
  return sql<boolean>`(${expression} ${op} ${value} or (${expression} = ${value} and ${keyExpression} ${op} ${key}))`;
}
