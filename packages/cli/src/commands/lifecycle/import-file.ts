import { formatReadIssue, openTable, type Cell } from '../../files/index.js';
import { templatesDir } from '../../resources/templates.js';
import type { Language } from '../../i18n/index.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { readFileSync } from 'node:fs';

/** A column of an import template: the field, its labels and the header spellings accepted. */
export interface ImportColumn {
  field: string;
  label: Record<Language, string>;
  aliases: string[];
  required?: boolean;
}

export interface ImportTemplate {
  title: Record<Language, string>;
  columns: ImportColumn[];
}

/** A data row of the file with its line and its cells by field. */
export interface ImportRow {
  line: number;
  cells: Map<string, Cell>;
}

export function loadImportTemplate(name: string): ImportTemplate {
  return JSON.parse(readFileSync(new URL(`lifecycle/imports/${name}.json`, templatesDir()), 'utf8')) as ImportTemplate;
}

// Headers match whatever their case, spaces, underscores and full-width brackets.
function headerKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_\-()（）]/g, '');
}

/**
 * Read a CSV, XLSX or XLS file whose first row is a header, mapping its columns to the template's
 * fields by field name, label in either language or alias. A missing required column fails the
 * whole file, naming the headers found; problems reading the file are returned with their lines.
 */
export async function readImportFile(context: Context, file: string, template: ImportTemplate, sheet?: string): Promise<{ rows: ImportRow[]; issues: string[] }> {
  const table = await openTable(file, sheet ? { sheet } : {});
  // A CSV has no sheets, so a --sheet given with one would otherwise be ignored.
  if (sheet && table.format === 'csv') throw new UsageError('lifecycle.batch.sheet_not_workbook', { file });
  const rows: ImportRow[] = [];
  let mapping: Map<number, string> | undefined;

  for await (const row of table.rows) {
    if (!mapping) {
      mapping = mapHeader(context, file, template, row.cells);
      continue;
    }
    if (row.cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) continue;
    const cells = new Map<string, Cell>();
    for (const [index, field] of mapping) cells.set(field, row.cells[index] ?? null);
    rows.push({ line: row.line, cells });
  }
  if (!mapping) throw new UsageError('lifecycle.batch.empty', { file });
  return { rows, issues: table.issues.map((issue) => formatReadIssue(context.language, issue)) };
}

function mapHeader(context: Context, file: string, template: ImportTemplate, header: readonly Cell[]): Map<number, string> {
  const names = new Map<string, string>();
  for (const column of template.columns) {
    for (const spelling of [column.field, column.label.en, column.label['zh-CN'], ...column.aliases]) names.set(headerKey(spelling), column.field);
  }
  const mapping = new Map<number, string>();
  header.forEach((cell, index) => {
    const field = typeof cell === 'string' ? names.get(headerKey(cell)) : undefined;
    if (field && ![...mapping.values()].includes(field)) mapping.set(index, field);
  });

  const missing = template.columns.filter((column) => column.required && ![...mapping.values()].includes(column.field));
  if (missing.length > 0) {
    throw new UsageError('file.missing_columns', {
      file,
      columns: missing.map((column) => column.label[context.language]).join(', '),
      headers: header.map((cell) => String(cell ?? '')).join(', ') || '-',
      example: template.columns.map((column) => column.label[context.language]).join(', '),
    });
  }
  return mapping;
}

/** Return the template label of a field, for row messages. */
export function columnLabel(context: Context, template: ImportTemplate, field: string): string {
  return template.columns.find((column) => column.field === field)?.label[context.language] ?? field;
}
