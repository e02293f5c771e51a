import type { Context } from '../../runtime/context.js';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { renderTable, type Column } from '../../output/table.js';
import { ticketLabel } from './labels.js';

export interface ListOptions {
  store?: string;
  status?: string;
  open?: boolean;
  assignee?: string;
  priority?: string;
  limit?: string;
  all?: boolean;
}

type TicketRow = Record<string, unknown> & { code: string };

/** List tickets: a table for people, tab-separated lines for pipes, a JSON array with --json. */
export async function list(context: Context, options: ListOptions): Promise<void> {
  const max = options.all ? Number.POSITIVE_INFINITY : Number(options.limit ?? 100);
  const filters = {
    ...(options.store !== undefined ? { store_code: options.store } : {}),
    ...(options.status !== undefined ? { status: options.status as 'new' } : {}),
    ...(options.open ? { open: true } : {}),
    ...(options.assignee !== undefined ? { assignee_code: options.assignee } : {}),
    ...(options.priority !== undefined ? { priority: options.priority as 'normal' } : {}),
    limit: Math.min(500, Number.isFinite(max) ? Math.max(1, max) : 500),
  };
  const rows: TicketRow[] = [];
  for await (const ticket of context.client().tickets.list(filters)) {
    if (rows.length >= max) break;
    rows.push(ticket as unknown as TicketRow);
  }

  if (context.json) {
    context.io.stdout.write(toJson(rows));
    return;
  }
  if (rows.length === 0) {
    context.info(context.t('ticket.none'));
    return;
  }
  const zone = displayZone(context.io.stdout);
  const column = (key: string, field: string): Column<TicketRow> => ({
    header: context.t(`ticket.column.${key}`),
    value: (row) => formatValue(row[field], context.language, zone),
  });
  const columns: Column<TicketRow>[] = [
    column('code', 'code'),
    column('store', 'store_code'),
    { header: context.t('ticket.column.priority'), value: (row) => ticketLabel(context, 'priority', String(row['priority'])) },
    { header: context.t('ticket.column.status'), value: (row) => ticketLabel(context, 'status', String(row['status'])) },
    column('assignee', 'assignee_code'),
    column('due', 'resolution_due_at'),
    column('title', 'title'),
  ];
  context.io.stdout.write(renderTable(rows, columns, Boolean(context.io.stdout.isTTY)));
}
