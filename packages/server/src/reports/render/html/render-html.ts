// HTML output: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the
// cover, KPI strip, notes, and each section's charts and table.

import type { Writable } from 'node:stream';

import { documentTimeZone, formatGeneratedAt } from '../cover.js';
import type { ReportDocument, ReportSection } from '../document.js';
import { localize, renderLabel } from '../labels.js';
import { normalizeRow, readSectionRows } from '../rows.js';
import { BatchedTextOutput } from '../stream-output.js';
import { assertValidReportDocument } from '../validate.js';
import type { NormalizedCell } from '../values/cell-value.js';
import type { CellTextOptions } from '../values/format-cell.js';
import { renderChart } from './charts/build-chart.js';
import { renderCover, renderKpiStrip, renderNotes } from './html-cover.js';
import { escapeHtml } from './html-escape.js';
import { PAGE_STYLE } from './html-style.js';
import { renderTable } from './html-table.js';

export interface HtmlOptions {
  /**
   * Rows shown per section; later rows are counted, not shown, and a notice gives both counts.
   * Default 5,000: a page with more is slow to open and no one reads it.
   */
  readonly maxRowsPerSection?: number;
}

const DEFAULT_MAX_ROWS = 5000;

/** The page's security policy: inline styles and nothing else, so it cannot load or run anything. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Return the document as one HTML page. */
export async function renderHtml(document: ReportDocument, options: HtmlOptions = {}): Promise<string> {
  assertValidReportDocument(document);
  const language = document.language;
  const title = localize(document.title, language);
  const textOptions: CellTextOptions = { grouping: true, seconds: false, timeZone: documentTimeZone(document) };

  const sections: string[] = [];
  for (const [index, section] of document.sections.entries()) {
    sections.push(await renderSection(document, section, index, textOptions, options));
  }

  return (
    `<!DOCTYPE html>\n<html lang="${language}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body>` +
    renderCover(document) +
    renderKpiStrip(document) +
    renderNotes(document.notes ?? [], document) +
    sections.join('') +
    `<footer>${escapeHtml(renderLabel(language, 'generatedFooter', { time: formatGeneratedAt(document), timeZone: documentTimeZone(document) }))}</footer>` +
    '</body></html>\n'
  );
}

/** Write the page to `output` and end it. */
export async function writeHtml(document: ReportDocument, output: Writable, options: HtmlOptions = {}): Promise<void> {
  const out = new BatchedTextOutput(output);
  await out.write(await renderHtml(document, options));
  await out.end();
}

async function renderSection(
  document: ReportDocument,
  section: ReportSection,
  sectionIndex: number,
  textOptions: CellTextOptions,
  options: HtmlOptions,
): Promise<string> {
  const language = document.language;
  const maxRows = options.maxRowsPerSection ?? DEFAULT_MAX_ROWS;
  const rows: NormalizedCell[][] = [];
  let rowCount = 0;
  for await (const cells of readSectionRows(section)) {
    rowCount += 1;
    if (rows.length < maxRows) rows.push(cells);
  }
  const totals = section.totals
    ? normalizeRow(section.columns, section.totals, `section ${section.key}, totals`, true)
    : undefined;

  const charts = (section.charts ?? []).map((chart, chartIndex) =>
    renderChart(document, section, chart, rows, totals, `chart-${sectionIndex}-${chartIndex}`, textOptions),
  );
  const notice =
    rowCount > rows.length
      ? `<p class="notice">${escapeHtml(renderLabel(language, 'tableShortened', { shown: rows.length, total: rowCount }))}</p>`
      : '';

  return (
    `<section class="report-section" id="section-${escapeHtml(section.key)}">` +
    `<h2>${escapeHtml(localize(section.name, language))}</h2>` +
    renderNotes(section.notes ?? [], document, false) +
    notice +
    (charts.length > 0 ? `<div class="charts">${charts.join('')}</div>` : '') +
    renderTable(document, section, rows, totals, textOptions) +
    '</section>'
  );
}
