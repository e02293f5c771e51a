import { randomBytes } from 'node:crypto';
import type { Handler } from '../http/handler.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { WebhookSubscriptionTable } from './tables.js';
import type { Selectable } from 'kysely';

const eventCursor = (id: number) => `ev_${id}`;

function readEventCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^ev_(\d{1,15})$/.exec(cursor);
  if (!match) throw new ApiError(400, 'invalid_cursor', { cursor, sort: 'id' });
  return Number(match[1]);
}

/**
 * Events after the cursor in id order. On PostgreSQL an id is taken when the event is written
 * and a transaction with a lower id may commit after one with a higher id, so a poller keeps
 * its cursor a little behind and tolerates seeing an event twice (ids identify them).
 */
const listEvents: Handler<'listEvents'> = async (c) => {
  const after = readEventCursor(c.query.cursor);
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('outbox_events').selectAll().where('id', '>', after);
  const type = c.query.type;
  if (type !== undefined) query = type.endsWith('.*') ? query.where('type', 'like', `${type.slice(0, -1)}%`) : query.where('type', '=', type);
  const rows = await query.orderBy('id').limit(limit).execute();
  const data = rows.map((row) => ({
    id: Number(row.id),
    type: row.type,
    subject: row.subject,
    store_code: row.store_code,
    occurred_at: row.occurred_at,
    data: JSON.parse(row.payload) as Record<string, unknown>,
  }));
  const last = data.at(-1);
  return { status: 200, body: { data, next_cursor: last ? eventCursor(last.id) : c.query.cursor ?? null } };
};

function webhookToApi(row: Selectable<WebhookSubscriptionTable>) {
  return { id: row.id, url: row.url, event_types: JSON.parse(row.event_types) as string[], active: Boolean(row.active), created_at: row.created_at };
}

const listWebhooks: Handler<'listWebhooks'> = async (c) => {
  const rows = await c.db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute();
  const after = c.query.cursor ?? '';
  const page = rows.filter((row) => row.id > after).slice(0, c.query.limit ?? 50);
  const more = rows.filter((row) => row.id > after).length > page.length;
  return { status: 200, body: { data: page.map(webhookToApi), next_cursor: more ? page.at(-1)!.id : null } };
};

const createWebhook: Handler<'createWebhook'> = async (c) => {
  const row = {
    id: `wh_${randomBytes(8).toString('hex')}`,
    url: c.body.url,
    secret: `whsec_${randomBytes(24).toString('base64url')}`,
    event_types: JSON.stringify(c.body.event_types ?? []),
    active: true,
    created_at: c.now().toISOString(),
  };
  await c.db.insertInto('webhook_subscriptions').values(row).execute();
  return { status: 201, body: { ...webhookToApi(row), secret: row.secret } };
};

const deactivateWebhook: Handler<'deactivateWebhook'> = async (c) => {
  const row = await c.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', c.params.id).executeTakeFirst();
  if (!row) throw notFound('webhook', c.params.id);
  await c.db.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', row.id).execute();
  await c.db.updateTable('webhook_deliveries').set({ status: 'cancelled' }).where('subscription_id', '=', row.id).where('status', '=', 'pending').execute();
  return { status: 200, body: webhookToApi({ ...row, active: false }) };
};

export const eventHandlers = { listEvents, listWebhooks, createWebhook, deactivateWebhook };
