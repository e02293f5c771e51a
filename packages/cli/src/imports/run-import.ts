import { existsSync, readdirSync, type WriteStream } from 'node:fs';
import { createOutputStream } from '../files/output-stream.js';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { stat } from 'node:fs/promises';
import { BohApiError, type components } from '@boh/sdk';
import type { DateOrder } from '../files/date.js';
import type { Cell } from '../files/types.js';
import { formatReadIssue, type Locale } from '../files/messages.js';
import type { Context } from '../runtime/context.js';
import type { Language } from '../i18n/index.js';
import { ExitError, SilentExit, UsageError } from '../runtime/errors.js';
import { ExitCode } from '../runtime/exit-codes.js';
import { toJson } from '../output/format.js';
import { loadTemplate, templatesDir } from '../resources/templates.js';
import { resourceLayout, type ResourceLayout } from './field-spec.js';
import { bindHeaders, headerText, normaliseHeader, type HeaderBinding } from './header.js';
import { askForMapping } from './interactive-mapping.js';
import { issueText, locatedText } from './issue-text.js';
import { RejectedOrders } from './rejected-orders.js';
import { loadProfile, profileSources, type MappingProfile } from './mapping-profile.js';
import { ErrorFile, outcomePaths, ResultFile, type LineOutcome } from './outcome-files.js';
import { Progress } from './progress.js';
import { isRefundRecord } from './refund-rows.js';
import { fieldsFromJson, lineOfField, RecordAssembler, type PendingRecord } from './records.js';
import { importableResource } from './resources.js';
import { builderFromHeaders, builderFromProfile, loadLookup, type RowBuilder } from './row-builder.js';
import { fingerprintFile, openSource, type ImportSource, type SourceFormat } from './source.js';

type Job = components['schemas']['ImportJob'];
type BatchResult = components['schemas']['ImportBatchResult'];
type RowError = { field?: string | null; column?: string | null; code: string; message: string; value?: unknown };

export interface ImportCommandOptions {
  mode?: 'insert' | 'upsert' | 'update';
  matchOn?: string;
  dryRun?: boolean;
  mapping?: string;
  /** A mapping profile shipped in `templates/imports/`, by name: `maven-pizza-sales-orders`. */
  template?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  dateOrder?: DateOrder;
  timeZone?: string;
  maxErrors?: string;
  batchSize?: string;
  resume?: boolean;
  canonical?: string;
  /** False with --no-files. */
  files?: boolean;
  /** Called with the fields of each record that passed the local checks, before it is sent. */
  onRecord?: (fields: Record<string, unknown>) => void;
}

const DEFAULT_BATCH_SIZE = 1000;
const SAMPLE_CHANGES = 10;
/**
 * Reading issues whose row is still among the rows read. A cell showing an Excel error such
 * as #N/A reads as that text, and the row's fields decide whether the row is rejected.
 */
const ROW_KEPT_ISSUES = new Set(['sheet_error_cell']);

/** One entry of a batch: a record to send, or a row rejected before sending. */
type Entry = { record: PendingRecord; errors?: RowError[] } | { unreadable: { line: number; message: string; code: string } };

/** The outcome of an import, as `runImport` returns it and `boh import --json` prints it under `summary`. */
export interface ImportSummary {
  /** The server's import job; null for `--canonical`, which sends nothing. */
  job_id: string | null;
  resource: string;
  file: string;
  status: Job['status'] | null;
  dry_run: boolean;
  /** Data rows read from the file, skipped rows included. */
  rows: number;
  /** Records sent or rejected: one per row, or one per order or menu item for layouts with lines. */
  records: number;
  /** Records created, updated or left unchanged. */
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows left out by the profile's filter. */
  skipped: number;
  /** Rows not sent because `--max-errors` stopped the job. */
  not_processed: number;
  files: { errors: string | null; results: string } | null;
}

/**
 * Import a file: read and map its rows, send them in numbered batches to an import job, and
 * write the error and result files beside it. Returns the job's summary; rejected rows are in
 * its counts and files, not thrown. Other commands call this; `boh import` is `importFile`.
 */
export async function runImport(context: Context, request: ImportCommandOptions & { resource: string; file: string }): Promise<ImportSummary> {
  const run = await prepareRun(context, request.resource, request.file, request);
  await run.execute();
  return run.summary();
}

/** Run `boh import`: the import, then its report. Exit code 6 when any row was rejected. */
export async function importFile(context: Context, resourceName: string, file: string, options: ImportCommandOptions): Promise<void> {
  const run = await prepareRun(context, resourceName, file, options);
  await run.execute();
  run.report();
}

async function prepareRun(context: Context, resourceName: string, file: string, options: ImportCommandOptions): Promise<ImportRun> {
  const template = loadTemplate(importableResource(resourceName));
  const layout = resourceLayout(template, template.create_schema);
  if (options.mapping && options.template) throw new UsageError('import.error.mapping_and_template');
  const profilePath = options.template ? importProfilePath(options.template) : options.mapping;
  const profile = profilePath ? loadProfile(profilePath, context.language) : undefined;
  if (profile && profile.resource !== template.resource) {
    throw new UsageError('import.error.profile_resource', { file: profilePath, profile: profile.resource, resource: template.resource });
  }
  const batchSize = positiveInteger(options.batchSize, DEFAULT_BATCH_SIZE, 10_000, 'import.error.batch_size');
  const maxErrors = options.maxErrors === undefined ? undefined : positiveInteger(options.maxErrors, 1, Number.MAX_SAFE_INTEGER, 'import.error.max_errors');
  if (options.resume && options.dryRun) throw new UsageError('import.error.resume_dry_run');
  const matchOn = (options.matchOn ?? '').split(',').map((field) => field.trim()).filter(Boolean);

  const source = await openSource(file, {
    encoding: options.encoding ?? profile?.read?.encoding,
    delimiter: options.delimiter ?? profile?.read?.delimiter,
    sheet: options.sheet ?? profile?.read?.sheet,
    headerLine: profile?.read?.header_line,
    ...(profile === undefined ? { headerScore: (cells: readonly Cell[]) => bindHeaders(layout, cells).columns.length } : {}),
  });
  rejectOptionsOfOtherFormats(source, file, options);
  await rejectSourceWithoutRows(source, file);
  if ((source.rowsAboveHeader ?? 0) > 0) {
    context.info(context.t('import.info.header_found', { line: source.headerLine, count: source.rowsAboveHeader }));
  }
  const unknownColumns: string[] = [];
  const builder = await chooseBuilder(context, layout, source, profile, file, options, matchOn, unknownColumns);

  const filter = await compileFilter(profile, source, dirname(file));
  return new ImportRun(context, layout, source, builder, file, { ...options, batchSize, maxErrors, matchOn, profile, filter, unknownColumns });
}

/** The options that only one kind of file reads, and the formats that read each. */
const FORMAT_OPTIONS: readonly { option: '--sheet' | '--encoding' | '--delimiter'; name: 'sheet' | 'encoding' | 'delimiter'; formats: readonly SourceFormat[] }[] = [
  { option: '--sheet', name: 'sheet', formats: ['xlsx', 'xls'] },
  { option: '--encoding', name: 'encoding', formats: ['csv'] },
  { option: '--delimiter', name: 'delimiter', formats: ['csv'] },
];

const FORMAT_NAMES: Record<SourceFormat, string> = { csv: 'CSV', xlsx: 'XLSX', xls: 'XLS', jsonl: 'JSON Lines' };

/**
 * Reject `--sheet` for a CSV and `--encoding` or `--delimiter` for a workbook, which the reader
 * would otherwise ignore. The same settings in a mapping profile are left alone, because one
 * profile may serve a chain's CSV and XLSX exports alike.
 */
function rejectOptionsOfOtherFormats(source: ImportSource, file: string, options: ImportCommandOptions): void {
  for (const { option, name, formats } of FORMAT_OPTIONS) {
    if (options[name] === undefined || formats.includes(source.format)) continue;
    throw new UsageError('import.error.option_not_for_format', {
      option,
      file,
      format: FORMAT_NAMES[source.format],
      formats: formats.map((format) => FORMAT_NAMES[format]).join('/'),
    });
  }
}

/**
 * Reject a file whose header has no rows under it, before a job is created, so that an export
 * cut off after its header does not pass as an import of nothing. A file whose only rows could
 * not be read still goes on, so that the error file lists them.
 */
async function rejectSourceWithoutRows(source: ImportSource, file: string): Promise<void> {
  if ((await source.peek()) !== undefined || source.issues.some((issue) => issue.line > 0)) return;
  // A file without even a header is reported when its columns are bound.
  if (source.format !== 'jsonl' && (source.header ?? []).every((cell) => headerText(cell) === '')) return;
  if (source.format === 'jsonl') throw new UsageError('import.error.no_records', { file });
  if (source.format === 'csv') throw new UsageError('import.error.no_rows', { file, line: source.headerLine });
  const others = source.sheets.filter((sheet) => sheet !== source.sheet);
  const key = others.length > 0 ? 'import.error.no_rows_sheet_others' : 'import.error.no_rows_sheet';
  throw new UsageError(key, { file, line: source.headerLine, sheet: source.sheet ?? '', sheets: others.join(', ') });
}

function positiveInteger(text: string | undefined, fallback: number, max: number, key: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(key);
  return value;
}

/** Bind the file's columns: by the mapping profile, by header names, or by asking at a terminal. */
async function chooseBuilder(
  context: Context,
  layout: ResourceLayout,
  source: ImportSource,
  profile: MappingProfile | undefined,
  file: string,
  options: ImportCommandOptions,
  matchOn: string[],
  unknownColumns: string[],
): Promise<RowBuilder | undefined> {
  if (source.format === 'jsonl') return undefined;
  const settings = { dateOrder: options.dateOrder, timeZone: options.timeZone, inputFolder: dirname(file) };
  if (profile) {
    unknownColumns.push(...unusedColumns(profile, source.header ?? []));
    if (unknownColumns.length > 0) context.info(context.t('import.warn.unknown_columns', { headers: unknownColumns.join(', ') }));
    return builderFromProfile(layout, profile, source.header ?? [], settings);
  }

  const binding = bindHeaders(layout, source.header ?? []);
  const missing = missingFields(layout, binding, options.mode ?? 'upsert', matchOn);
  if ((missing.length > 0 || binding.unknown.length > 0) && context.interactive && !options.canonical) {
    const asked = await askForMapping(context, layout, source, binding, file);
    if (asked) return builderFromProfile(layout, asked, source.header ?? [], settings);
  }
  if (missing.length > 0) {
    if ((source.header ?? []).every((cell) => headerText(cell) === '')) {
      throw new UsageError('import.error.no_header', { file, resource: layout.resource });
    }
    const separator = context.language === 'zh-CN' ? '、' : ', ';
    // Headers repeat when a merged title cell is filled across the row; each is listed once.
    const unknownHeaders = [...new Set(binding.unknown.map((u) => u.header))];
    const unknown = unknownHeaders.length > 0 ? context.t('import.error.missing_columns_unknown', { headers: unknownHeaders.join(separator) }) : '';
    const fields = missing.map((field) => fieldLabel(layout, field, context.language)).join(separator);
    throw new UsageError('import.error.missing_columns', { fields, resource: layout.resource, unknown });
  }
  unknownColumns.push(...binding.unknown.map((unknown) => unknown.header), ...binding.duplicates.map((duplicate) => duplicate.header));
  if (unknownColumns.length > 0) context.info(context.t('import.warn.unknown_columns', { headers: unknownColumns.join(', ') }));
  return builderFromHeaders(binding, settings);
}

/**
 * Joins the reasons of one row into one cell. Each reason but the last loses its own full stop,
 * so that `…again.; Line 3` reads `…again; Line 3` (and `…导入。; 第 3 行` reads `…导入；第 3 行`).
 */
function joinReasons(reasons: readonly string[], language: Language): string {
  const separator = language === 'zh-CN' ? '；' : '; ';
  return reasons.map((reason, index) => (index < reasons.length - 1 ? reason.replace(/[.。]\s*$/, '') : reason)).join(separator);
}

/** Return the template header of a field in the user's language, the header the file should carry. */
function fieldLabel(layout: ResourceLayout, field: string, language: Language): string {
  return layout.fields.find((spec) => spec.field === field)?.label[language] ?? field;
}

/** Headers that a profile neither reads, filters on nor lists under `ignore`. */
function unusedColumns(profile: MappingProfile, header: readonly unknown[]): string[] {
  const used = new Set<string>([...(profile.ignore ?? []), ...(profile.filter ?? []).map((rule) => rule.column)].map(normaliseHeader));
  for (const source of profileSources(profile).values()) {
    for (const column of [source.column, ...(source.columns ?? [])]) if (column) used.add(normaliseHeader(column));
  }
  return header.map((cell) => headerText(cell as Cell)).filter((text) => text !== '' && !used.has(normaliseHeader(text)));
}

/** Fields the rows cannot do without: the key (or match fields), and the required fields unless only updating. */
function missingFields(layout: ResourceLayout, binding: HeaderBinding, mode: string, matchOn: string[]): string[] {
  const bound = new Set(binding.columns.filter((column) => !column.spec.child).map((column) => column.spec.field));
  // A key field the contract leaves optional may have no column: footfall's hour is empty for a
  // whole-day count, and a daily counter export has no hour column at all.
  const optional = new Set(layout.fields.filter((spec) => !spec.required).map((spec) => spec.field));
  const needed = new Set(matchOn.length > 0 ? matchOn : layout.key.filter((field) => !optional.has(field)));
  if (mode !== 'update') for (const spec of layout.fields) if (spec.required && !spec.readOnly) needed.add(spec.field);
  return [...needed].filter((field) => !bound.has(field));
}

interface RunSettings extends Omit<ImportCommandOptions, 'matchOn' | 'maxErrors' | 'batchSize'> {
  batchSize: number;
  maxErrors: number | undefined;
  matchOn: string[];
  profile: MappingProfile | undefined;
  /** The profile's row filter; undefined when every row is imported. */
  filter: RowFilter | undefined;
  /** Headers the file has but no field takes. */
  unknownColumns: string[];
}

interface Totals {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** The state of one import while it runs. */
class ImportRun {
  private readonly totals: Totals = { received: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  private readonly childList: string | undefined;
  private job: Job | undefined;
  private entries: Entry[] = [];
  private sequence = 0;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private interrupted = false;
  private notProcessed = 0;
  private skipped = 0;
  private rowsRead = 0;
  private issuesSeen = 0;
  private canonicalRecords = 0;
  private resumed = false;
  private readonly sample: { line: number; key: string | null; changes: unknown }[] = [];
  private errorFile: ErrorFile | undefined;
  private resultFile: ResultFile | undefined;
  private canonicalStream: WriteStream | undefined;
  private readonly rejectedOrders = new RejectedOrders();

  constructor(
    private readonly context: Context,
    private readonly layout: ResourceLayout,
    private readonly source: ImportSource,
    private readonly builder: RowBuilder | undefined,
    private readonly file: string,
    private readonly settings: RunSettings,
  ) {
    const hasChildColumns = builder?.fields.some((spec) => spec.child !== undefined) ?? false;
    this.childList = hasChildColumns ? layout.children?.list : undefined;
  }

  async execute(): Promise<void> {
    const expectedRows = await this.start();
    const progress = new Progress(this.context, expectedRows);
    const onInterrupt = () => {
      this.interrupted = true;
    };
    process.once('SIGINT', onInterrupt);

    try {
      await this.readAll(progress);
      // After Ctrl-C only the batch already in flight is finished; --resume sends the rest.
      if (!this.interrupted) await this.flush();
      await this.inFlight;
    } finally {
      process.off('SIGINT', onInterrupt);
      progress.done(this.rowsRead);
      await this.errorFile?.close();
      await this.resultFile?.close();
      if (this.canonicalStream) await new Promise<void>((resolve) => this.canonicalStream!.end(resolve));
    }
    await this.finish();
  }

  /** Create or resume the job (none for --canonical); returns the expected row count for the ETA. */
  private async start(): Promise<number | undefined> {
    if (this.settings.canonical) {
      this.canonicalStream = createOutputStream(this.settings.canonical);
      return undefined;
    }

    const { sha256, lineBreaks } = await fingerprintFile(this.file);
    const client = this.context.client();
    if (this.settings.resume) {
      const page = await client.imports.list({ status: 'open', file_sha256: sha256, resource: this.layout.resource as Job['resource'], limit: 1 });
      this.job = page.data[0];
      this.resumed = this.job !== undefined;
      if (this.job) this.context.info(this.context.t('import.resume.found', { job: this.job.id, batches: this.job.batches_committed }));
      else this.context.info(this.context.t('import.resume.none'));
    }
    if (!this.job) this.job = await this.createJob(sha256);

    if (this.settings.files !== false) {
      const paths = outcomePaths(this.file, this.source.format);
      this.errorFile = new ErrorFile(paths.errors, {
        format: this.source.format,
        encoding: this.source.encoding,
        delimiter: this.source.delimiter,
        sheet: this.source.sheet,
        header: this.source.header ?? [this.context.t('import.results.details')],
        language: this.context.language,
      });
      this.resultFile = new ResultFile(paths.results, this.context.language);
    }
    return this.source.format === 'csv' && lineBreaks > 1 ? lineBreaks - this.source.headerLine + 1 : undefined;
  }

  private async createJob(sha256: string): Promise<Job> {
    const size = (await stat(this.file)).size;
    try {
      return await this.context.client().imports.create({
        resource: this.layout.resource as Job['resource'],
        mode: this.settings.mode ?? 'upsert',
        match_on: this.settings.matchOn,
        dry_run: this.settings.dryRun ?? false,
        file_name: this.file.split(/[\\/]/).pop()!,
        file_sha256: sha256,
        file_size: size,
        source_format: this.source.format,
        batch_size: this.settings.batchSize,
      });
    } catch (error) {
      const unknownResource = error instanceof BohApiError && error.status === 422 && error.fieldErrors.some((field) => field.field === 'body.resource');
      if (unknownResource) throw new ExitError(ExitCode.apiRejected, 'import.error.resource_not_on_server', { resource: this.layout.resource });
      throw error;
    }
  }

  private async readAll(progress: Progress): Promise<void> {
    const template = this.layout.template;
    const assembler = new RecordAssembler(this.childList, template.record_key ?? (this.layout.key.length > 0 ? this.layout.key : 'code'));
    const filter = this.settings.filter;
    // NOTE: refunds wait in memory until the end of the file, so memory grows with their count
    // (POS files carry far fewer refunds than orders).
    const refunds: PendingRecord[] = [];
    const take = async (record: PendingRecord) => {
      if (template.refund_rows && isRefundRecord(record.fields)) refunds.push(record);
      else await this.add({ record });
    };

    for (let next = await this.source.rows.next(); !next.done; next = await this.source.rows.next()) {
      const row = next.value;
      this.rowsRead += 1;
      await this.takeReadIssues();
      if (this.interrupted) break;

      if (filter && !filter(row.cells)) {
        this.skipped += 1;
        await this.resultFile?.write(row.line, null, 'skipped', '');
        continue;
      }
      const records = this.builder ? assembler.add({ line: row.line, cells: row.cells }, this.builder.build(row.cells, row.line)) : [this.fromJson(row.line, String(row.cells[0]))];
      for (const record of records) await take(record);
      progress.update(this.rowsRead);
    }
    await this.takeReadIssues();
    if (this.interrupted) return;
    for (const record of assembler.finish()) await take(record);
    for (const record of refunds) await this.add({ record });
  }

  private fromJson(line: number, text: string): PendingRecord {
    const source = { line, cells: [text] };
    try {
      const object = JSON.parse(text) as unknown;
      if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new Error('not an object');
      const fields = new Set(this.layout.fields.filter((spec) => !spec.readOnly).map((spec) => spec.field));
      const childFields = new Set((this.layout.children?.fields ?? []).map((spec) => spec.field));
      if (this.layout.children) fields.add(this.layout.children.list);
      return { line, fields: fieldsFromJson(object as Record<string, unknown>, fields, this.layout.children?.list, childFields), lines: [source], childLines: [], issues: [] };
    } catch (error) {
      return { line, fields: {}, lines: [source], childLines: [], issues: [{ line, field: '', code: 'json_invalid', params: { reason: (error as Error).message } }] };
    }
  }

  /**
   * Rows the reader could not read (a CSV row with too many fields) become rejected entries.
   * Issues about the whole file, or about a cell of a row that was still read, are warnings.
   */
  private async takeReadIssues(): Promise<void> {
    const issues = this.source.issues;
    while (this.issuesSeen < issues.length) {
      const issue = issues[this.issuesSeen++]!;
      const message = formatReadIssue(this.context.language as Locale, issue);
      if (issue.line === 0 || ROW_KEPT_ISSUES.has(issue.code)) this.context.info(this.context.t('import.warn.read_issue', { message }));
      else await this.add({ unreadable: { line: issue.line, message, code: issue.code } });
    }
  }

  private async add(entry: Entry): Promise<void> {
    if (this.stopped) {
      for (const line of entryLines(entry)) await this.resultFile?.write(line, null, 'not_processed', '');
      this.notProcessed += entryLines(entry).length;
      return;
    }
    if ('record' in entry && entry.record.issues.length > 0) entry.errors = this.localErrors(entry.record);
    else if ('record' in entry) this.settings.onRecord?.(entry.record.fields);
    this.entries.push(entry);
    if (this.entries.length >= this.settings.batchSize) await this.flush();
  }

  /**
   * Word a record's local issues. The same issue on several rows of one record, such as an
   * order's invalid channel repeated on each of its lines, becomes one reason naming all its lines.
   */
  private localErrors(record: PendingRecord): RowError[] {
    const reasons = new Map<string, { error: Omit<RowError, 'message'>; text: string; lines: number[]; column: number | undefined; header: string | undefined }>();
    for (const issue of record.issues) {
      // Issues of a record's own field across its rows name the API field, so the column's header replaces it.
      const found = issue.column === undefined && issue.code === 'group_field_differs' ? this.builder?.locate(issue.field, false) : undefined;
      const column = issue.column ?? found?.column;
      const header = issue.header ?? found?.header;
      const params = found ? { ...issue.params, field: found.header } : issue.params;
      const text = issueText(this.context.language, issue.code, params);
      const key = JSON.stringify([issue.field, column, issue.code, text]);
      const seen = reasons.get(key);
      if (seen) {
        if (!seen.lines.includes(issue.line)) seen.lines.push(issue.line);
        continue;
      }
      const error = { field: issue.field || null, column: header ?? null, code: issue.code, ...(issue.params.value !== undefined ? { value: issue.params.value } : {}) };
      reasons.set(key, { error, text, lines: [issue.line], column, header });
    }
    return [...reasons.values()].map(({ error, text, lines, column, header }) => {
      const location = { line: lines[0]!, ...(lines.length > 1 ? { lines } : {}), ...(column ? { column, header } : {}) };
      return { ...error, message: locatedText(this.context.language, location, text) };
    });
  }

  /** Send the collected entries as the next batch, with at most one batch in flight. */
  private async flush(): Promise<void> {
    if (this.entries.length === 0) return;
    const entries = this.entries;
    this.entries = [];
    this.sequence += 1;
    const sequence = this.sequence;

    await this.inFlight;
    if (this.stopped) {
      for (const entry of entries) for (const line of entryLines(entry)) await this.resultFile?.write(line, null, 'not_processed', '');
      this.notProcessed += entries.reduce((sum, entry) => sum + entryLines(entry).length, 0);
      return;
    }
    if (this.canonicalStream) {
      await this.writeCanonical(entries);
      return;
    }
    this.inFlight = this.send(sequence, entries);
    // The failure is raised where the batch is awaited; until then it must not count as unhandled.
    this.inFlight.catch(() => undefined);
  }

  private async send(sequence: number, entries: Entry[]): Promise<void> {
    const rows: { line: number; fields: Record<string, unknown> }[] = [];
    const rejected: { line: number; errors: RowError[] }[] = [];
    for (const entry of entries) {
      if ('unreadable' in entry) rejected.push({ line: entry.unreadable.line, errors: [{ field: null, column: null, code: entry.unreadable.code, message: entry.unreadable.message }] });
      else if (entry.errors) rejected.push({ line: entry.record.line, errors: entry.errors.slice(0, 100) });
      else rows.push({ line: entry.record.line, fields: entry.record.fields });
    }
    const result = await this.context.client().imports.submitBatch(this.job!.id, { sequence, rows, ...(rejected.length > 0 ? { rejected } : {}) });
    await this.record(entries, result);
  }

  /** Add a batch's outcomes to the totals and the files, in file order. */
  private async record(entries: Entry[], result: BatchResult): Promise<void> {
    const byLine = new Map(result.results.map((row) => [row.line, row]));
    for (const key of Object.keys(this.totals) as (keyof Totals)[]) this.totals[key] += result.counts[key];

    // Rejected orders first, so a refund reported before its order in the batch can name it.
    for (const entry of entries) {
      if ('unreadable' in entry) continue;
      if (entry.errors || byLine.get(entry.record.line)?.outcome === 'rejected') this.rejectedOrders.add(entry.record);
    }

    for (const entry of entries) {
      if ('unreadable' in entry) {
        await this.resultFile?.write(entry.unreadable.line, null, 'rejected', entry.unreadable.message);
        await this.errorFile?.write([], entry.unreadable.message);
        continue;
      }
      const { record } = entry;
      const key = typeof record.fields[this.layout.key[0] ?? 'code'] === 'string' ? (record.fields[this.layout.key[0] ?? 'code'] as string) : null;
      if (entry.errors) {
        await this.writeRejected(record, key, entry.errors.map((error) => error.message));
        continue;
      }
      const row = byLine.get(record.line);
      const outcome = (row?.outcome ?? 'created') as LineOutcome;
      if (outcome === 'rejected') {
        const reasons = (row?.errors ?? []).map((error) => this.serverReason(record, error));
        await this.writeRejected(record, row?.key ?? key, reasons);
        continue;
      }
      const details = outcome === 'updated' ? describeChanges(row?.changes ?? []) : '';
      if (outcome === 'updated' && this.sample.length < SAMPLE_CHANGES) this.sample.push({ line: record.line, key: row?.key ?? key, changes: row?.changes ?? [] });
      for (const source of record.lines) await this.resultFile?.write(source.line, row?.key ?? key, outcome, details);
    }
    if (this.settings.maxErrors !== undefined && this.totals.rejected >= this.settings.maxErrors) this.stopped = true;
  }

  private async writeRejected(record: PendingRecord, key: string | null, reasons: string[]): Promise<void> {
    const text = joinReasons(reasons, this.context.language);
    for (const source of record.lines) {
      await this.resultFile?.write(source.line, key, 'rejected', text);
      await this.errorFile?.write(source.cells, text);
    }
  }

  /**
   * Prefix a server reason with the line and column of the field it names. The column header
   * then replaces the field name the server puts before its message (`paid_fen: `).
   */
  private serverReason(record: PendingRecord, error: { field?: string | null; code?: string; message: string }): string {
    const line = lineOfField(record, error.field, this.childList);
    const childMatch = this.childList && error.field ? new RegExp(`^${this.childList}\\[\\d+\\]\\.(\\w+)`).exec(error.field) : null;
    const field = childMatch ? childMatch[1]! : (error.field ?? '').split(/[.[]/)[0]!;
    const column = field ? this.builder?.locate(field, childMatch !== null) : undefined;
    const prefix = `${error.field}: `;
    // A whole child (`lines[0]`) has no column, but the line already points at its row.
    const wholeChild = this.childList !== undefined && error.field ? new RegExp(`^${this.childList}\\[\\d+\\]$`).test(error.field) : false;
    const located = column !== undefined || wholeChild;
    let message = located && error.field && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;

    const rejectedLine = error.code === 'order_not_found' ? this.rejectedOrders.lineOfOriginal(record) : undefined;
    if (rejectedLine !== undefined) message += this.context.t('import.hint.order_rejected_in_file', { line: rejectedLine });
    return locatedText(this.context.language, { line, ...(column ?? {}) }, message);
  }

  private async writeCanonical(entries: Entry[]): Promise<void> {
    let text = '';
    for (const entry of entries) {
      if ('unreadable' in entry) {
        this.totals.rejected += 1;
        text += `${JSON.stringify({ line: entry.unreadable.line, errors: [{ code: entry.unreadable.code, message: entry.unreadable.message }] })}\n`;
      } else if (entry.errors) {
        this.totals.rejected += 1;
        text += `${JSON.stringify({ line: entry.record.line, errors: entry.errors })}\n`;
      } else {
        this.canonicalRecords += 1;
        text += `${JSON.stringify({ line: entry.record.line, fields: entry.record.fields })}\n`;
      }
    }
    if (!this.canonicalStream!.write(text)) await new Promise<void>((resolve) => this.canonicalStream!.once('drain', () => resolve()));
  }

  /** Close the job: completed, or stopped by --max-errors. An interrupted run leaves it open for --resume. */
  private async finish(): Promise<void> {
    if (this.settings.canonical) return;
    const job = this.job!;
    if (this.interrupted) {
      const committed = this.totals.received;
      throw new ExitError(ExitCode.interrupted, 'import.interrupted', { job: job.id, committed });
    }
    this.job = await this.context.client().imports.finish(job.id, this.stopped ? { status: 'stopped', stop_reason: 'max_errors', not_processed: this.notProcessed } : { status: 'completed' });
  }

  summary(): ImportSummary {
    const counts = this.settings.canonical ? { ...this.totals, received: this.canonicalRecords + this.totals.rejected, created: this.canonicalRecords } : this.job!.counts;
    return {
      job_id: this.settings.canonical ? null : this.job!.id,
      resource: this.layout.resource,
      file: this.file,
      status: this.settings.canonical ? null : this.job!.status,
      dry_run: this.settings.dryRun ?? false,
      rows: this.rowsRead,
      records: counts.received,
      accepted: counts.created + counts.updated + counts.unchanged,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      skipped: this.skipped,
      not_processed: this.notProcessed,
      files: this.outcomeFiles(),
    };
  }

  private outcomeFiles(): ImportSummary['files'] {
    return this.resultFile ? { errors: this.errorFile?.rows ? this.errorFile.path : null, results: this.resultFile.path } : null;
  }

  /** Print the outcome (JSON with --json) and raise exit code 6 when any row was rejected. */
  report(): void {
    const { context } = this;
    if (this.settings.canonical) {
      if (context.json) context.io.stdout.write(toJson({ canonical: this.settings.canonical, records: this.canonicalRecords, rejected: this.totals.rejected, skipped: this.skipped }));
      else context.info(context.t('import.summary.canonical', { count: this.canonicalRecords, file: this.settings.canonical, rejected: this.totals.rejected }));
      if (this.totals.rejected > 0) throw new SilentExit(ExitCode.rowsRejected);
      return;
    }

    const job = this.job!;
    const files = this.outcomeFiles();
    if (context.json) {
      context.io.stdout.write(
        toJson({ job, summary: this.summary(), resumed: this.resumed, not_processed: this.notProcessed, skipped: this.skipped, unknown_columns: this.settings.unknownColumns, files, sample_changes: this.sample }),
      );
    } else {
      const params = { file: job.file_name, resource: this.layout.template.title[context.language], job: job.id, rows: this.rowsRead, ...job.counts };
      // Rows gathered into records (the lines of an order) are counted both ways, so that the
      // rejected count is not read as a count of rows.
      let key = job.dry_run ? 'import.summary.dry_run' : 'import.summary';
      if (this.childList !== undefined) key = job.dry_run ? 'import.summary.records_dry_run' : 'import.summary.records';
      context.info(context.t(key, params));
      if (this.notProcessed > 0) context.info(context.t('import.summary.not_processed', { count: this.notProcessed, max: this.settings.maxErrors }));
      if (this.skipped > 0) context.info(context.t('import.summary.skipped', { count: this.skipped }));
      if (this.sample.length > 0) {
        context.info(context.t('import.summary.sample'));
        for (const item of this.sample) context.info(`  ${item.key ?? item.line}: ${describeChanges(item.changes as { field: string; before?: unknown; after?: unknown }[])}`);
      }
      if (files?.errors) context.info(context.t('import.summary.files', files));
      else if (files) context.info(context.t('import.summary.results_only', files));
    }
    if (job.counts.rejected > 0) throw new SilentExit(ExitCode.rowsRejected);
  }
}

function entryLines(entry: Entry): number[] {
  return 'unreadable' in entry ? [entry.unreadable.line] : entry.record.lines.map((line) => line.line);
}

/** `city: 上海 → 北京; phone: (empty) → 021-1`. */
export function describeChanges(changes: readonly { field: string; before?: unknown; after?: unknown }[]): string {
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return '∅';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  return changes.map((change) => `${change.field}: ${show(change.before)} → ${show(change.after)}`).join('; ');
}

/** A profile's row filter over the cells of a source row. */
type RowFilter = (cells: readonly unknown[]) => boolean;

/**
 * Compile the profile's row filter over the header's columns; undefined when it has none. A rule
 * with a lookup tests the looked-up value, such as the status of a line's order in another file.
 */
async function compileFilter(profile: MappingProfile | undefined, source: ImportSource, inputFolder: string): Promise<RowFilter | undefined> {
  if (!profile?.filter || profile.filter.length === 0 || !source.header) return undefined;
  const headers = source.header.map((cell) => String(cell ?? '').trim());
  const tests = await Promise.all(
    profile.filter.map(async (rule) => {
      const index = headers.indexOf(rule.column);
      if (index < 0) throw new UsageError('import.error.profile_column_missing', { column: rule.column, field: 'filter', headers: headers.join(', ') });
      const lookup = rule.lookup ? await loadLookup(rule.lookup, profile, inputFolder) : undefined;
      return (cells: readonly unknown[]) => {
        let value = String(cells[index] ?? '').trim();
        if (lookup) value = String(lookup.get(value) ?? '').trim();
        if (rule.equals && !rule.equals.includes(value)) return false;
        if (rule.not_equals?.includes(value)) return false;
        return true;
      };
    }),
  );
  return (cells) => tests.every((test) => test(cells));
}

/** The path of a mapping profile shipped in `templates/imports/`, by name with or without `.json`. */
function importProfilePath(name: string): string {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  const path = fileURLToPath(new URL(`imports/${file}`, templatesDir()));
  if (/[\\/]/.test(file) || !existsSync(path)) {
    const known = readdirSync(fileURLToPath(new URL('imports/', templatesDir()))).filter((entry) => entry.endsWith('.json')).map((entry) => entry.slice(0, -'.json'.length));
    throw new UsageError('import.error.unknown_template', { value: name, values: known.sort().join(', ') });
  }
  return path;
}
