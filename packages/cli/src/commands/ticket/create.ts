import type { Context } from '../../runtime/context.js';
import { toJson, displayZone, formatValue } from '../../output/format.js';
import { ticketLabel } from './labels.js';

export interface CreateOptions {
  store: string;
  category: string;
  title: string;
  asset?: string;
  priority?: string;
  description?: string;
  reporter?: string;
  reporterLanguage?: string;
  reportedAt?: string;
}

/** Open a ticket; prints the full ticket with --json, one line for people otherwise. */
export async function create(context: Context, options: CreateOptions): Promise<void> {
  const ticket = await context.client().tickets.create({
    store_code: options.store,
    category: options.category as 'other',
    title: options.title,
    ...(options.asset !== undefined ? { asset_code: options.asset } : {}),
    ...(options.priority !== undefined ? { priority: options.priority as 'normal' } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.reporter !== undefined ? { reporter_name: options.reporter } : {}),
    ...(options.reporterLanguage !== undefined ? { reporter_language: options.reporterLanguage as 'en' } : {}),
    ...(options.reportedAt !== undefined ? { reported_at: options.reportedAt } : {}),
  });
  if (context.json) {
    context.io.stdout.write(toJson(ticket));
    return;
  }
  const zone = displayZone(context.io.stdout) ?? 'Asia/Shanghai';
  context.io.stdout.write(`${ticket.code}\n`);
  context.info(
    context.t('ticket.created', {
      code: ticket.code,
      status: ticketLabel(context, 'status', ticket.status),
      response_due: formatValue(ticket.response_due_at, context.language, zone),
      resolution_due: formatValue(ticket.resolution_due_at, context.language, zone),
    }),
  );
}
