// Reads and checks the report definitions in `templates/reports/` (or $BOH_TEMPLATES_DIR/reports).
// Every problem of a file is collected and raised together, naming the file and the field.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHART_KINDS, COLUMN_TYPES, isNumericColumnType, type ColumnType, type LocalizedText } from '../render/document.js';
import { expressionNames, ExpressionError, parseExpression } from '../engine/expression.js';
import { SOURCES, sourceDimensions } from '../engine/sources.js';
import { dimensionColumns } from '../engine/dimensions.js';
import { MEASURE_RANGES, type ReportDefinition } from './types.js';

const KEY = /^[a-z][a-z0-9_]{0,59}$/;
const REPORT_NAME = /^[a-z][a-z0-9-]{0,59}$/;

export class ReportDefinitionError extends Error {}

/** Return the folder of the report definitions. */
export function reportTemplatesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BOH_TEMPLATES_DIR) return join(env.BOH_TEMPLATES_DIR, 'reports');
  return fileURLToPath(new URL('../../../../../templates/reports/', import.meta.url));
}

let cache: { dir: string; definitions: Map<string, ReportDefinition> } | undefined;

/** Return every report definition by name, read once per folder. */
export function reportDefinitions(): Map<string, ReportDefinition> {
  const dir = reportTemplatesDir();
  if (!cache || cache.dir !== dir) cache = { dir, definitions: loadDefinitions(dir) };
  return cache.definitions;
}

export function loadDefinitions(dir: string): Map<string, ReportDefinition> {
  const definitions = new Map<string, ReportDefinition>();
  if (!existsSync(dir)) return definitions;
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const definition = parseDefinition(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
    if (`${definition.report}.json` !== name) throw new ReportDefinitionError(`Report definition ${file}: report must be "${name.slice(0, -5)}", the name of the file.`);
    definitions.set(definition.report, definition);
  }
  return definitions;
}

/** Check one definition; raises ReportDefinitionError listing every problem with its field path. */
export function parseDefinition(value: unknown, file: string): ReportDefinition {
  const problems: string[] = [];
  const fail = (path: string, problem: string) => problems.push(`${path} ${problem}`);
  const raw = value as Record<string, any>;

  if (typeof raw.report !== 'string' || !REPORT_NAME.test(raw.report)) fail('report', 'must be lower-case letters, digits and "-"');
  checkText(raw.title, 'title', fail);
  checkText(raw.description, 'description', fail);
  if (!Array.isArray(raw.sections) || raw.sections.length === 0) fail('sections', 'must be a non-empty array');

  const sectionKeys = new Set<string>();
  const sections: Record<string, any>[] = (Array.isArray(raw.sections) ? raw.sections : []).map((section: Record<string, any>, index: number) => {
    const path = `sections[${index}]`;
    if (typeof section.key !== 'string' || !KEY.test(section.key)) fail(`${path}.key`, 'must be lower-case letters, digits and "_"');
    else if (sectionKeys.has(section.key)) fail(`${path}.key`, `"${section.key}" is used twice`);
    sectionKeys.add(section.key);
    checkText(section.title, `${path}.title`, fail);
    return { ...section, measures: parseMeasures(section, path, fail) };
  });

  for (const [index, kpi] of (raw.kpis ?? []).entries()) {
    const section = sections.find((s: any) => s.key === kpi.section);
    if (!section) fail(`kpis[${index}].section`, `"${kpi.section}" is not a section`);
    else if (!section.totals) fail(`kpis[${index}].section`, `"${kpi.section}" needs "totals": true to give a KPI`);
    else if (!section.measures.some((m: any) => m.key === kpi.measure)) fail(`kpis[${index}].measure`, `"${kpi.measure}" is not a measure of ${kpi.section}`);
  }
  for (const [index, note] of (raw.notes ?? []).entries()) checkText(note, `notes[${index}]`, fail);

  if (problems.length > 0) throw new ReportDefinitionError(`Report definition ${file}:\n- ${problems.join('\n- ')}`);
  return { ...(raw as ReportDefinition), sections: sections as unknown as ReportDefinition['sections'], file };
}

function parseMeasures(section: Record<string, any>, path: string, fail: (path: string, problem: string) => void) {
  const dimensions: string[] = Array.isArray(section.dimensions) ? section.dimensions : [];
  if (!Array.isArray(section.dimensions)) fail(`${path}.dimensions`, 'must be an array (empty for one row)');
  if (!Array.isArray(section.measures) || section.measures.length === 0) {
    fail(`${path}.measures`, 'must be a non-empty array');
    return [];
  }

  const keys = new Set<string>(dimensions.flatMap((dimension) => dimensionColumns(dimension).map((column) => column.key)));
  const measures = section.measures.map((measure: Record<string, any>, index: number) => {
    const at = `${path}.measures[${index}]`;
    if (typeof measure.key !== 'string' || !KEY.test(measure.key)) fail(`${at}.key`, 'must be lower-case letters, digits and "_"');
    else if (keys.has(measure.key)) fail(`${at}.key`, `"${measure.key}" is used twice in the section`);
    checkText(measure.label, `${at}.label`, fail);
    if (!(COLUMN_TYPES as readonly string[]).includes(measure.type) || !isNumericColumnType(measure.type as ColumnType)) {
      fail(`${at}.type`, 'must be one of integer, money_fen, decimal, percent');
    }
    const parsed = parseMeasureExpression(measure, at, keys, dimensions, fail);
    keys.add(measure.key);
    return { ...measure, parsed };
  });

  for (const [index, sort] of (section.sort ?? []).entries()) {
    if (!keys.has(sort.by)) fail(`${path}.sort[${index}].by`, `"${sort.by}" is not a column of the section`);
    if (sort.direction !== 'asc' && sort.direction !== 'desc') fail(`${path}.sort[${index}].direction`, 'must be "asc" or "desc"');
  }
  if (section.limit !== undefined && (!Number.isInteger(section.limit) || section.limit < 1)) fail(`${path}.limit`, 'must be a whole number above 0');
  for (const [index, chart] of (section.charts ?? []).entries()) {
    if (!(CHART_KINDS as readonly string[]).includes(chart.kind)) fail(`${path}.charts[${index}].kind`, `must be one of ${CHART_KINDS.join(', ')}`);
    checkText(chart.title, `${path}.charts[${index}].title`, fail);
    if (!keys.has(chart.category)) fail(`${path}.charts[${index}].category`, `"${chart.category}" is not a column of the section`);
    for (const series of chart.series ?? []) if (!keys.has(series)) fail(`${path}.charts[${index}].series`, `"${series}" is not a column of the section`);
  }
  return measures;
}

function parseMeasureExpression(
  measure: Record<string, any>,
  at: string,
  earlierKeys: Set<string>,
  dimensions: string[],
  fail: (path: string, problem: string) => void,
) {
  const text = measure.sum ?? measure.formula;
  if ((measure.sum === undefined) === (measure.formula === undefined)) {
    fail(at, 'needs exactly one of "sum" and "formula"');
    return undefined;
  }
  let parsed;
  try {
    parsed = parseExpression(String(text));
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    fail(`${at}.${measure.sum !== undefined ? 'sum' : 'formula'}`, error.message);
    return undefined;
  }

  if (measure.formula !== undefined) {
    for (const name of expressionNames(parsed)) {
      if (name !== 'period_days' && !earlierKeys.has(name)) fail(`${at}.formula`, `"${name}" is not an earlier measure of the section (or period_days)`);
    }
    return parsed;
  }

  const source = SOURCES[measure.source];
  if (!source) {
    fail(`${at}.source`, `must be one of ${Object.keys(SOURCES).join(', ')}`);
    return parsed;
  }
  for (const name of expressionNames(parsed)) {
    if (!source.numeric.includes(name)) fail(`${at}.sum`, `"${name}" is not a numeric column of ${measure.source} (${source.numeric.join(', ')})`);
  }
  for (const dimension of dimensions) {
    if (!sourceDimensions(source).includes(dimension)) fail(`${at}.source`, `${measure.source} cannot be grouped by ${dimension}`);
  }
  for (const [index, condition] of (measure.where ?? []).entries()) {
    if (!source.filters.includes(condition.column)) fail(`${at}.where[${index}].column`, `must be one of ${source.filters.join(', ')}`);
  }
  if (measure.range !== undefined && !(MEASURE_RANGES as readonly string[]).includes(measure.range)) fail(`${at}.range`, `must be one of ${MEASURE_RANGES.join(', ')}`);
  if (measure.scale !== undefined && !(typeof measure.scale === 'number' && measure.scale > 0)) fail(`${at}.scale`, 'must be a number above 0');
  return parsed;
}

function checkText(value: unknown, path: string, fail: (path: string, problem: string) => void): value is LocalizedText {
  const text = value as Partial<LocalizedText> | undefined;
  const ok = typeof text?.en === 'string' && text.en !== '' && typeof text['zh-CN'] === 'string' && text['zh-CN'] !== '';
  if (!ok) fail(path, 'must have non-empty "en" and "zh-CN" texts');
  return ok;
}
