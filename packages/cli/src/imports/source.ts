import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { openTable, type Table, type TableFormat } from '../files/open-table.js';
import type { Cell, ReadIssue, SourceRow } from '../files/types.js';

export type SourceFormat = TableFormat | 'jsonl';

/** The input of an import: its header and an iterator of the rows after it. */
export interface ImportSource {
  format: SourceFormat;
  /** Encoding and delimiter of a CSV, as detected or given. */
  readonly encoding: string | undefined;
  delimiter: string | undefined;
  sheet: string | undefined;
  /** The sheets of a workbook, in workbook order; empty for CSV and JSON Lines. */
  sheets: readonly string[];
  /** The header cells; undefined for JSON Lines, whose records name their fields. */
  header: readonly Cell[] | undefined;
  headerLine: number;
  /** Non-empty rows above the header that were skipped as a title or preamble. */
  rowsAboveHeader?: number;
  rows: AsyncIterator<SourceRow>;
  /** The next row without consuming it, for showing a sample. */
  peek(): Promise<SourceRow | undefined>;
  /** Reading problems so far; the rows they concern are not in `rows`. */
  readonly issues: readonly ReadIssue[];
}

export interface SourceOptions {
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /** The physical line of the header; the first non-blank record when absent. */
  headerLine?: number;
  /**
   * Scores a row as a header (how many of its cells name a field). When given and `headerLine`
   * is not, a workbook's header is the best-scoring of its first rows, so a title row above the
   * header (`门店导入`) is skipped.
   */
  headerScore?: (cells: readonly Cell[]) => number;
}

/** Rows of a workbook searched for its header when the first row is not it. */
const HEADER_SEARCH_ROWS = 10;

const JSON_LINES = new Set(['.jsonl', '.ndjson']);

/** Open the input file and read up to its header row. */
export async function openSource(path: string, options: SourceOptions): Promise<ImportSource> {
  if (JSON_LINES.has(extname(path).toLowerCase())) return openJsonLines(path);

  const table: Table = await openTable(path, {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    ...(options.headerLine ? { isHeader: (_cells: readonly string[], line: number) => line >= options.headerLine! } : {}),
  });
  let rows = table.rows[Symbol.asyncIterator]();
  let header: SourceRow | undefined;
  let skipped = 0;
  if (options.headerLine === undefined && options.headerScore !== undefined && table.format !== 'csv') {
    ({ header, rows, skipped } = await findHeader(rows, options.headerScore));
  } else {
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      if (options.headerLine === undefined || next.value.line >= options.headerLine) {
        header = next.value;
        break;
      }
    }
  }
  const peekable = withPeek(rows);
  return {
    format: table.format,
    get encoding() {
      return table.encoding;
    },
    delimiter: table.delimiter,
    sheet: table.sheet,
    sheets: table.sheets,
    header: header?.cells ?? [],
    headerLine: header?.line ?? 1,
    rowsAboveHeader: skipped,
    rows: peekable.rows,
    peek: peekable.peek,
    get issues() {
      return table.issues;
    },
  };
}

/** JSON Lines: one JSON object per line, its fields named as in the API. */
function openJsonLines(path: string): ImportSource {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  // readline drops the lines it reads before an iterator is attached, so attach one now.
  const iterator = lines[Symbol.asyncIterator]();
  const issues: ReadIssue[] = [];
  async function* read(): AsyncGenerator<SourceRow> {
    let line = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const text = next.value;
      line += 1;
      if (text.trim() === '') continue;
      yield { line, cells: [text.replace(/^\uFEFF/, '')] };
    }
  }
  const peekable = withPeek(read());
  return { format: 'jsonl', encoding: 'utf-8', delimiter: undefined, sheet: undefined, sheets: [], header: undefined, headerLine: 0, ...peekable, issues };
}

/**
 * Reads a workbook's first rows and takes the best-scoring one as the header, the first of
 * equals. A later row must name at least two fields to win over the first row. Returns the rows
 * after the header, those already read first.
 */
async function findHeader(
  source: AsyncIterator<SourceRow>,
  score: (cells: readonly Cell[]) => number,
): Promise<{ header: SourceRow | undefined; rows: AsyncIterator<SourceRow>; skipped: number }> {
  const leading: SourceRow[] = [];
  let finished = false;
  while (leading.length < HEADER_SEARCH_ROWS) {
    const next = await source.next();
    if (next.done) {
      finished = true;
      break;
    }
    leading.push(next.value);
  }

  let best = 0;
  let bestScore = leading.length > 0 ? score(leading[0]!.cells) : 0;
  for (let index = 1; index < leading.length; index += 1) {
    const candidate = score(leading[index]!.cells);
    if (candidate > bestScore && candidate >= 2) {
      best = index;
      bestScore = candidate;
    }
  }

  const rest = leading.slice(best + 1);
  async function* remaining(): AsyncGenerator<SourceRow> {
    yield* rest;
    if (finished) return;
    for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
  }
  return { header: leading[best], rows: remaining(), skipped: best };
}

/** Wrap an iterator so that its next row can be looked at before it is read. */
function withPeek(source: AsyncIterator<SourceRow>): { rows: AsyncIterator<SourceRow>; peek(): Promise<SourceRow | undefined> } {
  let held: IteratorResult<SourceRow> | undefined;
  return {
    rows: {
      next: async () => {
        if (held) {
          const value = held;
          held = undefined;
          return value;
        }
        return source.next();
      },
    },
    peek: async () => {
      held ??= await source.next();
      return held.done ? undefined : held.value;
    },
  };
}

/** Compute the file's SHA-256 and count its line breaks in one pass over the bytes. */
export async function fingerprintFile(path: string): Promise<{ sha256: string; lineBreaks: number }> {
  const hash = createHash('sha256');
  let lineBreaks = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) lineBreaks += 1;
  }
  return { sha256: hash.digest('hex'), lineBreaks };
}
