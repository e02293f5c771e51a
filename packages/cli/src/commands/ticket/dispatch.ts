import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { writeLine } from '../../runtime/io.js';
import { confirmChange } from '../../runtime/prompt.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';

/**
 * With a ticket code: the ranking of technicians with reasons. With --open: the balanced plan
 * for every open unassigned ticket, printed first; it is applied after a confirmation, or at once
 * with --yes. Without a terminal and without --yes, nothing is assigned.
 */
export async function dispatch(context: Context, code: string | undefined, options: { open?: boolean; store?: string[] }): Promise<void> {
  const client = context.client();
  if (code !== undefined && !options.open) {
    const ranking = await client.tickets.candidates(code);
    if (context.json) {
      context.io.stdout.write(toJson(ranking));
      return;
    }
    const rows = ranking.data.map((c) => ({
      rank: String(c.rank),
      technician: `${c.technician_code} ${c.name}${c.eligible ? '' : ' ✗'}`,
      score: String(c.score),
      reasons: c.reasons.map((r) => r.detail).join('; '),
    }));
    context.io.stdout.write(renderTable(rows, (['rank', 'technician', 'score', 'reasons'] as const).map((key) => ({ header: context.t(`ticket.column.${key}`), value: (row: (typeof rows)[number]) => row[key] })), Boolean(context.io.stdout.isTTY)));
    return;
  }
  if (!options.open) throw new UsageError('ticket.dispatch.needs_target');

  const plan = await client.dispatch.plan(options.store?.length ? { store_codes: options.store } : {});
  const summary = context.t('ticket.dispatch.plan_summary', {
    assigned: plan.assignments.length,
    tickets: plan.stats.tickets,
    technicians: plan.stats.technicians,
    unassigned: plan.unassigned.length,
    elapsed: plan.stats.elapsed_ms,
  });
  if (!context.json) {
    const rows = plan.assignments.map((a) => ({ code: a.ticket_code, technician: a.technician_code, travel: a.travel_minutes === null ? '' : String(a.travel_minutes), score: String(a.score) }));
    context.io.stdout.write(renderTable(rows, (['code', 'technician', 'travel', 'score'] as const).map((key) => ({ header: context.t(`ticket.column.${key}`), value: (row: (typeof rows)[number]) => row[key] })), Boolean(context.io.stdout.isTTY)));
    const load = plan.load.filter((l) => l.after > 0 || l.before > 0).map((l) => ({ technician: l.technician_code, before: String(l.before), after: String(l.after), capacity: String(l.capacity) }));
    writeLine(context.io.stderr, '');
    context.io.stderr.write(renderTable(load, (['technician', 'before', 'after', 'capacity'] as const).map((key) => ({ header: context.t(`ticket.column.${key}`), value: (row: (typeof load)[number]) => row[key] })), true));
    for (const u of plan.unassigned) context.info(context.t('ticket.dispatch.unassigned', { code: u.ticket_code, detail: u.detail }));
    context.info(summary);
  }

  if (plan.assignments.length === 0 || (!context.yes && !context.interactive)) {
    if (context.json) context.io.stdout.write(toJson({ plan, applied: null }));
    else if (plan.assignments.length > 0) context.info(context.t('ticket.dispatch.needs_yes'));
    return;
  }
  await confirmChange(context, context.t('ticket.dispatch.confirm', { count: plan.assignments.length }));
  const applied = await client.dispatch.apply({ assignments: plan.assignments.map((a) => ({ ticket_code: a.ticket_code, technician_code: a.technician_code })) });
  if (context.json) {
    context.io.stdout.write(toJson({ plan, applied }));
    return;
  }
  context.info(context.t('ticket.dispatch.applied', { applied: applied.applied.length, skipped: applied.skipped.length }));
}
