// A section's table: header in the report language, numbers right-aligned, negative amounts
// marked, empty cells as a dash, totals in the footer.

import { isNumericColumnType, type ReportColumn, type ReportDocument, type ReportSection } from '../document.js';
import { localize, renderLabel } from '../labels.js';
import type { NormalizedCell } from '../values/cell-value.js';
import { type CellTextOptions, formatCellText } from '../values/format-cell.js';
import { escapeHtml } from './html-escape.js';

export function renderTable(
  document: ReportDocument,
  section: ReportSection,
  rows: readonly (readonly NormalizedCell[])[],
  totals: readonly NormalizedCell[] | undefined,
  options: CellTextOptions,
): string {
  const language = document.language;
  const head = section.columns
    .map((column) => `<th scope="col"${numeric(column) ? ' class="num"' : ''}>${escapeHtml(localize(column.label, language))}</th>`)
    .join('');
  const body = rows
    .map((cells) => `<tr>${section.columns.map((column, index) => cell(column, cells[index] ?? null, options)).join('')}</tr>`)
    .join('');

  let foot = '';
  if (totals) {
    const cells = section.columns.map((column, index) =>
      index === 0 && totals[0] === null
        ? `<td>${escapeHtml(renderLabel(language, 'total'))}</td>`
        : cell(column, totals[index] ?? null, options),
    );
    foot = `<tfoot><tr>${cells.join('')}</tr></tfoot>`;
  }
  const empty = rows.length === 0 ? `<p class="notice">${escapeHtml(renderLabel(language, 'noRows'))}</p>` : '';
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table></div>${empty}`;
}

function cell(column: ReportColumn, value: NormalizedCell, options: CellTextOptions): string {
  if (value === null) return '<td class="empty">—</td>';
  const classes: string[] = [];
  if (numeric(column)) classes.push('num');
  if (numeric(column) && (value as number) < 0) classes.push('negative');
  const classAttribute = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
  return `<td${classAttribute}>${escapeHtml(formatCellText(column, value, options))}</td>`;
}

function numeric(column: ReportColumn): boolean {
  return isNumericColumnType(column.type);
}
