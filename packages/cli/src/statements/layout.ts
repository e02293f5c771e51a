// The contract between the statement driver and one layout, and the shared handling of a data
// row: column checks first, then the layout's own reading, with any problem quarantined.

import type { SourceRow } from '../files/types.js';
import type { StatementBuilder, LineDraft } from './builder.js';
import type { ColumnSpecs, HeaderMatch } from './header.js';
import type { StatedFacts } from './preamble.js';
import { RowFields, RowProblem } from './row-fields.js';
import { cellText } from './text.js';
import type { Channel, LayoutId } from './types.js';
import type { WhenContext } from './when.js';

export interface LayoutContext {
  readonly header: HeaderMatch;
  /** Facts stated above the header; layouts may add facts found below it. */
  readonly facts: StatedFacts;
  readonly when: WhenContext;
  /** Business date for rows of a file that has no date column. */
  readonly billDate: string | undefined;
  readonly out: StatementBuilder;
}

export interface RowReader {
  /** Handles one non-blank row after the header: a data row, a summary or a note. */
  read(row: SourceRow): void;
  /** Runs after the last row, to compare stated totals with the rows. */
  finish(): void;
}

export interface Layout {
  readonly id: LayoutId;
  readonly channel: Channel;
  readonly columns: ColumnSpecs;
  /** Fields whose columns identify the layout; detection scores the share found in a header. */
  readonly signature: readonly string[];
  /** Texts that appear above the header only in this layout; a match breaks ties. */
  readonly preambleHints?: readonly string[];
  /** Zone of the layout's wall-clock times when the file does not state one. */
  readonly timeZone?: string;
  createReader(context: LayoutContext): RowReader;
}

/**
 * Reads one data row into a line, or quarantines it. It checks first that the header has every
 * required column and that no value sits beyond the header's last column. `parse` returns the
 * draft, or null when it quarantined the row itself.
 */
export function readDataRow(
  row: SourceRow,
  context: LayoutContext,
  parse: (fields: RowFields) => LineDraft | null,
): void {
  const fields = new RowFields(row, context.header, context.when);
  try {
    const missing = context.header.missing[0];
    if (missing !== undefined) throw new RowProblem('required-column-missing', { column: missing });
    checkWidth(row, context.header);
    const draft = parse(fields);
    if (draft === null) return;
    checkIdLengths(draft, row, context.header);
    context.out.addLine(row, draft);
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    context.out.quarantine(row, error.disposition, error.code, error.params, fields.partial);
  }
}

// The maximum length of an id the API stores (StatementLineInput in the contract). A longer one
// is rejected here with its line, rather than failing the upload of its batch.
export const MAX_ID_LENGTH = 200;
const ID_FIELDS = ['channelTransactionId', 'merchantOrderNumber', 'channelRefundId', 'merchantRefundId', 'storeId'] as const;

function checkIdLengths(draft: LineDraft, row: SourceRow, header: HeaderMatch): void {
  for (const field of ID_FIELDS) {
    const id = draft[field];
    if (id === undefined || id.length <= MAX_ID_LENGTH) continue;
    // The draft has values, not columns, so the column is found as the cell that contains the id.
    const index = row.cells.findIndex((cell) => cellText(cell) === id);
    const column = index === -1 ? field : cellText(header.row.cells[index]);
    throw new RowProblem('id-too-long', { column, length: id.length, max: MAX_ID_LENGTH });
  }
}

// The header's width, worked out once per header rather than once per row.
const headerWidths = new WeakMap<HeaderMatch, number>();

function checkWidth(row: SourceRow, header: HeaderMatch): void {
  let width = headerWidths.get(header);
  if (width === undefined) {
    width = lastFilled(header.row.cells.map((cell) => cellText(cell))) + 1;
    headerWidths.set(header, width);
  }
  if (row.cells.length <= width) return;
  const filled = lastFilled(row.cells.map((cell) => cellText(cell))) + 1;
  if (filled > width) throw new RowProblem('extra-cells', { expected: width, actual: filled });
}

function lastFilled(texts: readonly string[]): number {
  for (let index = texts.length - 1; index >= 0; index -= 1) if (texts[index] !== '') return index;
  return -1;
}

/** Warns once per required column that the header lacks. */
export function warnMissingColumns(context: LayoutContext): void {
  for (const column of context.header.missing) {
    context.out.warn('header-column-missing', { column, line: context.header.row.line });
  }
}
