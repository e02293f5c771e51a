import { once } from 'node:events';
import { extname } from 'node:path';
import { t } from '../../i18n/index.js';
import { resourceLayout, type FieldSpec, type ResourceLayout } from '../../imports/field-spec.js';
import { importableResource } from '../../imports/resources.js';
import { RESOURCES, resourceClient } from '../../resources/catalog.js';
import { loadTemplate } from '../../resources/templates.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { openCsvWriter, openXlsxWriter, type OutputValue, type TableWriter } from '../../tables/table-writer.js';
import { toJson } from '../../output/format.js';

type ExportFormat = 'csv' | 'xlsx' | 'jsonl';
type ApiRecord = Record<string, unknown>;

/**
 * Write every record of a resource, page by page, to CSV (UTF-8 with BOM), XLSX or JSON Lines
 * with headers in the user's language. Importing the file again gives the same records: values
 * are written as an import reads them, and a record with child lines (a recipe) is written one
 * line per child with its own columns repeated.
 */
export async function exportResource(context: Context, resourceName: string, options: { format?: ExportFormat; output?: string }): Promise<void> {
  const name = importableResource(resourceName);
  const descriptor = RESOURCES.find((resource) => resource.name === name);
  if (!descriptor) throw new UsageError('import.error.unknown_resource', { value: resourceName, values: RESOURCES.map((r) => r.name).join(', ') });
  const template = loadTemplate(name);
  const layout = resourceLayout(template, template.create_schema);
  const format = options.format ?? formatOf(options.output) ?? 'csv';
  const output = options.output ?? `${name}.${format}`;

  const listed = resourceClient(context.client(), descriptor).list({ limit: 500 } as never);
  const records = DEPENDENT[name] ? await dependenciesFirst(listed, DEPENDENT[name]) : listed;
  let count = 0;
  if (format === 'jsonl') {
    count = await writeJsonLines(context, output, records);
  } else {
    if (output === '-') throw new UsageError('error.missing_option', { option: '--output', prompt_hint: '' });
    const writer = format === 'xlsx' ? await openXlsxWriter(output, { sheetName: template.title[context.language] }) : openCsvWriter(output, { guardFormulas: true });
    count = await writeTable(context, layout, writer, records);
  }

  if (context.json) context.io.stdout.write(toJson({ resource: name, format, file: output, count }));
  else if (output !== '-') context.info(context.t('export.done', { count, title: template.title[context.language], file: output }));
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

function formatOf(output: string | undefined): ExportFormat | undefined {
  const extension = output ? extname(output).toLowerCase() : '';
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.csv') return 'csv';
  return undefined;
}

async function writeJsonLines(context: Context, output: string, records: AsyncIterable<ApiRecord> | Iterable<ApiRecord>): Promise<number> {
  const { createWriteStream } = await import('node:fs');
  const stream = output === '-' ? context.io.stdout : createWriteStream(output);
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

/** Write a value as an import reads it back: yes/no words, JSON lists, numbers as numbers. */
function exportValue(value: unknown, spec: FieldSpec, context: Context): OutputValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return t(context.language, value ? 'value.true' : 'value.false');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number') return spec.kind === 'code' || spec.kind === 'text' ? String(value) : value;
  return String(value);
}
