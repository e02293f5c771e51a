// Parses a statement file from disk: opens it with the shared table reader (CSV in any of the
// usual encodings, XLSX, XLS), picks the sheet and parses its rows.

import { openTable, type Table } from '../files/index.js';
import { StatementParseError } from './errors.js';
import { parseStatement, type ParseStatementOptions } from './parse-statement.js';
import type { ParsedStatement } from './types.js';

export interface ParseStatementFileOptions extends ParseStatementOptions {
  /** Sheet name or 0-based index of a workbook; by default the first sheet whose layout is recognised. */
  readonly sheet?: string | number;
}

/**
 * Parses one statement file; raises StatementParseError when no sheet can be parsed. Problems
 * the reader reports (such as invalid bytes for the encoding) become `file-read-issue` warnings.
 */
export async function parseStatementFile(path: string, options: ParseStatementFileOptions = {}): Promise<ParsedStatement> {
  const first = await open(path, undefined);
  if (options.sheet !== undefined) {
    const name = typeof options.sheet === 'number' ? first.sheets[options.sheet] : options.sheet;
    if (first.format === 'csv' && (options.sheet === 0 || options.sheet === first.sheet)) return parseTable(first, options);
    if (name === undefined || !first.sheets.includes(name)) {
      throw new StatementParseError('sheet-not-found', { file: path, sheet: options.sheet, sheets: first.sheets.join(', ') });
    }
    return parseTable(name === first.sheet ? first : await open(path, name), options);
  }

  // Without a sheet named, try the reader's default sheet, then the others in tab order.
  let firstError: StatementParseError | undefined;
  const others = first.sheets.filter((name) => name !== first.sheet);
  for (let table: Table | undefined = first; table !== undefined; ) {
    try {
      return await parseTable(table, options);
    } catch (error) {
      if (!(error instanceof StatementParseError)) throw error;
      firstError ??= error;
    }
    const next = others.shift();
    table = next === undefined ? undefined : await open(path, next);
  }
  throw firstError ?? new StatementParseError('sheet-not-found', { file: path, sheet: 0, sheets: first.sheets.join(', ') });
}

/**
 * Opens a table without a header check: statements put titles, totals and `#` notes around
 * their rows, which a reader checking field counts against a header would drop.
 */
function open(path: string, sheet: string | undefined): Promise<Table> {
  return openTable(path, { isHeader: () => false, mergedCells: 'keep', ...(sheet === undefined ? {} : { sheet }) });
}

async function parseTable(table: Table, options: ParseStatementOptions): Promise<ParsedStatement> {
  const statement = await parseStatement(table.rows, options);
  if (table.issues.length === 0) return statement;
  const warnings = table.issues.map((issue) => ({
    code: 'file-read-issue',
    params: { issue: issue.code, line: issue.line },
    ...(issue.line > 0 ? { line: issue.line } : {}),
  }));
  return { ...statement, warnings: [...statement.warnings, ...warnings] };
}
