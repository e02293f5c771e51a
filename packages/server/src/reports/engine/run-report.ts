// Runs a report definition: the grouped sums from the database, then per row the formulas,
// names, comparison columns, sorting, totals, KPIs and notes about missing data.

import type { CellValue, LocalizedText } from '../render/document.js';
import type { ReportDefinition, SectionDefinition, SumMeasure } from '../definitions/types.js';
import { isSumMeasure } from '../definitions/types.js';
import { dimensionColumns } from './dimensions.js';
import { evaluateExpression } from './expression.js';
import { loadLookups, type Lookups } from './lookups.js';
import { comparedPeriod, type ReportPeriod } from './period.js';
import type { MissingData, RunColumn, RunNote, RunParams, RunResult, RunSection } from './run-result.js';
import { querySection, type QueryTarget, type SectionSums } from './section-query.js';
import { SOURCES } from './sources.js';

export interface RunContext extends QueryTarget {
  readonly generatedAt: Date;
  readonly generatedBy: string;
}

type Row = Record<string, CellValue>;

const CHANGE_LABEL = { en: '{label}, change', 'zh-CN': '{label}环比' };
const CHANGE_LABEL_YEAR = { en: '{label}, change on last year', 'zh-CN': '{label}同比' };
const PREVIOUS_LABEL = { en: '{label}, previous period', 'zh-CN': '{label}（上期）' };
const PREVIOUS_LABEL_YEAR = { en: '{label}, last year', 'zh-CN': '{label}（去年同期）' };

/** Compute the report for `period` (already checked) and `params`. */
export async function runReport(target: RunContext, definition: ReportDefinition, period: ReportPeriod, params: RunParams): Promise<RunResult> {
  target = { ...target, cache: new Map() };
  const lookups = await loadLookups(target.db);
  const accountCodes = new Set((await target.db.selectFrom('accounts').select('code').execute()).map((account) => account.code));
  const previous = params.compare ? comparedPeriod(period, params.compare) : undefined;
  const missing = new Map<string, MissingData>();

  const sections: RunSection[] = [];
  for (const section of definition.sections) {
    const empty = emptyMeasures(section, accountCodes, missing);
    const current = await querySection(target, section, period, params);
    for (const measure of section.measures.filter(isSumMeasure)) {
      const source = SOURCES[measure.source]!;
      if (source.sparse && !current.sourcesWithRows.has(measure.source)) {
        empty.add(measure.key);
        noteMissing(missing, measure.source, measure.key, source.missing!);
      }
    }
    const prior = previous ? await querySection(target, section, previous, params) : undefined;
    sections.push(buildSection(section, current, prior, empty, lookups, period, previous, params));
  }

  const kpis = (definition.kpis ?? []).map((kpi) => {
    const section = sections.find((s) => s.key === kpi.section)!;
    const column = section.columns.find((c) => c.key === kpi.measure)!;
    return { ...column, value: section.totals?.[kpi.measure] ?? null };
  });

  const notes: RunNote[] = [
    ...[...missing.values()].map((item) => ({ text: item.note, severity: 'warning' as const })),
    ...(definition.notes ?? []).map((text) => ({ text, severity: 'info' as const })),
  ];
  return {
    report: definition.report,
    title: definition.title,
    params,
    period: { from: period.from, to: period.to },
    ...(previous ? { compared_period: { period: previous.period, from: previous.from, to: previous.to } } : {}),
    stores: scopedStores(lookups, params),
    generated_at: target.generatedAt.toISOString(),
    generated_by: target.generatedBy,
    kpis,
    sections,
    notes,
    missing_data: [...missing.values()],
  };
}

/** Measures that are empty whatever the rows: data BOH does not record, or accounts that do not exist. */
function emptyMeasures(section: SectionDefinition, accountCodes: Set<string>, missing: Map<string, MissingData>): Set<string> {
  const empty = new Set<string>();
  for (const measure of section.measures.filter(isSumMeasure)) {
    const source = SOURCES[measure.source]!;
    if (source.available === false) {
      empty.add(measure.key);
      noteMissing(missing, measure.source, measure.key, source.missing!);
    }
    if (measure.requires_accounts) {
      const codes = (measure.where ?? []).flatMap((condition) => condition.accounts ?? []);
      if (!codes.some((code) => [...accountCodes].some((existing) => existing === code || existing.startsWith(`${code}.`)))) {
        empty.add(measure.key);
        noteMissing(missing, `accounts:${codes.join(',')}`, measure.key, missingAccountsNote(codes, measure.label));
      }
    }
  }
  return empty;
}

function buildSection(
  section: SectionDefinition,
  current: SectionSums,
  prior: SectionSums | undefined,
  empty: Set<string>,
  lookups: Lookups,
  period: ReportPeriod,
  previous: ReportPeriod | undefined,
  params: RunParams,
): RunSection {
  const lookupOnly = new Set(section.measures.filter((m) => isSumMeasure(m) && SOURCES[m.source]!.lookup).map((m) => m.key));
  const startsRow = (sums: Map<string, number>) => [...sums.keys()].some((key) => !lookupOnly.has(key));

  let rows: Row[] = [];
  for (const [key, entry] of current.rows) {
    if (!startsRow(entry.sums)) continue;
    const row = dimensionCells(section, entry.dimensions, lookups);
    Object.assign(row, measureCells(section, entry.sums, empty, period));
    if (prior && previous) Object.assign(row, comparisonCells(section, row, prior.rows.get(key)?.sums, empty, previous));
    rows.push(row);
  }

  const totals = section.totals ? totalsRow(section, rows, empty, period, prior, previous) : undefined;
  rows = sortRows(section, rows);
  if (section.limit !== undefined) rows = rows.slice(0, section.limit);

  const hidden = section.measures.filter((measure) => measure.hidden).map((measure) => measure.key);
  for (const row of totals ? [...rows, totals] : rows) for (const key of hidden) delete row[key];

  return {
    key: section.key,
    title: section.title,
    columns: sectionColumns(section, params),
    rows,
    ...(totals ? { totals } : {}),
    charts: (section.charts ?? []).map((chart) => ({ kind: chart.kind, title: chart.title, category: chart.category, series: chart.series })),
    notes: (section.notes ?? []).map((text) => ({ text, severity: 'info' as const })),
  };
}

function dimensionCells(section: SectionDefinition, values: readonly unknown[], lookups: Lookups): Row {
  const row: Row = {};
  section.dimensions.forEach((dimension, index) => {
    const value = values[index] as string | number | null;
    const [first, second] = dimensionColumns(dimension);
    row[first!.key] = value;
    if (dimension === 'store') row[second!.key] = lookups.stores.get(String(value))?.name ?? null;
    if (dimension === 'region') row[second!.key] = value === null ? null : (lookups.regions.get(String(value)) ?? null);
    if (dimension === 'item') row[second!.key] = lookups.items.get(String(value)) ?? null;
  });
  return row;
}

/** Sums from the database (absent: zero, or empty for sparse data), then formulas in order. */
function measureCells(section: SectionDefinition, sums: Map<string, number> | undefined, empty: Set<string>, period: ReportPeriod): Row {
  const row: Record<string, number | null> = {};
  for (const measure of section.measures) {
    if (empty.has(measure.key)) {
      row[measure.key] = null;
    } else if (isSumMeasure(measure)) {
      row[measure.key] = sumValue(measure, sums?.get(measure.key));
    } else {
      const value = evaluateExpression(measure.parsed, (name) => (name === 'period_days' ? period.days : (row[name] ?? null)));
      row[measure.key] = roundFor(measure.type, value);
    }
  }
  return row;
}

function sumValue(measure: SumMeasure, sum: number | undefined): number | null {
  if (sum === undefined) return SOURCES[measure.source]!.sparse || SOURCES[measure.source]!.lookup ? null : 0;
  return measure.scale ? sum / measure.scale : sum;
}

function comparisonCells(section: SectionDefinition, row: Row, priorSums: Map<string, number> | undefined, empty: Set<string>, previous: ReportPeriod): Row {
  const prior = measureCells(section, priorSums ?? new Map(), empty, previous);
  const cells: Row = {};
  for (const measure of section.measures.filter((m) => m.compare)) {
    const now = row[measure.key] as number | null;
    const before = prior[measure.key] as number | null;
    cells[`${measure.key}_previous`] = before;
    cells[`${measure.key}_change`] = now === null || before === null || before === 0 ? null : (now - before) / Math.abs(before);
  }
  return cells;
}

function totalsRow(section: SectionDefinition, rows: Row[], empty: Set<string>, period: ReportPeriod, prior: SectionSums | undefined, previous: ReportPeriod | undefined): Row {
  const sums = new Map<string, number>();
  const priorSums = new Map<string, number>();
  for (const measure of section.measures.filter(isSumMeasure)) {
    const values = rows.map((row) => row[measure.key]).filter((value): value is number => typeof value === 'number');
    if (values.length > 0) sums.set(measure.key, values.reduce((a, b) => a + b, 0) * (measure.scale ?? 1));
    for (const entry of prior?.rows.values() ?? []) {
      const value = entry.sums.get(measure.key);
      if (value !== undefined) priorSums.set(measure.key, (priorSums.get(measure.key) ?? 0) + value);
    }
  }
  const totals = measureCells(section, sums, empty, period);
  if (previous) Object.assign(totals, comparisonCells(section, totals, priorSums, empty, previous));
  return totals;
}

function sortRows(section: SectionDefinition, rows: Row[]): Row[] {
  const orders = section.sort ?? section.dimensions.flatMap((d) => dimensionColumns(d).slice(0, 1).map((c) => ({ by: c.key, direction: 'asc' as const })));
  return [...rows].sort((a, b) => {
    for (const { by, direction } of orders) {
      const order = compareCells(a[by] ?? null, b[by] ?? null);
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return compareCells(JSON.stringify(Object.values(a)), JSON.stringify(Object.values(b)));
  });
}

/** Empty cells sort last in ascending order; strings by code point, so both dialects agree. */
function compareCells(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function sectionColumns(section: SectionDefinition, params: RunParams): RunColumn[] {
  const columns: RunColumn[] = section.dimensions.flatMap((dimension) => dimensionColumns(dimension).map((c) => ({ key: c.key, label: c.label, type: c.type })));
  for (const measure of section.measures) {
    if (measure.hidden) continue;
    const base = { key: measure.key, label: measure.label, type: measure.type, ...(measure.fraction_digits !== undefined ? { fraction_digits: measure.fraction_digits } : {}) };
    columns.push(base);
    if (params.compare && measure.compare) {
      const yearly = params.compare === 'previous_year';
      columns.push({ ...base, key: `${measure.key}_previous`, label: fill(yearly ? PREVIOUS_LABEL_YEAR : PREVIOUS_LABEL, measure.label) });
      columns.push({ key: `${measure.key}_change`, label: fill(yearly ? CHANGE_LABEL_YEAR : CHANGE_LABEL, measure.label), type: 'percent', fraction_digits: 1 });
    }
  }
  return columns;
}

function fill(template: LocalizedText, label: LocalizedText): LocalizedText {
  return { en: template.en.replace('{label}', label.en), 'zh-CN': template['zh-CN'].replace('{label}', label['zh-CN']) };
}

function roundFor(type: string, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return type === 'money_fen' || type === 'integer' ? Math.round(value) : value;
}

function noteMissing(missing: Map<string, MissingData>, source: string, measure: string, note: LocalizedText): void {
  const known = missing.get(source);
  missing.set(source, { source, measures: [...(known?.measures ?? []), measure], note });
}

function missingAccountsNote(codes: readonly string[], label: LocalizedText): LocalizedText {
  const list = codes.join(', ');
  return {
    en: `${label.en} is left empty: none of the accounts ${list} exist in the chart of accounts, so these amounts are part of other expenses. Create the sub-accounts to see ${label.en.toLowerCase()} on its own.`,
    'zh-CN': `${label['zh-CN']}留空：科目表中没有 ${list} 科目，这部分金额计入其他费用。设置这些明细科目后即可单独列示${label['zh-CN']}。`,
  };
}

function scopedStores(lookups: Lookups, params: RunParams): RunResult['stores'] {
  if (params.store_code === undefined && params.region_code === undefined && params.brand === undefined) return 'all';
  return [...lookups.stores]
    .filter(([code, store]) => (params.store_code === undefined || code === params.store_code) && (params.region_code === undefined || store.region_code === params.region_code) && (params.brand === undefined || store.brand === params.brand))
    .map(([code, store]) => ({ code, name: store.name }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}
