// JSON output: the document with typed values, written row by row. Keys come in a fixed order
// (the order below, and column order inside rows) whatever order the engine built its objects in.

import type { Writable } from 'node:stream';

import { documentTimeZone } from '../cover.js';
import type {
  LocalizedText,
  ReportChart,
  ReportColumn,
  ReportDocument,
  ReportKpi,
  ReportNote,
  ReportSection,
} from '../document.js';
import { instantMilliseconds, normalizeCell, type NormalizedCell } from '../values/cell-value.js';
import { normalizeRow, readSectionRows } from '../rows.js';
import { BatchedTextOutput } from '../stream-output.js';
import { assertValidReportDocument } from '../validate.js';

/** The version of the JSON layout below; raise it when a consumer would have to change. */
export const REPORT_JSON_FORMAT = 'boh.report/1';

/**
 * Write the document as one JSON object to `output` and end it. Money stays integer fen, next to
 * the column type that marks it (`money_fen`); datetimes are UTC ISO 8601 strings; empty cells are
 * `null`. Each row goes on its own line. If rendering fails the promise rejects and `output` is
 * left open and incomplete: the caller must discard it.
 */
export async function writeJson(document: ReportDocument, output: Writable): Promise<void> {
  assertValidReportDocument(document);
  const out = new BatchedTextOutput(output);
  const { period, stores, generatedAt, generatedBy } = document.parameters;

  const head = {
    format: REPORT_JSON_FORMAT,
    language: document.language,
    timeZone: documentTimeZone(document),
    title: localized(document.title),
    subtitle: document.subtitle ? localized(document.subtitle) : null,
    parameters: {
      period: { from: period.from, to: period.to },
      stores: stores === 'all' ? 'all' : stores.map((store) => ({ code: store.code, name: store.name })),
      generatedAt: instantText(generatedAt),
      generatedBy,
    },
    kpis: (document.kpis ?? []).map(kpiJson),
    notes: (document.notes ?? []).map(noteJson),
  };
  // The head's closing brace is replaced by the sections, which are written as they are read.
  await out.write(`${JSON.stringify(head).slice(0, -1)},"sections":[`);

  for (const [index, section] of document.sections.entries()) {
    if (index > 0) await out.write(',');
    await writeSection(section, out);
  }

  await out.write(']}\n');
  await out.end();
}

async function writeSection(section: ReportSection, out: BatchedTextOutput): Promise<void> {
  const head = {
    key: section.key,
    name: localized(section.name),
    columns: section.columns.map(columnJson),
  };
  await out.write(`\n${JSON.stringify(head).slice(0, -1)},"rows":[`);

  let first = true;
  for await (const cells of readSectionRows(section)) {
    await out.write(`${first ? '' : ','}\n${JSON.stringify(rowJson(section.columns, cells))}`);
    first = false;
  }

  const totals = section.totals
    ? rowJson(section.columns, normalizeRow(section.columns, section.totals, `section ${section.key}, totals`, true))
    : null;
  const tail = {
    totals,
    charts: (section.charts ?? []).map(chartJson),
    notes: (section.notes ?? []).map(noteJson),
  };
  await out.write(`\n],${JSON.stringify(tail).slice(1)}`);
}

function rowJson(columns: readonly ReportColumn[], cells: readonly NormalizedCell[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    row[column.key] = cellJson(column, cells[index] ?? null);
  });
  return row;
}

function cellJson(column: ReportColumn, cell: NormalizedCell): string | number | null {
  if (cell !== null && column.type === 'datetime') return new Date(cell).toISOString();
  return cell;
}

function columnJson(column: ReportColumn) {
  return {
    key: column.key,
    label: localized(column.label),
    type: column.type,
    fractionDigits: column.fractionDigits ?? null,
    timeZone: column.type === 'datetime' ? (column.timeZone ?? null) : null,
  };
}

function kpiJson(kpi: ReportKpi) {
  return {
    ...columnJson(kpi),
    value: cellJson(kpi, normalizeCell(kpi, kpi.value, `kpi ${kpi.key}`)),
    note: kpi.note ? localized(kpi.note) : null,
  };
}

function chartJson(chart: ReportChart) {
  return {
    kind: chart.kind,
    title: localized(chart.title),
    categoryColumn: chart.categoryColumn,
    seriesColumns: [...chart.seriesColumns],
  };
}

function noteJson(note: ReportNote) {
  return { severity: note.severity ?? 'info', text: localized(note.text) };
}

function localized(text: LocalizedText): LocalizedText {
  return { en: text.en, 'zh-CN': text['zh-CN'] };
}

function instantText(value: string | Date): string {
  const milliseconds = instantMilliseconds(value);
  if (milliseconds === undefined) throw new Error(`parameters.generatedAt is not a valid instant: ${String(value)}`);
  return new Date(milliseconds).toISOString();
}
