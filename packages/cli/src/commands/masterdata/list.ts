import type { Context } from '../../runtime/context.js';
import { displayZone, formatField, startOfDay, toJson, viewerTimeZone } from '../../output/format.js';
import { schemaFields } from '../../resources/contract-schema.js';
import { renderTable, type Column } from '../../output/table.js';
import { resourceClient, type ResourceDescriptor } from '../../resources/catalog.js';
import { fieldLabel, loadTemplate } from '../../resources/templates.js';
import { withSpinner } from '../../runtime/spinner.js';
import { UsageError } from '../../runtime/errors.js';
import { writeLine } from '../../runtime/io.js';

export interface ListOptions {
  limit?: string;
  all?: boolean;
  active?: string;
  q?: string;
  updatedSince?: string;
  sort?: string;
  [filter: string]: unknown;
}

const DEFAULT_LIMIT = 100;

/** List records: a table for people, tab-separated lines for pipes, a JSON array with --json. */
export async function list(context: Context, resource: ResourceDescriptor, options: ListOptions): Promise<void> {
  const template = loadTemplate(resource.name);
  const limitText = options.limit ?? String(DEFAULT_LIMIT);
  if (!options.all && (!/^\d+$/.test(limitText.trim()) || Number(limitText) < 1)) {
    throw new UsageError('error.invalid_limit', { value: limitText });
  }
  const max = options.all ? Number.POSITIVE_INFINITY : Number(limitText);
  const filters: Record<string, unknown> = {
    active: options.active === undefined ? undefined : options.active === 'true',
    q: options.q,
    updated_since: options.updatedSince && /^\d{4}-\d{2}-\d{2}$/.test(options.updatedSince) ? startOfDay(options.updatedSince, viewerTimeZone()) : options.updatedSince,
    sort: options.sort,
    limit: Math.min(500, Number.isFinite(max) ? Math.max(1, max) : 500),
  };
  for (const name of resource.filters) {
    const value = options[name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
    if (value !== undefined) filters[name] = value;
  }

  const { records, more } = await withSpinner(context, context.t('progress.loading'), async () => {
    const collected: Record<string, unknown>[] = [];
    for await (const record of resourceClient(context.client(), resource).list(filters)) {
      if (collected.length >= max) return { records: collected, more: true };
      collected.push(record);
    }
    return { records: collected, more: false };
  });

  // Scripts read stdout, so the note that the list was cut goes to stderr, even with --json.
  if (more && !context.quiet) {
    writeLine(context.io.stderr, context.t('resource.shown', { count: records.length, total_hint: context.t('resource.more') }));
  }
  if (context.json) {
    context.io.stdout.write(toJson(records));
    return;
  }
  if (records.length === 0) {
    context.info(context.t('resource.none', { title: template.title[context.language] }));
    return;
  }

  const zone = displayZone(context.io.stdout);
  const fields = new Map(schemaFields(resource.recordSchema).map((f) => [f.name, f]));
  const columns: Column<Record<string, unknown>>[] = template.list_columns.map((field) => ({
    header: fieldLabel(template, field, context.language),
    value: (row) => formatField(row[field], fields.get(field), context.language, zone),
    numeric: typeof records[0]![field] === 'number',
  }));
  context.io.stdout.write(renderTable(records, columns, Boolean(context.io.stdout.isTTY)));
}
