import type { Handler } from '../http/handler.js';
import { SYSTEM_ACTOR } from './context.js';
import { runPreventivePlans } from './plans.js';
import { runSlaPass } from './scheduler.js';

/** One pass of the scheduler on request, in the request's transaction. */
const runSlaScheduler: Handler<'runSlaScheduler'> = async (c) => {
  const now = c.now();
  const pass = await runSlaPass(c.database, now, c.db);
  const created = await runPreventivePlans({ db: c.db, dialect: c.database.dialect, principal: undefined, actor: { ...SYSTEM_ACTOR, name: c.actor.name }, language: c.language, now });
  return { status: 200, body: { ...pass, preventive_tickets: created.length } };
};

export const slaRunHandlers = { runSlaScheduler };
