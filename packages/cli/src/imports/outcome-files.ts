import { basename, dirname, extname, join } from 'node:path';
import { describeCell } from '../files/text.js';
import type { Cell } from '../files/types.js';
import type { Language } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import { openCsvWriter, openXlsxWriter, type OutputValue, type TableWriter } from '../tables/table-writer.js';
import type { SourceFormat } from './source.js';

export type LineOutcome = 'created' | 'updated' | 'unchanged' | 'rejected' | 'not_processed' | 'skipped';

/** The paths of the files an import leaves beside its input. */
export interface OutcomePaths {
  errors: string;
  results: string;
}

/** `stores.csv` → `stores.errors.csv` and `stores.results.csv` in the same folder. */
export function outcomePaths(input: string, format: SourceFormat): OutcomePaths {
  const folder = dirname(input);
  const stem = basename(input, extname(input));
  let errorExtension = '.csv';
  if (format === 'xlsx' || format === 'xls') errorExtension = '.xlsx';
  else if (format === 'jsonl') errorExtension = '.jsonl.csv';
  return { errors: join(folder, `${stem}.errors${errorExtension}`), results: join(folder, `${stem}.results.csv`) };
}

export interface ErrorFileOptions {
  format: SourceFormat;
  encoding: string | undefined;
  delimiter: string | undefined;
  sheet: string | undefined;
  header: readonly Cell[];
  language: Language;
}

/**
 * The rejected rows in the input's own format (CSV in the same encoding and delimiter, XLSX for
 * workbooks): the original columns and a last column with the reasons. Opened on first use, so
 * an import without rejected rows leaves no error file.
 */
export class ErrorFile {
  private writer: TableWriter | undefined;
  rows = 0;

  constructor(
    readonly path: string,
    private readonly options: ErrorFileOptions,
  ) {}

  async write(cells: readonly Cell[], reason: string): Promise<void> {
    if (!this.writer) {
      this.writer = await this.open();
      await this.writer.writeRow([...this.options.header.map(outputValue), t(this.options.language, 'import.reason_header')]);
    }
    const width = Math.max(this.options.header.length, cells.length);
    const values: OutputValue[] = [];
    for (let index = 0; index < width; index += 1) values.push(outputValue(cells[index] ?? null));
    await this.writer.writeRow([...values, reason]);
    this.rows += 1;
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }

  private async open(): Promise<TableWriter> {
    if (this.options.format === 'xlsx' || this.options.format === 'xls') return openXlsxWriter(this.path, { sheetName: this.options.sheet });
    return openCsvWriter(this.path, { encoding: this.options.encoding ?? 'utf-8', delimiter: this.options.delimiter ?? ',' });
  }
}

/** Cells written back as they were read: text as text, numbers as numbers, dates as their text. */
function outputValue(cell: Cell): OutputValue {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') return cell;
  return describeCell(cell);
}

/** Every row's outcome: line, key, outcome and details, as UTF-8 CSV with a BOM. */
export class ResultFile {
  private readonly writer: TableWriter;
  private started = false;

  constructor(
    readonly path: string,
    private readonly language: Language,
  ) {
    this.writer = openCsvWriter(path, { guardFormulas: true });
  }

  async write(line: number, key: string | null, outcome: LineOutcome, details: string): Promise<void> {
    await this.writeHeader();
    await this.writer.writeRow([line, key, t(this.language, `import.outcome.${outcome}`), details]);
  }

  async close(): Promise<void> {
    await this.writeHeader();
    await this.writer.close();
  }

  private async writeHeader(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const header = ['import.results.line', 'import.results.key', 'import.results.outcome', 'import.results.details'].map((key) => t(this.language, key));
    await this.writer.writeRow(header);
  }
}
