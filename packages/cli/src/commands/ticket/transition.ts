import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { toJson } from '../../output/format.js';
import { ticketLabel } from './labels.js';

/** Record a step of a ticket. */
export async function transition(context: Context, code: string, step: string, options: { at?: string; note?: string; rating?: string; reason?: string }): Promise<void> {
  const rating = options.rating === undefined ? undefined : Number(options.rating);
  if (rating !== undefined && !(Number.isInteger(rating) && rating >= 1 && rating <= 5)) {
    throw new UsageError('ticket.bad_rating', { value: options.rating });
  }
  const ticket = await context.client().tickets.transition(code, {
    to: step as 'accepted',
    ...(options.at !== undefined ? { at: options.at } : {}),
    ...(options.note !== undefined ? { note: options.note } : {}),
    ...(rating !== undefined ? { rating } : {}),
    ...(options.reason !== undefined ? { reason: options.reason as 'parts' } : {}),
  });
  if (context.json) {
    context.io.stdout.write(toJson(ticket));
    return;
  }
  context.io.stdout.write(`${ticket.code}\t${ticket.status}\n`);
  context.info(context.t('ticket.updated', { code: ticket.code, status: ticketLabel(context, 'status', ticket.status) }));
}
