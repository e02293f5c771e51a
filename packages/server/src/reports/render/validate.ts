// Checks the shape of a document before any writer starts, listing every problem at once with
// its path. Row cells are checked later, while each writer reads them, because rows may stream.

import {
  CHART_KINDS,
  COLUMN_TYPES,
  isNumericColumnType,
  REPORT_LANGUAGES,
  type LocalizedText,
  type ReportColumn,
  type ReportDocument,
  type ReportSection,
} from './document.js';
import { instantMilliseconds, normalizeCell, ReportValueError } from './values/cell-value.js';
import { parseIsoDate } from './values/civil-date.js';
import { isKnownTimeZone } from './values/wall-clock.js';

export interface ReportIssue {
  /** The location of the problem, as a dotted path such as `sections[1].charts[0].seriesColumns[2]`. */
  readonly path: string;
  readonly message: string;
}

/** Raised by the writers when a document is invalid; `issues` lists every problem found. */
export class ReportDocumentError extends Error {
  override readonly name = 'ReportDocumentError';

  constructor(readonly issues: readonly ReportIssue[]) {
    super(
      `The report document is invalid (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}): ` +
        issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    );
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_FRACTION_DIGITS = 10;

export function assertValidReportDocument(document: ReportDocument): void {
  const issues = validateReportDocument(document);
  if (issues.length > 0) throw new ReportDocumentError(issues);
}

/** Return every problem in the document's shape; an empty list means the writers can start. */
export function validateReportDocument(document: ReportDocument): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });

  if (!REPORT_LANGUAGES.includes(document.language)) {
    report('language', `must be one of ${REPORT_LANGUAGES.join(', ')}; got ${JSON.stringify(document.language)}`);
  }
  checkLocalized(document.title, 'title', report);
  if (document.subtitle !== undefined) checkLocalized(document.subtitle, 'subtitle', report);
  if (document.timeZone !== undefined && !isKnownTimeZone(document.timeZone)) {
    report('timeZone', `${JSON.stringify(document.timeZone)} is not an IANA time zone such as Asia/Shanghai`);
  }

  checkParameters(document, report);

  (document.kpis ?? []).forEach((kpi, index) => {
    const path = `kpis[${index}]`;
    checkColumn(kpi, path, report);
    if (kpi.note !== undefined) checkLocalized(kpi.note, `${path}.note`, report);
    checkCell(kpi, kpi.value, `${path}.value`, report);
  });
  (document.notes ?? []).forEach((note, index) => checkLocalized(note.text, `notes[${index}].text`, report));

  const sectionKeys = new Set<string>();
  document.sections.forEach((section, index) => {
    const path = `sections[${index}]`;
    if (sectionKeys.has(section.key)) report(`${path}.key`, `duplicate section key ${JSON.stringify(section.key)}`);
    sectionKeys.add(section.key);
    checkSection(section, path, report);
  });

  return issues;
}

type Report = (path: string, message: string) => void;

function checkParameters(document: ReportDocument, report: Report): void {
  const { period, stores, generatedAt, generatedBy } = document.parameters;
  const from = parseIsoDate(period.from);
  const to = parseIsoDate(period.to);
  if (!from) report('parameters.period.from', `expected a real date as YYYY-MM-DD; got ${JSON.stringify(period.from)}`);
  if (!to) report('parameters.period.to', `expected a real date as YYYY-MM-DD; got ${JSON.stringify(period.to)}`);
  if (from && to && period.from > period.to) {
    report('parameters.period', `starts on ${period.from}, after its end ${period.to}`);
  }
  if (stores !== 'all' && !Array.isArray(stores)) report('parameters.stores', 'expected "all" or a list of stores');
  if (instantMilliseconds(generatedAt) === undefined) {
    report('parameters.generatedAt', 'expected a Date or an ISO 8601 instant with Z or an offset');
  }
  if (typeof generatedBy !== 'string' || generatedBy.trim() === '') {
    report('parameters.generatedBy', 'expected the name of the user or job');
  }
}

function checkSection(section: ReportSection, path: string, report: Report): void {
  if (!IDENTIFIER.test(section.key)) report(`${path}.key`, identifierMessage(section.key));
  checkLocalized(section.name, `${path}.name`, report);
  if (section.columns.length === 0) report(`${path}.columns`, 'a section needs at least one column');

  const columns = new Map<string, ReportColumn>();
  section.columns.forEach((column, index) => {
    const columnPath = `${path}.columns[${index}]`;
    if (columns.has(column.key)) report(`${columnPath}.key`, `duplicate column key ${JSON.stringify(column.key)}`);
    columns.set(column.key, column);
    checkColumn(column, columnPath, report);
  });

  for (const [key, value] of Object.entries(section.totals ?? {})) {
    const column = columns.get(key);
    if (!column) report(`${path}.totals.${key}`, 'no column has this key');
    else checkCell(column, value, `${path}.totals.${key}`, report);
  }

  (section.charts ?? []).forEach((chart, index) => {
    const chartPath = `${path}.charts[${index}]`;
    if (!CHART_KINDS.includes(chart.kind)) report(`${chartPath}.kind`, `must be one of ${CHART_KINDS.join(', ')}`);
    checkLocalized(chart.title, `${chartPath}.title`, report);
    if (!columns.has(chart.categoryColumn)) {
      report(`${chartPath}.categoryColumn`, `no column has the key ${JSON.stringify(chart.categoryColumn)}`);
    }
    if (chart.seriesColumns.length === 0) report(`${chartPath}.seriesColumns`, 'a chart needs at least one series');
    if ((chart.kind === 'pie' || chart.kind === 'donut') && chart.seriesColumns.length > 1) {
      report(`${chartPath}.seriesColumns`, `a ${chart.kind} chart takes exactly one series`);
    }
    chart.seriesColumns.forEach((key, seriesIndex) => {
      const column = columns.get(key);
      const seriesPath = `${chartPath}.seriesColumns[${seriesIndex}]`;
      if (!column) report(seriesPath, `no column has the key ${JSON.stringify(key)}`);
      else if (!isNumericColumnType(column.type)) report(seriesPath, `column ${key} is ${column.type}, not numeric`);
    });
  });

  (section.notes ?? []).forEach((note, index) => checkLocalized(note.text, `${path}.notes[${index}].text`, report));
}

function checkColumn(column: ReportColumn, path: string, report: Report): void {
  if (!IDENTIFIER.test(column.key)) report(`${path}.key`, identifierMessage(column.key));
  checkLocalized(column.label, `${path}.label`, report);
  if (!COLUMN_TYPES.includes(column.type)) {
    report(`${path}.type`, `must be one of ${COLUMN_TYPES.join(', ')}; got ${JSON.stringify(column.type)}`);
  }
  if (column.fractionDigits !== undefined) {
    const digits = column.fractionDigits;
    if (column.type !== 'decimal' && column.type !== 'percent') {
      report(`${path}.fractionDigits`, 'applies only to decimal and percent columns');
    } else if (!Number.isInteger(digits) || digits < 0 || digits > MAX_FRACTION_DIGITS) {
      report(`${path}.fractionDigits`, `expected an integer from 0 to ${MAX_FRACTION_DIGITS}; got ${digits}`);
    }
  }
  if (column.timeZone !== undefined) {
    if (column.type !== 'datetime') report(`${path}.timeZone`, 'applies only to datetime columns');
    else if (!isKnownTimeZone(column.timeZone)) {
      report(`${path}.timeZone`, `${JSON.stringify(column.timeZone)} is not an IANA time zone such as Asia/Shanghai`);
    }
  }
}

function checkCell(column: ReportColumn, value: unknown, path: string, report: Report): void {
  try {
    normalizeCell(column, value as never, path);
  } catch (error) {
    if (!(error instanceof ReportValueError)) throw error;
    report(path, error.reason);
  }
}

function checkLocalized(text: LocalizedText | undefined, path: string, report: Report): void {
  for (const language of REPORT_LANGUAGES) {
    const value = text?.[language];
    if (typeof value !== 'string' || value.trim() === '') report(`${path}.${language}`, 'the text is missing');
  }
}

function identifierMessage(key: string): string {
  return `${JSON.stringify(key)} is not an ASCII identifier (letters, digits and _, not starting with a digit)`;
}
