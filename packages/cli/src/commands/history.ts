import { pathSegment, type components } from '@boh/sdk';
import type { Context } from '../runtime/context.js';
import { UsageError } from '../runtime/errors.js';
import { displayZone, formatField, formatValue, toJson } from '../output/format.js';
import { schemaFields } from '../resources/contract-schema.js';
import { renderTable } from '../output/table.js';
import { RESOURCES, resourceClient } from '../resources/catalog.js';
import { loadTemplate, fieldLabel } from '../resources/templates.js';
import { valueLabel } from '../resources/values.js';

type AuditEvent = components['schemas']['AuditEvent'];
type Resource = components['schemas']['Resource'];

/** The resources whose history can be shown. */
export const HISTORY_RESOURCES: readonly Resource[] = [
  'region', 'store', 'item', 'menu_item', 'supplier', 'employee', 'asset', 'token',
  'ticket', 'account', 'posting_rule', 'tax_rate', 'accounting_period', 'stock_count', 'stock_settings',
];

/**
 * Print a record's change history, newest first: one line per changed field. A record that
 * never existed is an error, like `get`, rather than an empty history.
 */
export async function history(context: Context, resourceArgument: string, key: string): Promise<void> {
  // `menu-item` is the command group's name; the API calls the resource menu_item.
  const resource = resourceArgument.replace(/-/g, '_');
  if (!(HISTORY_RESOURCES as readonly string[]).includes(resource)) {
    throw new UsageError('error.unknown_history_resource', { value: resourceArgument, values: HISTORY_RESOURCES.map((r) => r.replace(/_/g, '-')) });
  }

  const path = `/history/${resource}/${pathSegment(key)}`;
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await context.client().request<{ data: AuditEvent[]; next_cursor: string | null }>('GET', path, { query: { limit: 500, cursor } });
    events.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);

  const descriptor = RESOURCES.find((r) => r.name === resource);
  if (events.length === 0 && descriptor) await resourceClient(context.client(), descriptor).get(key);

  if (context.json) {
    context.io.stdout.write(toJson(events));
    return;
  }
  if (events.length === 0) {
    context.info(context.t('history.empty', { resource, key }));
    return;
  }

  const label = labelFor(resource, context);
  const zone = displayZone(context.io.stdout);
  const fields = new Map(descriptor ? schemaFields(descriptor.recordSchema).map((f) => [f.name, f]) : []);
  const show = (value: unknown, field: string) => formatField(value, fields.get(field), context.language, zone);
  const rows = events.flatMap((event) =>
    (event.changes.length > 0 ? event.changes : [{ field: '', before: null, after: null }]).map((change) => ({ event, change })),
  );
  const columns = [
    { header: context.t('history.column.at'), value: (r: (typeof rows)[number]) => formatValue(r.event.at, context.language, zone) },
    { header: context.t('history.column.actor'), value: (r: (typeof rows)[number]) => r.event.actor ?? '-' },
    { header: context.t('history.column.action'), value: (r: (typeof rows)[number]) => (zone ? valueLabel(r.event.action, context.language) : r.event.action) },
    { header: context.t('history.column.field'), value: (r: (typeof rows)[number]) => label(r.change.field) },
    { header: context.t('history.column.before'), value: (r: (typeof rows)[number]) => show(r.change.before, r.change.field) },
    { header: context.t('history.column.after'), value: (r: (typeof rows)[number]) => show(r.change.after, r.change.field) },
  ];
  context.io.stdout.write(renderTable(rows, columns, Boolean(context.io.stdout.isTTY)));
}

function labelFor(resource: string, context: Context): (field: string) => string {
  try {
    const template = loadTemplate(resource);
    return (field) => fieldLabel(template, field, context.language);
  } catch {
    return (field) => field;
  }
}
