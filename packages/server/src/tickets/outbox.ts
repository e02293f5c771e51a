import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import './tables.js';

export interface DomainEvent {
  type: string;
  /** The ticket code or asset code the event is about. */
  subject: string;
  storeCode: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** True when a subscription's pattern (`ticket.created`, `sla.*`, or none for all) takes the type. */
export function matchesEventType(patterns: readonly string[], type: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((pattern) => (pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type));
}

/**
 * Write a domain event to the outbox, with one pending delivery per active webhook that wants
 * it. Call it inside the transaction of the change: the event exists exactly when the change
 * was committed, and the delivery worker sends it afterwards.
 */
export async function emitEvent(db: Kysely<Database>, event: DomainEvent): Promise<number> {
  const inserted = await db
    .insertInto('outbox_events')
    .values({
      type: event.type,
      subject: event.subject,
      store_code: event.storeCode,
      payload: JSON.stringify(event.data),
      occurred_at: event.occurredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const eventId = Number(inserted.id);

  const subscriptions = await db.selectFrom('webhook_subscriptions').select(['id', 'event_types']).where('active', '=', true).execute();
  const wanted = subscriptions.filter((s) => matchesEventType(JSON.parse(s.event_types) as string[], event.type));
  if (wanted.length > 0) {
    await db
      .insertInto('webhook_deliveries')
      .values(
        wanted.map((s) => ({
          subscription_id: s.id,
          event_id: eventId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: event.occurredAt,
          lease_owner: null,
          lease_until: null,
          last_status: null,
          last_error: null,
          delivered_at: null,
        })),
      )
      .execute();
  }
  return eventId;
}
