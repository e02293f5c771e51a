import type { Kysely } from 'kysely';
import type { Actor } from '../audit/record.js';
import type { Principal } from '../auth/roles.js';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Language } from '../i18n/language.js';

/** What the ticket services work with: the transaction, the caller and the clock. */
export interface TicketContext {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Undefined for work the server does by itself (scheduler, signals from rules). */
  principal: Principal | undefined;
  actor: Actor;
  language: Language;
  now: Date;
}

export function ticketContext(c: {
  db: Kysely<Database>;
  database: { dialect: DialectName };
  principal: Principal;
  actor: Actor;
  language: Language;
  now: () => Date;
}): TicketContext {
  return { db: c.db, dialect: c.database.dialect, principal: c.principal, actor: c.actor, language: c.language, now: c.now() };
}

/** The actor of work the server does by itself. */
export const SYSTEM_ACTOR: Actor = { name: 'boh-scheduler', tokenId: null, requestId: null };
