// The first worksheet: title, subtitle, parameters, key figures and notes, with labels in
// column A, values in column B (typed like section cells) and KPI notes in column C.

import type { Workbook, Worksheet } from 'exceljs';

import { coverEntries, documentTimeZone } from '../cover.js';
import type { ReportDocument, ReportNote } from '../document.js';
import { localize, renderLabel } from '../labels.js';
import { normalizeCell } from '../values/cell-value.js';
import { formatCellText } from '../values/format-cell.js';
import { fittedWidth } from './column-widths.js';
import { xlsxCellValue, xlsxNumberFormat } from './xlsx-cells.js';

const MAX_NOTE_WIDTH = 100;

interface CoverLine {
  readonly label: string;
  readonly value?: string | number | null;
  readonly numFmt?: string;
  /** The value as Excel shows it, for width fitting. */
  readonly shown?: string;
  readonly note?: string;
  readonly heading?: 'title' | 'group';
}

/** Add and commit the cover sheet; exceljs streams sheets in order, so commit it before the next. */
export function writeCoverSheet(workbook: Workbook, document: ReportDocument, sheetName: string): void {
  const lines = coverLines(document);

  const sheet = workbook.addWorksheet(sheetName, { views: [{ showGridLines: false }] });
  // Headings and notes may spill into the empty cells beside them, so only entries set column A.
  const labelled = lines.filter((line) => line.value !== undefined);
  sheet.columns = [
    { width: fittedWidth(labelled.map((line) => line.label)) },
    { width: fittedWidth(lines.map((line) => line.shown ?? (typeof line.value === 'string' ? line.value : ''))) },
    { width: Math.min(MAX_NOTE_WIDTH, fittedWidth(lines.map((line) => line.note ?? ''))) },
  ];

  for (const line of lines) {
    const row = sheet.addRow([line.label, line.value ?? null, line.note ?? null]);
    if (line.heading) row.getCell(1).font = { bold: true, size: line.heading === 'title' ? 16 : 12 };
    if (line.numFmt) row.getCell(2).numFmt = line.numFmt;
    row.getCell(2).alignment = { horizontal: 'left' };
    row.commit();
  }
  (sheet as Worksheet & { commit(): void }).commit();
}

function coverLines(document: ReportDocument): CoverLine[] {
  const language = document.language;
  const timeZone = documentTimeZone(document);
  const lines: CoverLine[] = [{ label: localize(document.title, language), heading: 'title' }];
  if (document.subtitle) lines.push({ label: localize(document.subtitle, language), heading: 'group' });
  lines.push({ label: '', heading: 'group' });
  for (const entry of coverEntries(document)) lines.push({ label: entry.label, value: entry.value });

  const kpis = document.kpis ?? [];
  if (kpis.length > 0) {
    lines.push({ label: '', heading: 'group' }, { label: renderLabel(language, 'keyFigures'), heading: 'group' });
    for (const kpi of kpis) {
      const cell = normalizeCell(kpi, kpi.value, `kpi ${kpi.key}`);
      const missing = cell === null ? renderLabel(language, 'noValue') : '';
      lines.push({
        label: localize(kpi.label, language),
        value: xlsxCellValue(kpi, cell, timeZone, `kpi ${kpi.key}`),
        numFmt: xlsxNumberFormat(kpi),
        shown: formatCellText(kpi, cell, { grouping: true, seconds: false, timeZone }),
        note: kpi.note ? localize(kpi.note, language) : missing,
      });
    }
  }

  const notes = noteTexts(document);
  if (notes.length > 0) {
    lines.push({ label: '', heading: 'group' }, { label: renderLabel(language, 'notes'), heading: 'group' });
    for (const note of notes) lines.push({ label: note });
  }
  return lines;
}

/** Document notes, then each section's notes prefixed with the section name. */
export function noteTexts(document: ReportDocument): string[] {
  const language = document.language;
  const text = (note: ReportNote) =>
    note.severity === 'warning'
      ? renderLabel(language, 'warningNote', { note: localize(note.text, language) })
      : localize(note.text, language);

  const lines = (document.notes ?? []).map(text);
  for (const section of document.sections) {
    for (const note of section.notes ?? []) {
      lines.push(renderLabel(language, 'sectionNote', { section: localize(section.name, language), note: text(note) }));
    }
  }
  return lines;
}
