import { once } from 'node:events';
import { extname } from 'node:path';
import { t, type Language } from '../../i18n/index.js';
import { resourceLayout, type FieldSpec, type ResourceLayout } from '../../imports/field-spec.js';
import { exportableResource } from '../../imports/resources.js';
import { readEnumValue } from '../../imports/values.js';
import { valueLabel } from '../../resources/values.js';
import { RESOURCES, resourceClient } from '../../resources/catalog.js';
import { loadTemplate } from '../../resources/templates.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { openCsvWriter, openXlsxWriter, type OutputValue, type TableWriter } from '../../tables/table-writer.js';
import { toJson } from '../../output/format.js';
import { createOutputStream } from '../../files/output-stream.js';
import { checkOutputFolder, writeThroughPartialFile } from './output-file.js';
import { storeTimeText } from './store-time.js';
import { checkSalesFilters, jsonOfRecord, salesRecords, type SalesOrderFilters } from './sales-orders.js';

type ExportFormat = 'csv' | 'xlsx' | 'jsonl';
type ApiRecord = Record<string, unknown>;

/**
 * Write every record of a resource, page by page, to CSV (UTF-8 with BOM), XLSX or JSON Lines
 * with headers in the user's language. Sales orders are exported with their refunds. Importing the file again gives the same records: values
 * are written as an import reads them, and a record with child lines (a recipe) is written one
 * line per child with its own columns repeated.
 */
export async function exportResource(context: Context, resourceName: string, options: ExportOptions): Promise<void> {
  const name = exportableResource(resourceName);
  if (name === SALES_ORDER) return exportSalesOrders(context, options);
  if (name === OPENING_STOCK) return exportOpeningStock(context, options);
  const descriptor = RESOURCES.find((resource) => resource.name === name);
  if (!descriptor) throw new UsageError('export.error.unknown_resource', { value: resourceName, values: [...RESOURCES.map((r) => r.name), SALES_ORDER, OPENING_STOCK].join(', ') });
  const filter = (['from', 'to', 'store'] as const).find((option) => options[option] !== undefined);
  if (filter) throw new UsageError('export.error.sales_filter', { option: `--${filter}`, resource: name });
  const template = loadTemplate(name);
  const layout = resourceLayout(template, template.create_schema);
  const format = chooseFormat(options);
  const output = options.output ?? `${name}.${format}`;
  checkOutputFolder(output);

  const listed = resourceClient(context.client(), descriptor).list({ limit: 500 } as never);
  const records = DEPENDENT[name] ? await dependenciesFirst(listed, DEPENDENT[name]) : listed;
  const count = await writeRecords(context, layout, format, output, records, (record) => record);

  if (context.json) context.io.stdout.write(toJson({ resource: name, format, file: output, count }));
  else if (output !== '-') context.info(context.t('export.done', { count, title: template.title[context.language], file: output }));
}

interface ExportOptions extends SalesOrderFilters {
  format?: ExportFormat;
  output?: string;
}

const SALES_ORDER = 'sales_order';
const OPENING_STOCK = 'opening_stock';

/**
 * Write posted orders with their lines, payments and refunds as the sales-order import reads
 * them: one row per order line, then one row per refund line (or one row for a refund without
 * lines), filtered by business date and store.
 */
async function exportSalesOrders(context: Context, options: ExportOptions): Promise<void> {
  const template = loadTemplate(SALES_ORDER);
  const layout = resourceLayout(template, template.create_schema);
  const format = chooseFormat(options);
  const output = options.output ?? `${SALES_ORDER}.${format}`;
  checkOutputFolder(output);
  await checkSalesFilters(context, options);

  const skipped: string[] = [];
  const records = salesRecords(context, options, (key) => skipped.push(key));
  const childList = layout.children!.list;
  // Tables show each time in its store's zone; JSON Lines, for programs, keep UTC.
  const count = await writeRecords(context, layout, format, output, records, (record) =>
    format === 'jsonl'
      ? jsonOfRecord(record, layout)
      : { ...record.fields, ordered_at: storeTimeText(String(record.fields.ordered_at), record.timeZone), [childList]: record.lines },
  );

  if (skipped.length > 0) context.info(context.t('export.warn.payments_skipped', { count: skipped.length, keys: skipped.slice(0, 10).join(', ') }));
  if (context.json) context.io.stdout.write(toJson({ resource: SALES_ORDER, format, file: output, count, skipped }));
  else if (output !== '-') context.info(context.t('export.done', { count, title: template.title[context.language], file: output }));
}

/**
 * Write the opening balances (期初) as the opening-stock import reads them: one row per opening
 * movement, in the item's base unit, with the value the document gave. Into negative stock part
 * of that value went to cost of goods sold, so the row adds both parts. `--store` picks a store.
 */
async function exportOpeningStock(context: Context, options: ExportOptions): Promise<void> {
  const filter = (['from', 'to'] as const).find((option) => options[option] !== undefined);
  if (filter) throw new UsageError('export.error.sales_filter', { option: `--${filter}`, resource: OPENING_STOCK });
  const template = loadTemplate(OPENING_STOCK);
  const layout = resourceLayout(template, template.create_schema);
  const format = chooseFormat(options);
  const output = options.output ?? `${OPENING_STOCK}.${format}`;
  checkOutputFolder(output);

  const movements = context.client().stock.movements({ kind: 'opening', limit: 500, ...(options.store ? { store_code: options.store } : {}) });
  const count = await writeRecords(context, layout, format, output, movements, (movement) => ({
    store_code: movement.store_code,
    item_code: movement.item_code,
    quantity: movement.quantity,
    value_fen: movement.value_fen + movement.variance_fen,
    opening_date: movement.business_date,
    reference: movement.source_ref,
    note: movement.note,
  }));

  if (context.json) context.io.stdout.write(toJson({ resource: OPENING_STOCK, format, file: output, count }));
  else if (output !== '-') context.info(context.t('export.done', { count, title: template.title[context.language], file: output }));
}

/** Write records as JSON Lines or as a table; returns how many were written. */
async function writeRecords<T>(
  context: Context,
  layout: ResourceLayout,
  format: ExportFormat,
  output: string,
  records: AsyncIterable<T> | Iterable<T>,
  toRecord: (record: T) => ApiRecord,
): Promise<number> {
  const mapped = mapRecords(records, toRecord);
  if (format !== 'jsonl' && output === '-') throw new UsageError('export.error.stdout_format', { format });

  return writeThroughPartialFile(output, async (path) => {
    if (format === 'jsonl') return writeJsonLines(context, path, mapped);
    const writer = format === 'xlsx' ? await openXlsxWriter(path, { sheetName: layout.template.title[context.language] }) : openCsvWriter(path, { guardFormulas: true });
    return writeTable(context, layout, writer, mapped);
  });
}

async function* mapRecords<T>(records: AsyncIterable<T> | Iterable<T>, toRecord: (record: T) => ApiRecord): AsyncGenerator<ApiRecord> {
  for await (const record of records) yield toRecord(record);
}

/**
 * Resources whose records refer to records of the same resource: a region to its parent, a
 * menu item to its sub-recipes. Their exports list the referred record first, so importing the
 * file finds it. These lists are small enough to sort in memory.
 */
const DEPENDENT: Record<string, (record: ApiRecord) => string[]> = {
  region: (record) => (typeof record.parent_code === 'string' ? [record.parent_code] : []),
  menu_item: (record) =>
    ((record.components as ApiRecord[] | undefined) ?? []).filter((component) => component.component_type === 'menu_item').map((component) => String(component.code)),
};

async function dependenciesFirst(records: AsyncIterable<ApiRecord>, dependsOn: (record: ApiRecord) => string[]): Promise<ApiRecord[]> {
  const byCode = new Map<string, ApiRecord>();
  for await (const record of records) byCode.set(String(record.code), record);
  const ordered: ApiRecord[] = [];
  const placed = new Set<string>();
  const place = (code: string, path: Set<string>): void => {
    const record = byCode.get(code);
    if (!record || placed.has(code) || path.has(code)) return;
    path.add(code);
    for (const dependency of dependsOn(record)) place(dependency, path);
    placed.add(code);
    ordered.push(record);
  };
  for (const code of byCode.keys()) place(code, new Set());
  return ordered;
}

/** Choose the format given, else the output's extension, else JSON Lines for stdout and CSV for a file. */
function chooseFormat(options: ExportOptions): ExportFormat {
  return options.format ?? formatOf(options.output) ?? (options.output === '-' ? 'jsonl' : 'csv');
}

function formatOf(output: string | undefined): ExportFormat | undefined {
  const extension = output ? extname(output).toLowerCase() : '';
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.csv') return 'csv';
  return undefined;
}

async function writeJsonLines(context: Context, output: string, records: AsyncIterable<ApiRecord> | Iterable<ApiRecord>): Promise<number> {
  const stream = output === '-' ? context.io.stdout : createOutputStream(output);
  let count = 0;
  for await (const record of records) {
    if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
    count += 1;
  }
  if (stream !== context.io.stdout) {
    const finished = once(stream, 'finish');
    stream.end();
    await finished;
  }
  return count;
}

async function writeTable(context: Context, layout: ResourceLayout, writer: TableWriter, records: AsyncIterable<ApiRecord> | Iterable<ApiRecord>): Promise<number> {
  const childFields = layout.children?.fields ?? [];
  const fields = layout.fields;
  await writer.writeRow([...fields, ...childFields].map((spec) => spec.label[context.language]));

  let count = 0;
  for await (const record of records) {
    const own = fields.map((spec) => exportValue(record[spec.field], spec, context));
    const children = layout.children ? ((record[layout.children.list] as ApiRecord[] | undefined) ?? []) : [];
    if (children.length === 0) await writer.writeRow([...own, ...childFields.map(() => null)]);
    for (const child of children) await writer.writeRow([...own, ...childFields.map((spec) => exportValue(child[spec.field], spec, context))]);
    count += 1;
  }
  await writer.close();
  return count;
}

/**
 * Write a value as an import reads it back: yes/no words, enumerated values by their label in
 * the user's language, JSON lists, numbers as numbers.
 */
function exportValue(value: unknown, spec: FieldSpec, context: Context): OutputValue {
  if (value === null || value === undefined) return null;
  if (spec.kind === 'enum' && typeof value === 'string') return enumLabel(value, spec, context.language);
  if (typeof value === 'boolean') return t(context.language, value ? 'value.true' : 'value.false');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number') return spec.kind === 'code' || spec.kind === 'text' ? String(value) : value;
  return String(value);
}

/** Return the label of an enumerated value, or its code when an import would not read the label back to it. */
function enumLabel(value: string, spec: FieldSpec, language: Language): string {
  const label = valueLabel(value, language);
  const read = readEnumValue(label, spec);
  return read.ok && read.value === value ? label : value;
}
