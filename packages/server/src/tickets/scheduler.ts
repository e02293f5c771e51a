import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { BohDatabase } from '../db/connect.js';
import { storeCalendars } from './calendars.js';
import { clocksOf, slaColumns } from './clocks.js';
import { SYSTEM_ACTOR } from './context.js';
import { emitEvent } from './outbox.js';
import { readSlaPolicy, toSlaPolicy } from './policy.js';
import { runPreventivePlans } from './plans.js';
import type { SlaClock, TicketClocks } from './sla/index.js';
import { loadEvents, ticketCode } from './ticket-record.js';
import { deliverDue } from './webhook-worker.js';

export interface SlaPass {
  checked: number;
  warnings: number;
  breaches: number;
}

/**
 * Raise the SLA warnings and breaches that are due at `now`. Tickets are found by the
 * `sla_next_wake_at` their clocks computed, so a pass reads only the tickets whose status can
 * have changed. Each alert is written once (primary key ticket, clock, level), with its
 * `sla.warning` or `sla.breached` event, in the transaction that re-reads the ticket.
 */
export async function runSlaPass(database: BohDatabase, now: Date, within?: Kysely<Database>): Promise<SlaPass> {
  const db = within ?? database.db;
  // Within a caller's transaction (POST /sla/run) the pass uses it; otherwise one per ticket.
  const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => (within ? work(within) : database.db.transaction().execute(work));
  const nowIso = now.toISOString();
  const due = await db.selectFrom('tickets').select('number').where('sla_next_wake_at', '<=', nowIso).orderBy('sla_next_wake_at').limit(1000).execute();
  const pass: SlaPass = { checked: 0, warnings: 0, breaches: 0 };

  for (const { number } of due) {
    await inTransaction(async (trx) => {
      let query = trx.selectFrom('tickets').selectAll().where('number', '=', number);
      if (database.dialect === 'postgres') query = query.forUpdate().skipLocked();
      const row = await query.executeTakeFirst();
      if (!row || row.sla_next_wake_at === null || row.sla_next_wake_at > nowIso) return;

      const events = await loadEvents(trx, number);
      const calendar = (await storeCalendars(trx, [row.store_code])).get(row.store_code)!;
      const policy = toSlaPolicy((await readSlaPolicy(trx)).document);
      const clocks = clocksOf(row, events, calendar, policy, nowIso);
      pass.checked++;

      for (const [clock, state, assignee] of clockStates(clocks)) {
        const level = state.status === 'breached' ? 'breached' : state.status === 'at_risk' ? 'warning' : null;
        if (level === null) continue;
        const inserted = await trx
          .insertInto('sla_alerts')
          .values({ ticket_number: number, clock, level, at: nowIso })
          .onConflict((oc) => oc.columns(['ticket_number', 'clock', 'level']).doNothing())
          .returning('level')
          .executeTakeFirst();
        if (inserted === undefined) continue;
        if (level === 'breached') pass.breaches++;
        else pass.warnings++;
        await emitEvent(trx, {
          type: level === 'breached' ? 'sla.breached' : 'sla.warning',
          subject: ticketCode(number),
          storeCode: row.store_code,
          occurredAt: level === 'breached' ? (state.breachedAt ?? nowIso) : state.warnAt,
          data: {
            ticket_code: ticketCode(number),
            clock,
            priority: row.priority,
            category: row.category,
            assignee_code: assignee ?? row.assignee_code,
            due_at: state.dueAt,
            remaining_minutes: state.remainingMinutes,
            overdue_minutes: state.overdueMinutes,
          },
        });
      }
      await trx.updateTable('tickets').set(slaColumns(clocks)).where('number', '=', number).execute();
    });
  }
  return pass;
}

/** Every clock with a target: the ticket's two and each assignment's, named for alerts. */
function clockStates(clocks: TicketClocks): [string, SlaClock, string | null][] {
  const list: [string, SlaClock, string | null][] = [
    ['response', clocks.response, null],
    ['resolution', clocks.resolution, null],
  ];
  clocks.assignments.forEach((a, index) => {
    if ('status' in a.acceptance) list.push([`assignment.${index + 1}.acceptance`, a.acceptance, a.assignee]);
    if ('status' in a.arrival) list.push([`assignment.${index + 1}.arrival`, a.arrival, a.assignee]);
  });
  return list;
}

export interface WorkerOptions {
  database: BohDatabase;
  now: () => Date;
  logger?: FastifyBaseLogger | false;
  /** Longest sleep of the SLA loop; it wakes earlier for the next due clock. */
  slaPollMs?: number;
  deliveryPollMs?: number;
}

/**
 * The background loops of a server process: the SLA scheduler, preventive plans and webhook
 * delivery. Several processes may run them against one database; alerts and deliveries are
 * claimed so each happens once. Returns a function that stops them.
 */
export function startTicketWorkers(options: WorkerOptions): () => Promise<void> {
  const { database, now } = options;
  const log = options.logger || undefined;
  let stopped = false;
  let slaTimer: NodeJS.Timeout | undefined;
  let deliveryTimer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const slaLoop = async () => {
    if (stopped) return;
    try {
      await runSlaPass(database, now());
      await runPreventivePlans({ db: database.db, dialect: database.dialect, principal: undefined, actor: SYSTEM_ACTOR, language: 'zh-CN', now: now() });
    } catch (error) {
      log?.warn({ err: error }, 'SLA pass failed');
    }
    if (stopped) return;
    const next = await database.db.selectFrom('tickets').select('sla_next_wake_at').where('sla_next_wake_at', 'is not', null).orderBy('sla_next_wake_at').limit(1).executeTakeFirst().catch(() => undefined);
    const poll = options.slaPollMs ?? 30_000;
    const untilNext = next?.sla_next_wake_at ? Date.parse(next.sla_next_wake_at) - now().getTime() : poll;
    slaTimer = setTimeout(() => (running = slaLoop()), Math.max(200, Math.min(poll, untilNext)));
    slaTimer.unref();
  };

  const deliveryLoop = async () => {
    if (stopped) return;
    try {
      const pass = await deliverDue({ database, now });
      if (pass.failed > 0) log?.warn({ ...pass }, 'webhook deliveries failed');
    } catch (error) {
      log?.warn({ err: error }, 'webhook delivery pass failed');
    }
    if (stopped) return;
    deliveryTimer = setTimeout(() => (running = deliveryLoop()), options.deliveryPollMs ?? 2000);
    deliveryTimer.unref();
  };

  running = Promise.all([slaLoop(), deliveryLoop()]);
  return async () => {
    stopped = true;
    clearTimeout(slaTimer);
    clearTimeout(deliveryTimer);
    await running.catch(() => undefined);
  };
}

