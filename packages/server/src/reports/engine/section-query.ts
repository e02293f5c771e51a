// Compiles a section's sums to one GROUP BY query per source and date range, and runs them.
// Every addition happens in the database; the engine only merges the grouped rows by key.

import { sql, type Kysely, type RawBuilder } from 'kysely';

import type { DialectName } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Condition, SectionDefinition, SumMeasure } from '../definitions/types.js';
import { isSumMeasure } from '../definitions/types.js';
import { dimensionSql, needsStoreJoin } from './dimensions.js';
import { expressionSql } from './expression.js';
import { instantRange, type ReportPeriod } from './period.js';
import { SOURCES, type SourceSpec } from './sources.js';

/** The stores a run covers; every field left out means no restriction. */
export interface StoreScope {
  readonly store_code?: string;
  readonly region_code?: string;
  readonly brand?: string;
}

/** The grouped sums of one section: rows by dimension key, and the sources that had rows. */
export interface SectionSums {
  readonly rows: Map<string, { readonly dimensions: readonly unknown[]; readonly sums: Map<string, number> }>;
  readonly sourcesWithRows: Set<string>;
}

export interface QueryTarget {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /**
   * Results of the queries already run for this report, by SQL text and parameters: sections
   * that group the same sums differently sorted (top and bottom items) read the table once.
   */
  readonly cache?: Map<string, Promise<Record<string, unknown>[]>>;
}

/** Run the section's sums for `period` and return them grouped by the section's dimensions. */
export async function querySection(target: QueryTarget, section: SectionDefinition, period: ReportPeriod, scope: StoreScope): Promise<SectionSums> {
  const groups = new Map<string, SumMeasure[]>();
  for (const measure of section.measures.filter(isSumMeasure)) {
    if (SOURCES[measure.source]!.available === false) continue;
    const key = `${measure.source}\u0000${measure.range ?? 'period'}`;
    groups.set(key, [...(groups.get(key) ?? []), measure]);
  }

  const result: SectionSums = { rows: new Map(), sourcesWithRows: new Set() };
  for (const [key, measures] of groups) {
    const [sourceName, range] = key.split('\u0000') as [string, SumMeasure['range'] & string];
    const source = SOURCES[sourceName]!;
    const query = compileQuery(target.dialect, source, section.dimensions, measures, range, period, scope);
    const rows = await cachedRows(target, query);
    if (rows.length > 0) result.sourcesWithRows.add(sourceName);

    // Rows come per business date as well when the query grouped by it (see byDateFirst), so
    // the sums of a key are added up here; they are integers, so the order does not matter.
    for (const row of rows as Record<string, unknown>[]) {
      const dimensions = section.dimensions.map((_, index) => normalizeKeyValue(row[`d${index}`]));
      const rowKey = JSON.stringify(dimensions);
      let entry = result.rows.get(rowKey);
      if (!entry) {
        entry = { dimensions, sums: new Map() };
        result.rows.set(rowKey, entry);
      }
      measures.forEach((measure, index) => {
        // SUM over nothing but nulls (a store without an area) is null: the figure is unknown.
        const value = row[`m${index}`];
        if (value !== null && value !== undefined) entry!.sums.set(measure.key, (entry!.sums.get(measure.key) ?? 0) + Number(value));
      });
    }
  }
  return result;
}

async function cachedRows(target: QueryTarget, query: RawBuilder<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
  const run = async () => (await query.execute(target.db)).rows;
  if (!target.cache) return run();
  const compiled = query.compile(target.db);
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  let rows = target.cache.get(key);
  if (!rows) {
    rows = run();
    target.cache.set(key, rows);
  }
  return rows;
}

function compileQuery(
  dialect: DialectName,
  source: SourceSpec,
  dimensions: readonly string[],
  measures: readonly SumMeasure[],
  range: NonNullable<SumMeasure['range']>,
  period: ReportPeriod,
  scope: StoreScope,
): RawBuilder<Record<string, unknown>> {
  const groupExpressions = dimensions.map((dimension) => dimensionSql(dimension, source, dialect));
  const dateFirst = byDateFirst(dialect, source, dimensions, range);
  const groupKeys = dateFirst ? [`t.${source.date!.column}`, ...groupExpressions] : groupExpressions;
  const selections: RawBuilder<unknown>[] = [
    ...groupExpressions.map((expression, index) => sql.raw(`${expression} as d${index}`)),
    ...measures.map((measure, index) => {
      const value = sql.raw(expressionSql(measure.parsed, (name) => `t.${name}`));
      const conditions = (measure.where ?? []).map(conditionSql);
      const summed = conditions.length === 0 ? value : sql`case when ${sql.join(conditions, sql` and `)} then ${value} else 0 end`;
      return sql`sum(${summed}) as ${sql.raw(`m${index}`)}`;
    }),
  ];

  const joinStores = dimensions.some(needsStoreJoin) || scope.region_code !== undefined || scope.brand !== undefined;
  const joins: string[] = [];
  const readsJoinedTable = dimensions.some((name) => source.dimensions[name]?.includes('.'));
  if (source.join && readsJoinedTable) joins.push(source.join);
  if (joinStores) joins.push(`left join stores s on s.code = t.${source.store}`);
  const join = sql.raw(joins.map((clause) => ` ${clause}`).join(''));
  const where = [...dateConditions(source, range, period), ...storeConditions(source, scope)];
  const whereSql = where.length === 0 ? sql.raw('') : sql` where ${sql.join(where, sql` and `)}`;
  const groupBy = groupKeys.length === 0 ? sql.raw('') : sql.raw(` group by ${groupKeys.join(', ')}`);

  return sql<Record<string, unknown>>`select ${sql.join(selections, sql`, `)} from ${sql.raw(source.table)} t${join}${whereSql}${groupBy}`;
}

/**
 * True when a SQLite query should group by business date first. The summary indexes start with
 * the date, so SQLite then aggregates while it reads the index instead of sorting a month of rows
 * (item_sales_daily has a row per store, day and item). PostgreSQL aggregates in a hash table and
 * would only return more rows. Only for one period: a balance through the end of it would return
 * a row per day of the whole history.
 */
function byDateFirst(dialect: DialectName, source: SourceSpec, dimensions: readonly string[], range: NonNullable<SumMeasure['range']>): boolean {
  return dialect === 'sqlite' && source.date?.kind === 'date' && range === 'period' && !dimensions.includes('date');
}

function dateConditions(source: SourceSpec, range: NonNullable<SumMeasure['range']>, period: ReportPeriod): RawBuilder<unknown>[] {
  if (!source.date) return [];
  const column = sql.raw(`t.${source.date.column}`);
  if (source.date.kind === 'instant') {
    const { start, end } = instantRange(period.from, period.to);
    if (range === 'through_end') return [sql`${column} < ${end}`];
    if (range === 'before_start') return [sql`${column} < ${start}`];
    return [sql`${column} >= ${start}`, sql`${column} < ${end}`];
  }
  const [from, to] = source.date.kind === 'period' ? [period.period, period.period] : [period.from, period.to];
  if (range === 'through_end') return [sql`${column} <= ${to}`];
  if (range === 'before_start') return [sql`${column} < ${from}`];
  return from === to ? [sql`${column} = ${from}`] : [sql`${column} >= ${from}`, sql`${column} <= ${to}`];
}

function storeConditions(source: SourceSpec, scope: StoreScope): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (scope.store_code !== undefined) conditions.push(sql`${sql.raw(`t.${source.store}`)} = ${scope.store_code}`);
  if (scope.region_code !== undefined) conditions.push(sql`s.region_code = ${scope.region_code}`);
  if (scope.brand !== undefined) conditions.push(sql`s.brand = ${scope.brand}`);
  return conditions;
}

function conditionSql(condition: Condition): RawBuilder<unknown> {
  const column = sql.raw(`t.${condition.column}`);
  const parts: RawBuilder<unknown>[] = [];
  if (condition.in) parts.push(sql`${column} in (${sql.join(condition.in)})`);
  if (condition.not_in) parts.push(sql`${column} not in (${sql.join(condition.not_in)})`);
  if (condition.accounts) parts.push(sql`(${sql.join(condition.accounts.map((code) => accountMatch(column, code)), sql` or `)})`);
  if (condition.not_accounts) parts.push(sql`not (${sql.join(condition.not_accounts.map((code) => accountMatch(column, code)), sql` or `)})`);
  return parts.length === 0 ? sql.raw('1 = 1') : sql.join(parts, sql` and `);
}

/** Match an account and its sub-accounts: `5601` matches `5601` and `5601.01`, not `56010`. */
function accountMatch(column: RawBuilder<unknown>, code: string): RawBuilder<unknown> {
  return sql`(${column} = ${code} or ${column} like ${`${code}.%`})`;
}

/** PostgreSQL returns dates as strings already; bigint group keys come back as strings. */
function normalizeKeyValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'bigint') return Number(value);
  return value ?? null;
}
