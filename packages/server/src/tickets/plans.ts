import type { components } from '@boh/sdk/types';
import type { Selectable } from 'kysely';
import type { Handler } from '../http/handler.js';
import { validationError } from '../http/api-error.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { TicketContext } from './context.js';
import { createTicket } from './service.js';
import type { MaintenancePlanTable } from './tables.js';
import { ticketCode } from './ticket-record.js';

type MaintenancePlan = components['schemas']['MaintenancePlan'];
const DAY_MS = 86_400_000;

function planToApi(row: Selectable<MaintenancePlanTable>): MaintenancePlan {
  return {
    code: row.code,
    name: row.name,
    asset_category: row.asset_category as MaintenancePlan['asset_category'],
    ...(row.asset_model !== null ? { asset_model: row.asset_model } : {}),
    ...(row.every_days !== null ? { every_days: row.every_days } : {}),
    ...(row.every_hours_of_use !== null ? { every_hours_of_use: row.every_hours_of_use } : {}),
    lead_days: row.lead_days,
    lead_hours_of_use: row.lead_hours_of_use,
    ticket_category: row.ticket_category as MaintenancePlan['ticket_category'],
    priority: row.priority as MaintenancePlan['priority'],
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const listMaintenancePlans: Handler<'listMaintenancePlans'> = async (c) => {
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('maintenance_plans').selectAll();
  if (c.query.cursor) query = query.where('code', '>', decodeCursor(c.query.cursor, 'code').key);
  const rows = await query.orderBy('code').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { status: 200, body: { data: page.map(planToApi), next_cursor: rows.length > limit && last ? encodeCursor({ sort: 'code', value: last.code, key: last.code }) : null } };
};

const putMaintenancePlan: Handler<'putMaintenancePlan'> = async (c) => {
  const input = c.body;
  if (input.every_days === undefined && input.every_hours_of_use === undefined) {
    throw validationError([{ field: 'body.every_days', code: 'plan_needs_interval' }]);
  }
  const existing = await c.db.selectFrom('maintenance_plans').selectAll().where('code', '=', c.params.code).executeTakeFirst();
  assertVersion(parseIfMatch(c.headers['if-match']), existing?.version ?? 0, 'maintenance_plan', c.params.code);
  const now = c.now().toISOString();
  const row = {
    code: c.params.code,
    name: input.name,
    asset_category: input.asset_category,
    asset_model: input.asset_model ?? null,
    every_days: input.every_days ?? null,
    every_hours_of_use: input.every_hours_of_use ?? null,
    lead_days: input.lead_days ?? 7,
    lead_hours_of_use: input.lead_hours_of_use ?? 0,
    ticket_category: input.ticket_category,
    priority: input.priority ?? 'low',
    active: input.active ?? true,
    version: (existing?.version ?? 0) + 1,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  if (existing) await c.db.updateTable('maintenance_plans').set(row).where('code', '=', row.code).execute();
  else await c.db.insertInto('maintenance_plans').values(row).execute();
  return { status: 200, body: planToApi(row), headers: { ETag: etagOf(row.version) } };
};

export interface PreventiveTicket {
  plan_code: string;
  asset_code: string;
  ticket_code: string;
  due_at: string;
}

/**
 * Create the preventive tickets that are due, ahead of time. By days: periods of `every_days`
 * from the asset's installation (or the plan's creation), a ticket `lead_days` before the end
 * of each. By hours of use: one at each multiple of `every_hours_of_use`, once the meter is
 * within `lead_hours_of_use` of it. Each period gets one ticket (its fault code names it), and
 * the open fault key keeps a plan from having two open tickets on one asset.
 */
export async function runPreventivePlans(ctx: TicketContext): Promise<PreventiveTicket[]> {
  const { db } = ctx;
  const plans = await db.selectFrom('maintenance_plans').selectAll().where('active', '=', true).execute();
  const created: PreventiveTicket[] = [];
  const nowMs = ctx.now.getTime();

  for (const plan of plans) {
    let assets = db.selectFrom('assets').selectAll().where('active', '=', true).where('category', '=', plan.asset_category);
    if (plan.asset_model !== null) assets = assets.where('model', '=', plan.asset_model);
    for (const asset of await assets.execute()) {
      const due: { fault: string; dueAt: number }[] = [];
      if (plan.every_days !== null) {
        const anchor = asset.installed_on !== null ? Date.parse(`${asset.installed_on}T00:00:00Z`) : Date.parse(plan.created_at);
        const period = plan.every_days * DAY_MS;
        const k = Math.floor((nowMs + plan.lead_days * DAY_MS - anchor) / period);
        if (k >= 1) due.push({ fault: `plan:${plan.code}:d${k}`, dueAt: anchor + k * period });
      }
      if (plan.every_hours_of_use !== null) {
        const usage = await db.selectFrom('asset_usage').selectAll().where('asset_code', '=', asset.code).executeTakeFirst();
        const k = usage ? Math.floor((usage.hours_of_use + plan.lead_hours_of_use) / plan.every_hours_of_use) : 0;
        if (k >= 1) due.push({ fault: `plan:${plan.code}:h${k * plan.every_hours_of_use}`, dueAt: nowMs });
      }

      for (const { fault, dueAt } of due) {
        const exists = await db.selectFrom('tickets').select('number').where('asset_code', '=', asset.code).where('fault_code', '=', fault).executeTakeFirst();
        if (exists) continue;
        const row = await createTicket(
          ctx,
          {
            store_code: asset.store_code,
            asset_code: asset.code,
            kind: 'preventive',
            category: plan.ticket_category as 'other',
            priority: plan.priority as 'low',
            title: `${plan.name} · ${asset.name}`,
          },
          { source: 'plan', openFaultKey: `${asset.code}|plan:${plan.code}`, faultCode: fault, planCode: plan.code },
        );
        if (row) created.push({ plan_code: plan.code, asset_code: asset.code, ticket_code: ticketCode(row.number), due_at: new Date(dueAt).toISOString() });
      }
    }
  }
  return created;
}

export const planHandlers = { listMaintenancePlans, putMaintenancePlan };
