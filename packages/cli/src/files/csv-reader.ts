// Streaming CSV reader: decodes, detects the delimiter, parses with csv-parse and gives each
// record the physical line it starts on. Rows whose field count differs from the header are
// reported and skipped, and reading goes on.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { parse, type CsvError, type Options } from 'csv-parse';

import { checkDelimiter, detectDelimiter, type Delimiter } from './delimiter.js';
import { StreamingDecoder, type DecoderOptions } from './encoding.js';
import type { ReadIssue, SourceRow } from './types.js';

export interface CsvReadOptions extends DecoderOptions {
  /** `,` `;` TAB or `|`; detected from the first 64 Ki characters when not given. */
  readonly delimiter?: string;
  /**
   * Recognises the header record, which sets the expected field count. Records before it
   * (the preamble of payment bills) are passed on unchecked. The default takes the first
   * record that is not blank.
   */
  readonly isHeader?: (cells: readonly string[], line: number) => boolean;
  /** Characters one record may have before reading stops; guards against an unclosed quote. */
  readonly maxRecordChars?: number;
}

/** A CSV being read. `rows` can be iterated once; `issues` grows while it is. */
export interface CsvTable {
  readonly delimiter: Delimiter;
  /** The encoding, settled at the first non-ASCII byte; `utf-8` for an ASCII-only file once read. */
  readonly encoding: string | undefined;
  /** Physical line of the header record, once it has been read. */
  readonly headerLine: number | undefined;
  /** Problems found so far. Line 0 means the whole file. */
  readonly issues: readonly ReadIssue[];
  readonly rows: AsyncIterable<SourceRow>;
}

const SAMPLE_CHARS = 64 * 1024;
const DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;

/**
 * Opens a CSV byte stream (for example `fs.createReadStream(path)`): reads a sample to choose
 * the delimiter, then returns the table whose rows are parsed as they are iterated.
 */
export async function openCsv(source: AsyncIterable<Uint8Array>, options: CsvReadOptions = {}): Promise<CsvTable> {
  const decoder = new StreamingDecoder(options);
  const delimiter = options.delimiter === undefined ? undefined : checkDelimiter(options.delimiter);
  const iterator = source[Symbol.asyncIterator]();

  let sample = '';
  let sourceDone = false;
  while (sample.length < SAMPLE_CHARS) {
    const next = await iterator.next();
    if (next.done === true) {
      sample += decoder.end();
      sourceDone = true;
      break;
    }
    sample += decoder.write(next.value);
  }

  // `stop` is polled between chunks, so that a fatal parse error ends the reading of the file.
  const textChunks = async function* (stop: () => boolean): AsyncGenerator<string> {
    try {
      if (sample !== '') yield sample;
      while (!sourceDone && !stop()) {
        const next = await iterator.next();
        if (next.done === true) {
          sourceDone = true;
          const rest = decoder.end();
          if (rest !== '') yield rest;
        } else {
          const text = decoder.write(next.value);
          if (text !== '') yield text;
        }
      }
    } finally {
      if (!sourceDone) await iterator.return?.();
    }
  };

  return new CsvTableReader(
    textChunks,
    decoder,
    delimiter ?? detectDelimiter(sample, sourceDone),
    options.isHeader ?? (() => true),
    options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
  );
}

class CsvTableReader implements CsvTable {
  readonly issues: ReadIssue[] = [];
  private header: readonly string[] | undefined;
  private headerAt: number | undefined;
  private namedWidth = 0;
  private nextLine = 1;
  // csv-parse counts a CRLF inside quotes as two lines; `drift` is how far its count is ahead.
  private drift = 0;
  private stopped = false;
  private started = false;

  constructor(
    private readonly textChunks: (stop: () => boolean) => AsyncGenerator<string>,
    private readonly decoder: StreamingDecoder,
    readonly delimiter: Delimiter,
    private readonly isHeader: (cells: readonly string[], line: number) => boolean,
    private readonly maxRecordChars: number,
  ) {}

  get encoding(): string | undefined {
    return this.decoder.encoding;
  }

  get headerLine(): number | undefined {
    return this.headerAt;
  }

  get rows(): AsyncIterable<SourceRow> {
    return { [Symbol.asyncIterator]: () => this.read() };
  }

  private async *read(): AsyncGenerator<SourceRow> {
    if (this.started) throw new Error('The rows of a CSV table can be read only once.');
    this.started = true;

    const options: Options<SourceRow, string[]> = {
      delimiter: this.delimiter,
      // Without this list, csv-parse takes the first line end for the whole file. A file joined
      // or edited with other line ends would then have rows merged into one field.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
      // Payment exports pad fields with spaces and put a TAB after a closing quote.
      ltrim: true,
      rtrim: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      max_record_size: this.maxRecordChars,
      on_record: (record: string[], context) => this.onRecord(record, context.lines),
      on_skip: (error) => this.onSkip(error),
    };
    // The typings of parse() take only string[] records, but on_record may return any value.
    const parser = parse(options as unknown as Options);
    const parsing = pipeline(Readable.from(this.textChunks(() => this.stopped)), parser);
    const settled = parsing.then(
      () => undefined,
      () => undefined,
    );

    try {
      for await (const row of parser) yield row as SourceRow;
      await parsing;
    } finally {
      // Stopping early destroys the parser; waiting for the pipeline closes the source too.
      parser.destroy();
      await settled;
      this.reportDecoding();
    }
  }

  private onRecord(record: string[], parserLines: number): SourceRow | null {
    if (this.stopped) return null;
    const line = this.nextLine;
    const lastLine = line + lineBreaksInside(record);
    this.drift = parserLines - lastLine;
    this.nextLine = lastLine + 1;

    if (record.every((field) => field.trim() === '')) return null;
    if (this.header === undefined) {
      if (this.isHeader(record, line)) this.setHeader(record, line);
      return { line, cells: record };
    }

    const cells = this.fitToHeader(record, this.header.length);
    if (cells === undefined) {
      const params = { line, expected: this.header.length, actual: record.length };
      this.issues.push({ line, code: 'csv_field_count', params });
      return null;
    }
    return { line, cells };
  }

  private setHeader(record: readonly string[], line: number): void {
    this.header = record;
    this.headerAt = line;
    let named = record.length;
    while (named > 0 && record[named - 1] === '') named -= 1;
    this.namedWidth = named;
  }

  /** Cuts empty fields past the header's end and pads under unnamed last columns. */
  private fitToHeader(record: string[], width: number): string[] | undefined {
    if (record.length === width) return record;
    if (record.length > width && record.slice(width).every((field) => field === '')) return record.slice(0, width);
    if (record.length < width && record.length >= this.namedWidth) {
      return [...record, ...new Array<string>(width - record.length).fill('')];
    }
    return undefined;
  }

  private onSkip(error: CsvError | undefined): undefined {
    if (error === undefined || this.stopped) return undefined;
    const line = this.nextLine;
    const parserLines = typeof error.lines === 'number' ? error.lines : line;
    this.nextLine = Math.max(line + 1, parserLines - this.drift + 1);

    switch (error.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        this.issues.push({ line, code: 'csv_unclosed_quote', params: { line } });
        this.stopped = true;
        break;
      case 'CSV_MAX_RECORD_SIZE':
        this.issues.push({ line, code: 'csv_record_too_large', params: { line, maxChars: this.maxRecordChars } });
        this.stopped = true;
        break;
      // csv-parse 7.0 cannot resume after this error: it drops the rest of its input.
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        this.issues.push({ line, code: 'csv_invalid_quote', params: { line } });
        this.stopped = true;
        break;
      default:
        this.issues.push({ line, code: 'csv_parse_error', params: { line, reason: error.message } });
    }
    return undefined;
  }

  private reportDecoding(): void {
    const encoding = this.decoder.encoding ?? 'utf-8';
    if (this.decoder.invalidBytes) this.issues.push({ line: 0, code: 'encoding_invalid_bytes', params: { encoding } });
    if (this.decoder.bomConflict) {
      this.issues.push({ line: 0, code: 'encoding_bom_mismatch', params: { encoding, bom: this.decoder.bom ?? '' } });
    }
  }
}

/** Counts the physical line breaks inside quoted fields; CRLF counts once. */
function lineBreaksInside(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    for (let index = 0; index < field.length; index += 1) {
      const char = field[index];
      if (char === '\n') breaks += 1;
      else if (char === '\r' && field[index + 1] !== '\n') breaks += 1;
    }
  }
  return breaks;
}
