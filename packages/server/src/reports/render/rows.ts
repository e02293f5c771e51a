// Reads a section's rows, checked and in column order, from an array, an iterable or an async
// iterable such as a database cursor.

import type { ReportColumn, ReportRow, ReportSection, RowSource } from './document.js';
import { type NormalizedCell, normalizeCell } from './values/cell-value.js';

// Generator objects (and other sources whose iterator is the source itself) can be read once.
// Remembering them turns a second read, which would yield nothing, into an error.
const consumedOneShotSources = new WeakSet<object>();

/** Yield each row of `section` as cells in column order, raising ReportValueError on a bad cell. */
export async function* readSectionRows(section: ReportSection): AsyncGenerator<NormalizedCell[]> {
  let rowNumber = 0;
  for await (const row of iterateSource(section.rows, section.key)) {
    rowNumber += 1;
    yield normalizeRow(section.columns, row, `section ${section.key}, row ${rowNumber}`);
  }
}

/** Check a row (or the totals, where absent columns are empty) and return its cells in column order. */
export function normalizeRow(
  columns: readonly ReportColumn[],
  row: ReportRow,
  location: string,
  absentIsEmpty = false,
): NormalizedCell[] {
  return columns.map((column) => {
    const value = absentIsEmpty ? (row[column.key] ?? null) : row[column.key];
    return normalizeCell(column, value, `${location}, column ${column.key}`);
  });
}

function iterateSource(source: RowSource, sectionKey: string): AsyncIterable<ReportRow> | Iterable<ReportRow> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<ReportRow>)[Symbol.asyncIterator]()
      : (source as Iterable<ReportRow>)[Symbol.iterator]();

  if ((iterator as object) === (source as object)) {
    if (consumedOneShotSources.has(source)) {
      throw new Error(
        `The rows of section ${sectionKey} were already read by another writer, and a generator can be ` +
          'read only once. Pass an array, or an object whose iterator method starts a new read.',
      );
    }
    consumedOneShotSources.add(source);
  }

  // Wrap the iterator that was just created, so the source is not asked for a second one.
  return { [Symbol.asyncIterator]: () => toAsyncIterator(iterator) };
}

function toAsyncIterator(
  iterator: Iterator<ReportRow> | AsyncIterator<ReportRow>,
): AsyncIterator<ReportRow> {
  return {
    next: async () => iterator.next(),
    return: async () => (iterator.return ? iterator.return() : { done: true, value: undefined }),
  };
}
