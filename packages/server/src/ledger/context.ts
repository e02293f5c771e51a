import type { Kysely } from 'kysely';
import type { Actor } from '../audit/record.js';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';

/**
 * The working context of the posting services of sales, inventory and the ledger: the
 * transaction they write in, its dialect (PostgreSQL takes row and advisory locks that SQLite
 * does not need), who posts, and the posting time.
 */
export interface PostingContext {
  /** A transaction: every service writes all its rows or none through it. */
  db: Kysely<Database>;
  dialect: DialectName;
  actor: Actor;
  /** The time recorded as posted_at; now when absent. */
  now?: string;
}

/** Return the posting time of a context. */
export function postingTime(context: PostingContext): string {
  return context.now ?? new Date().toISOString();
}
