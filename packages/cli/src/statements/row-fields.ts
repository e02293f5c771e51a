// Typed access to the cells of one data row by field name. A value that cannot be read raises
// a RowProblem, which the layout driver turns into a quarantined row. Values read before the
// problem are kept in `partial` for the reviewer.

import type { Cell, SourceRow } from '../files/types.js';
import type { DateFormat } from './datetime.js';
import type { HeaderMatch } from './header.js';
import type { MessageCode } from './messages.js';
import { isEmptyAmount, parseFen, parseMilliFen, type AmountResult } from './money.js';
import { cellText, optionalText } from './text.js';
import type { PartialLine, QuarantinedRow } from './types.js';
import { resolveWhen, type When, type WhenContext } from './when.js';

type Params = Readonly<Record<string, string | number>>;

export class RowProblem extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Params,
    readonly disposition: QuarantinedRow['disposition'] = 'rejected',
  ) {
    super(code);
  }
}

type MutablePartial = { -readonly [K in keyof PartialLine]: PartialLine[K] };

export class RowFields {
  readonly partial: MutablePartial = {};

  constructor(
    readonly row: SourceRow,
    private readonly header: HeaderMatch,
    private readonly context: WhenContext,
  ) {}

  /** Returns true when the header has a column for the field. */
  has(field: string): boolean {
    return this.header.columns.has(field);
  }

  /** Returns the field's cell, or undefined when the header has no such column or the row is short. */
  cell(field: string): Cell | undefined {
    const index = this.header.columns.get(field);
    return index === undefined ? undefined : this.row.cells[index];
  }

  /** Returns the column's name as the file spells it, for messages. */
  columnName(field: string): string {
    const index = this.header.columns.get(field);
    return index === undefined ? field : cellText(this.header.row.cells[index]);
  }

  /** Returns trimmed text, or undefined when empty or a placeholder (`/`, `-`). */
  text(field: string): string | undefined {
    return optionalText(this.cell(field));
  }

  /** Returns text that must be present. */
  requiredText(field: string): string {
    const text = this.text(field);
    if (text === undefined) throw this.missing(field, 'value-missing');
    return text;
  }

  /**
   * Returns the problem of a required value that is absent. A row that ends before the field's
   * column was cut short (a truncated file, or a line break inside a field), so that is named
   * rather than an empty cell.
   */
  private missing(field: string, code: MessageCode): RowProblem {
    const index = this.header.columns.get(field);
    if (index !== undefined && index >= this.row.cells.length) {
      const headerTexts = this.header.row.cells.map((cell) => cellText(cell));
      const width = headerTexts.findLastIndex((text) => text !== '') + 1;
      return new RowProblem('row-short', { column: this.columnName(field), actual: this.row.cells.length, expected: width });
    }
    return new RowProblem(code, { column: this.columnName(field) });
  }

  /** Reads integer fen. An empty cell gives `whenEmpty`, or a problem when that is undefined. */
  fen(field: string, whenEmpty?: number): number {
    return this.amount(field, parseFen, whenEmpty);
  }

  /** Reads integer thousandths of a fen, for fees. An empty cell is handled as in `fen`. */
  milliFen(field: string, whenEmpty?: number): number {
    return this.amount(field, parseMilliFen, whenEmpty);
  }

  /** Reads fen from a text that a layout has already cut out of a cell. */
  fenFromText(field: string, text: string): number {
    const result = parseFen(text);
    if (!result.ok) throw new RowProblem(result.code, { column: this.columnName(field), value: text });
    return result.value;
  }

  /** Reads the row's instant and business date from a date cell and an optional time cell. */
  when(dateField: string, timeField: string | undefined, formats: readonly DateFormat[], timeFormats: readonly DateFormat[]): When {
    const result = resolveWhen(
      this.cell(dateField),
      timeField === undefined ? undefined : this.cell(timeField),
      formats,
      timeFormats,
      this.context,
    );
    if (!result.ok) {
      if (this.cell(dateField) === undefined) throw this.missing(dateField, result.code);
      const column = this.columnName(result.code === 'time-invalid' && timeField !== undefined ? timeField : dateField);
      throw new RowProblem(result.code, { column, value: result.text });
    }
    this.partial.occurredAt = result.occurredAt;
    this.partial.businessDate = result.businessDate;
    return { occurredAt: result.occurredAt, businessDate: result.businessDate };
  }

  private amount(field: string, parse: (cell: Cell | undefined) => AmountResult, whenEmpty: number | undefined): number {
    const cell = this.cell(field);
    if (isEmptyAmount(cell)) {
      if (whenEmpty !== undefined) return whenEmpty;
      throw this.missing(field, 'amount-missing');
    }
    const result = parse(cell);
    if (!result.ok) throw new RowProblem(result.code, { column: this.columnName(field), value: cellText(cell) });
    if (result.currency !== undefined && result.currency !== 'CNY') {
      this.partial.currency = result.currency;
      throw new RowProblem('foreign-currency', { currency: result.currency }, 'flagged');
    }
    return result.value;
  }
}
