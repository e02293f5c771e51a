import type { components } from '@boh/sdk';
import type { Context } from '../runtime/context.js';
import { displayZone, formatValue, toJson } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { loadTemplate, fieldLabel } from '../resources/templates.js';

type AuditEvent = components['schemas']['AuditEvent'];
type Resource = components['schemas']['Resource'];

/** The resources whose history can be shown. */
export const HISTORY_RESOURCES: readonly Resource[] = ['region', 'store', 'item', 'menu_item', 'supplier', 'employee', 'asset', 'token'];

/** Print a record's change history, newest first: one line per changed field. */
export async function history(context: Context, resource: string, key: string): Promise<void> {
  const path = `/history/${encodeURIComponent(resource)}/${encodeURIComponent(key)}`;
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await context.client().request<{ data: AuditEvent[]; next_cursor: string | null }>('GET', path, { query: { limit: 500, cursor } });
    events.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);

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
  const rows = events.flatMap((event) =>
    (event.changes.length > 0 ? event.changes : [{ field: '', before: null, after: null }]).map((change) => ({ event, change })),
  );
  const columns = [
    { header: context.t('history.column.at'), value: (r: (typeof rows)[number]) => formatValue(r.event.at, context.language, zone) },
    { header: context.t('history.column.actor'), value: (r: (typeof rows)[number]) => r.event.actor ?? '-' },
    { header: context.t('history.column.action'), value: (r: (typeof rows)[number]) => r.event.action },
    { header: context.t('history.column.field'), value: (r: (typeof rows)[number]) => label(r.change.field) },
    { header: context.t('history.column.before'), value: (r: (typeof rows)[number]) => formatValue(r.change.before, context.language) },
    { header: context.t('history.column.after'), value: (r: (typeof rows)[number]) => formatValue(r.change.after, context.language) },
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
