import type { Context } from '../../runtime/context.js';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderRecord } from '../../output/table.js';
import { ticketLabel } from './labels.js';

/** Show a ticket: JSON with --json, otherwise its fields, timeline and clock summaries. */
export async function show(context: Context, code: string, options: { at?: string }): Promise<void> {
  const ticket = await context.client().tickets.get(code, { at: options.at });
  if (context.json) {
    context.io.stdout.write(toJson(ticket));
    return;
  }
  const zone = displayZone(context.io.stdout);
  const fields = ['code', 'store_code', 'asset_code', 'category', 'priority', 'status', 'assignee_code', 'title', 'description', 'expected_arrival_at', 'response_due_at', 'resolution_due_at', 'total_cost_fen'] as const;
  const displayValue = (field: (typeof fields)[number]): string => {
    const value = ticket[field];
    if (field === 'status' || field === 'priority') return ticketLabel(context, field, String(value));
    if (field === 'total_cost_fen' && typeof value === 'number') return formatFen(value);
    return formatValue(value, context.language, zone);
  };
  const pairs: [string, string][] = fields.map((field) => [ticketLabel(context, 'field', field), displayValue(field)]);
  const out = context.io.stdout;
  out.write(renderRecord(pairs));
  out.write(`\n${context.t('ticket.timeline')}\n`);
  for (const event of ticket.timeline) {
    const assignee = event.assignee_code ? ` ${event.assignee_code}` : '';
    const note = event.note ? ` — ${event.note}` : '';
    out.write(`  ${formatValue(event.at, context.language, zone)}  ${ticketLabel(context, 'event', event.type)}${assignee}${note}\n`);
  }
  out.write(`\n${context.t('ticket.clocks')}\n`);
  for (const line of ticket.clocks.summary) out.write(`  ${line}\n`);
}
