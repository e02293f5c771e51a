// Builders for test input: rows are made here directly, so the statement parsers are tested
// apart from any file reader.

import type { Cell, SourceRow } from '../../src/files/types.js';
import { formatMessage } from '../../src/statements/messages.js';
import type { MessageCode } from '../../src/statements/messages.js';
import type { ParsedStatement, StatementLine } from '../../src/statements/types.js';

/** Splits simple CSV text (no quoted commas) into rows numbered from `firstLine`. */
export function csvRows(text: string, firstLine = 1): SourceRow[] {
  return text
    .replace(/^\n/u, '')
    .split('\n')
    .map((line, index) => ({ line: firstLine + index, cells: line.split(',') }));
}

/** Rows from cell arrays, numbered from 1. */
export function rowsOf(cells: readonly (readonly Cell[])[]): SourceRow[] {
  return cells.map((row, index) => ({ line: index + 1, cells: row }));
}

/** Yields rows one by one, as a streaming reader would. */
export async function* streamed(rows: readonly SourceRow[]): AsyncGenerator<SourceRow> {
  for (const row of rows) yield row;
}

/** Returns the line that started on a physical line; fails the test when there is none. */
export function lineAt(statement: ParsedStatement, line: number): StatementLine {
  const found = statement.lines.find((candidate) => candidate.line === line);
  if (found === undefined) throw new Error(`no statement line on line ${line}`);
  return found;
}

/** English texts of the warnings, for readable failures. */
export function warningTexts(statement: ParsedStatement): string[] {
  return statement.warnings.map((warning) => formatMessage('en', warning.code as MessageCode, warning.params));
}
