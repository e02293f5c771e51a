import { displayWidth, padEnd } from './width.js';

export interface Column<Row> {
  header: string;
  value(row: Row): string;
  /** Right-align, for numbers. */
  numeric?: boolean;
}

/**
 * Render rows for people (an aligned table with a header) or for pipes (tab-separated values
 * without a header, one row per line), in the way of `gh`.
 */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], forPeople: boolean): string {
  const cells = rows.map((row) => columns.map((column) => clean(column.value(row))));
  if (!forPeople) return cells.map((line) => line.join('\t')).join('\n') + (cells.length > 0 ? '\n' : '');

  const headers = columns.map((column) => column.header);
  const widths = columns.map((_, i) => Math.max(displayWidth(headers[i]!), ...cells.map((line) => displayWidth(line[i]!))));
  const format = (line: string[]) =>
    line
      .map((cell, i) => (columns[i]!.numeric ? ' '.repeat(widths[i]! - displayWidth(cell)) + cell : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [format(headers), ...cells.map(format)].join('\n') + '\n';
}

/** Render one record as "label  value" lines. */
export function renderRecord(pairs: readonly [string, string][]): string {
  const width = Math.max(0, ...pairs.map(([label]) => displayWidth(label)));
  return pairs.map(([label, value]) => `${padEnd(label, width)}  ${clean(value)}`.trimEnd()).join('\n') + '\n';
}

// Tabs and line breaks inside a value would break both layouts.
function clean(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}
