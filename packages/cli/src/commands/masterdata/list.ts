import type { Context } from '../../runtime/context.js';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { renderTable, type Column } from '../../output/table.js';
import { resourceClient, type ResourceDescriptor } from '../../resources/catalog.js';
import { fieldLabel, loadTemplate } from '../../resources/templates.js';
import { withSpinner } from '../../runtime/spinner.js';

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
  const max = options.all ? Number.POSITIVE_INFINITY : Number(options.limit ?? DEFAULT_LIMIT);
  const filters: Record<string, unknown> = {
    active: options.active === undefined ? undefined : options.active === 'true',
    q: options.q,
    updated_since: options.updatedSince,
    sort: options.sort,
    limit: Math.min(500, Number.isFinite(max) ? Math.max(1, max) : 500),
  };
  for (const name of resource.filters) {
    const value = options[name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
    if (value !== undefined) filters[name] = value;
  }

  const { records, more } = await withSpinner(context, '…', async () => {
    const collected: Record<string, unknown>[] = [];
    for await (const record of resourceClient(context.client(), resource).list(filters)) {
      if (collected.length >= max) return { records: collected, more: true };
      collected.push(record);
    }
    return { records: collected, more: false };
  });

  if (context.json) {
    context.io.stdout.write(toJson(records));
    return;
  }
  if (records.length === 0) {
    context.info(context.t('resource.none', { title: template.title[context.language] }));
    return;
  }

  const zone = displayZone(context.io.stdout);
  const columns: Column<Record<string, unknown>>[] = template.list_columns.map((field) => ({
    header: fieldLabel(template, field, context.language),
    value: (row) => formatValue(row[field], context.language, zone),
    numeric: typeof records[0]![field] === 'number',
  }));
  const forPeople = Boolean(context.io.stdout.isTTY);
  context.io.stdout.write(renderTable(records, columns, forPeople));
  if (more && forPeople) {
    context.info(context.t('resource.shown', { count: records.length, total_hint: context.t('resource.more') }));
  }
}
