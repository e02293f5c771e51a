// The top of the page: title, subtitle, parameters, the KPI strip and the notes.

import { coverEntries, documentTimeZone } from '../cover.js';
import { isNumericColumnType, type ReportDocument, type ReportNote } from '../document.js';
import { localize, renderLabel } from '../labels.js';
import { normalizeCell } from '../values/cell-value.js';
import { formatCellText } from '../values/format-cell.js';
import { escapeHtml } from './html-escape.js';

export function renderCover(document: ReportDocument): string {
  const language = document.language;
  const entries = coverEntries(document)
    .map((entry) => `<dt>${escapeHtml(entry.label)}</dt><dd>${escapeHtml(entry.value)}</dd>`)
    .join('');
  const subtitle = document.subtitle ? `<p class="subtitle">${escapeHtml(localize(document.subtitle, language))}</p>` : '';
  return `<header class="cover"><h1>${escapeHtml(localize(document.title, language))}</h1>${subtitle}<dl>${entries}</dl></header>`;
}

/** Render the headline figures; a missing one shows a dash and the note that explains why. */
export function renderKpiStrip(document: ReportDocument): string {
  const kpis = document.kpis ?? [];
  if (kpis.length === 0) return '';
  const language = document.language;
  const options = { grouping: true, seconds: false, timeZone: documentTimeZone(document) };

  const cards = kpis.map((kpi) => {
    const cell = normalizeCell(kpi, kpi.value, `kpi ${kpi.key}`);
    const value =
      cell === null
        ? `<div class="kpi-value missing" title="${escapeHtml(renderLabel(language, 'noValue'))}">—</div>`
        : `<div class="kpi-value${isNumericColumnType(kpi.type) && (cell as number) < 0 ? ' negative' : ''}">${escapeHtml(formatCellText(kpi, cell, options))}</div>`;
    const noteText = kpi.note ? localize(kpi.note, language) : cell === null ? renderLabel(language, 'noValue') : '';
    const note = noteText ? `<div class="kpi-note">${escapeHtml(noteText)}</div>` : '';
    return `<div class="kpi" data-kpi="${escapeHtml(kpi.key)}"><div class="kpi-label">${escapeHtml(localize(kpi.label, language))}</div>${value}${note}</div>`;
  });
  return `<section class="kpis" aria-label="${escapeHtml(renderLabel(language, 'keyFigures'))}">${cards.join('')}</section>`;
}

/** Render a notes box; with `heading` false it has no heading (for notes inside a section). */
export function renderNotes(notes: readonly ReportNote[], document: ReportDocument, heading = true): string {
  if (notes.length === 0) return '';
  const language = document.language;
  const items = notes
    .map((note) => {
      const text = localize(note.text, language);
      return note.severity === 'warning'
        ? `<li class="note-warning">${escapeHtml(renderLabel(language, 'warningNote', { note: text }))}</li>`
        : `<li>${escapeHtml(text)}</li>`;
    })
    .join('');
  const title = heading ? `<h2>${escapeHtml(renderLabel(language, 'notes'))}</h2>` : '';
  return `<aside class="notes">${title}<ul>${items}</ul></aside>`;
}
