// Finds a statement's header row by column names and maps fields to column positions, so a
// layout is recognised by its header wherever the header sits and whatever the column order.

import type { SourceRow } from '../files/types.js';
import { cellText, normalizeHeader } from './text.js';

/** Header names a field may have; the first one is the name used in messages. */
export interface ColumnSpec {
  readonly aliases: readonly string[];
  /** A row without this column cannot become a line. */
  readonly required?: boolean;
}

export type ColumnSpecs = Readonly<Record<string, ColumnSpec>>;

export interface HeaderMatch {
  readonly row: SourceRow;
  /** Field → 0-based column index, for the fields found. */
  readonly columns: ReadonlyMap<string, number>;
  /** Required columns that are missing, by their first alias. */
  readonly missing: readonly string[];
  /** Number of header cells that are not empty. */
  readonly width: number;
}

/** Maps fields to columns in one candidate header row. */
export function matchHeader(row: SourceRow, specs: ColumnSpecs): HeaderMatch {
  const positions = new Map<string, number>();
  row.cells.forEach((cell, index) => {
    const name = normalizeHeader(cellText(cell));
    if (name !== '' && !positions.has(name)) positions.set(name, index);
  });

  const columns = new Map<string, number>();
  const missing: string[] = [];
  for (const [field, spec] of Object.entries(specs)) {
    const index = spec.aliases.map((alias) => positions.get(normalizeHeader(alias))).find((i) => i !== undefined);
    if (index !== undefined) columns.set(field, index);
    else if (spec.required === true) missing.push(spec.aliases[0] ?? field);
  }
  return { row, columns, missing, width: positions.size };
}

/**
 * Scores how well a row matches a layout's signature fields: the share of them present.
 * Returns 0 when fewer than three are present, so a stray word never identifies a layout.
 */
export function scoreHeader(match: HeaderMatch, signature: readonly string[]): number {
  const found = signature.filter((field) => match.columns.has(field)).length;
  if (found < Math.min(3, signature.length)) return 0;
  return found / signature.length;
}

/** Returns the best-scoring header row among `rows`, or null when none scores. */
export function findHeader(
  rows: readonly SourceRow[],
  specs: ColumnSpecs,
  signature: readonly string[],
): { readonly match: HeaderMatch; readonly score: number } | null {
  let best: { match: HeaderMatch; score: number } | null = null;
  for (const row of rows) {
    const match = matchHeader(row, specs);
    const score = scoreHeader(match, signature);
    if (score > 0 && (best === null || score > best.score)) best = { match, score };
  }
  return best;
}
