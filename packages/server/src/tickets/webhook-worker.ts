import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { BohDatabase } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import './tables.js';

/** Waits after failed attempts: 10 s, 1 min, 5 min, 30 min, 2 h, then every 6 h. */
export const RETRY_DELAYS_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];
/** A delivery is given up after this many attempts. */
export const MAX_ATTEMPTS = 12;
/** How long a claimed delivery is reserved for the process that claimed it. */
export const LEASE_MS = 60_000;

/** HMAC-SHA256 signature header of a delivery: `t=<unix seconds>,v1=<hex of HMAC(secret, "<t>.<body>")>`. */
export function signDelivery(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export interface DeliveryOptions {
  database: BohDatabase;
  now: () => Date;
  /** The fetch used to POST; tests pass one that records or fails. */
  fetch?: typeof globalThis.fetch;
  /** Names this process in leases. */
  owner?: string;
  batchSize?: number;
  timeoutMs?: number;
}

export interface DeliveryPass {
  claimed: number;
  delivered: number;
  failed: number;
}

/**
 * Claim due deliveries with a lease and send them. Several processes may run this at once:
 * a row is claimed by one UPDATE that sets the lease only where no live lease exists (with
 * FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite runs one writer at a time), so an event goes to
 * a subscriber once unless a process dies mid-send, when the lease expires and it is retried.
 */
export async function deliverDue(options: DeliveryOptions): Promise<DeliveryPass> {
  const { database } = options;
  const db = database.db;
  const owner = options.owner ?? `p${process.pid}-${randomBytes(4).toString('hex')}`;
  const now = options.now();
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();

  const claimed = await db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .orderBy('id')
      .limit(options.batchSize ?? 50);
    if (database.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => Number(row.id));
    if (ids.length === 0) return [];
    await trx.updateTable('webhook_deliveries').set({ lease_owner: owner, lease_until: leaseUntil }).where('id', 'in', ids).execute();
    return ids;
  });
  if (claimed.length === 0) return { claimed: 0, delivered: 0, failed: 0 };

  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.attempts', 's.url', 's.secret', 'e.id as event_id', 'e.type', 'e.subject', 'e.store_code', 'e.occurred_at', 'e.payload'])
    .where('d.id', 'in', claimed)
    .where('d.lease_owner', '=', owner)
    .execute();

  let delivered = 0;
  let failed = 0;
  for (const row of rows) {
    const body = JSON.stringify({ id: Number(row.event_id), type: row.type, subject: row.subject, store_code: row.store_code, occurred_at: row.occurred_at, data: JSON.parse(row.payload) });
    const outcome = await send(options, row.url, row.secret, body, Number(row.event_id), now);
    const attempts = row.attempts + 1;
    if (outcome.ok) {
      delivered++;
      await db.updateTable('webhook_deliveries').set({ status: 'delivered', attempts, delivered_at: options.now().toISOString(), last_status: outcome.status, last_error: null, lease_owner: null, lease_until: null }).where('id', '=', row.id).where('lease_owner', '=', owner).execute();
    } else {
      failed++;
      const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)]!;
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          attempts,
          next_attempt_at: new Date(options.now().getTime() + delay).toISOString(),
          last_status: outcome.status,
          last_error: outcome.error,
          lease_owner: null,
          lease_until: null,
        })
        .where('id', '=', row.id)
        .where('lease_owner', '=', owner)
        .execute();
    }
  }
  return { claimed: claimed.length, delivered, failed };
}

async function send(options: DeliveryOptions, url: string, secret: string, body: string, eventId: number, now: Date): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await (options.fetch ?? globalThis.fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'boh-webhooks',
        'boh-event-id': String(eventId),
        'boh-timestamp': String(timestamp),
        'boh-signature': signDelivery(secret, body, timestamp),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? { ok: true, status: response.status, error: null } : { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message.slice(0, 500) };
  }
}

/** Deliveries per status, for tests and diagnostics. */
export async function deliveryCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('webhook_deliveries').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}
