// Cell addresses and merged ranges. In a merged range only the top-left cell contains a value.
// Filling the others lets a header spanning columns, or a store name spanning rows, reach
// every cell it covers.

import type { Cell } from './types.js';

/** A rectangle of cells, 1-based and inclusive. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * `fill` copies the top-left value into the other cells of a merged range. Numbers are not
 * copied, because a copied amount would be counted twice. `keep` leaves the cells empty.
 */
export type MergedCellsMode = 'fill' | 'keep';

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnName(column: number): string {
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
}

/** Formats a cell reference with its sheet, quoted as Excel quotes it: `明细!D2`, `'Q1 sales'!B3`. */
export function sheetCellRef(sheet: string, row: number, column: number): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  const quoted = plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${columnName(column)}${row}`;
}

/** Parses `A1:C2` (or a single `B4`) to a range; undefined when it is no cell reference. */
export function parseCellRange(ref: string): CellRange | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (match === null) return undefined;
  const [, leftName = '', topText = '', rightName = leftName, bottomText = topText] = match;
  const left = columnNumber(leftName);
  const right = columnNumber(rightName);
  const top = Number(topText);
  const bottom = Number(bottomText);
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

function columnNumber(name: string): number {
  let number = 0;
  for (const char of name.toUpperCase()) number = number * 26 + (char.charCodeAt(0) - 64);
  return number;
}

/** Fills merged ranges row by row; rows must be given in increasing order. */
export class MergeFiller {
  private readonly pending: CellRange[];
  private active: { range: CellRange; value: Cell }[] = [];

  constructor(ranges: readonly CellRange[]) {
    this.pending = [...ranges].sort((a, b) => b.top - a.top);
  }

  /** Fills the cells (index 0 is column 1) of one row in place and returns them. */
  apply(row: number, cells: Cell[]): Cell[] {
    this.active = this.active.filter(({ range }) => range.bottom >= row);
    while (this.pending.length > 0 && this.pending[this.pending.length - 1]!.top <= row) {
      const range = this.pending.pop()!;
      if (range.bottom < row) continue;
      // A range whose top row never appeared has no value to copy.
      if (range.top === row) this.active.push({ range, value: cells[range.left - 1] ?? null });
    }

    for (const { range, value } of this.active) {
      if (!isFillable(value)) continue;
      for (let column = range.left; column <= range.right; column += 1) {
        if (row === range.top && column === range.left) continue;
        const current = cells[column - 1];
        if (current === undefined || current === null || current === '') {
          while (cells.length < column - 1) cells.push(null);
          cells[column - 1] = value;
        }
      }
    }
    return cells;
  }
}

function isFillable(value: Cell): boolean {
  if (value === null || value === '' || typeof value === 'number') return false;
  return typeof value !== 'object' || value.kind === 'excel-date';
}
