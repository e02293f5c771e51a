import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { toJson } from '../../output/format.js';
import { ticketLabel } from './labels.js';

/** Assign a technician, or the best-ranked one with --auto. */
export async function assign(context: Context, code: string, options: { technician?: string; auto?: boolean; note?: string }): Promise<void> {
  if ((options.technician === undefined) === !options.auto) throw new UsageError('ticket.assign.needs_target');
  const ticket = await context.client().tickets.assign(code, {
    ...(options.technician !== undefined ? { technician_code: options.technician } : { auto: true }),
    ...(options.note !== undefined ? { note: options.note } : {}),
  });
  if (context.json) {
    context.io.stdout.write(toJson(ticket));
    return;
  }
  context.io.stdout.write(`${ticket.code}\t${ticket.assignee_code ?? ''}\n`);
  context.info(context.t('ticket.updated', { code: ticket.code, status: ticketLabel(context, 'status', ticket.status) }));
}
