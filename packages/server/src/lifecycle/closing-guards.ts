import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * A check that a store may close. It returns what still ties the store to operations, one entry
 * per record: its code or id, which reads the same in every language. An empty list lets the
 * store close. It runs inside the transaction of the move, so it sees that move's own writes.
 */
export type ClosingGuard = (db: Kysely<Database>, storeCode: string) => Promise<string[]>;

/** The records one guard found. */
export interface ClosingBlocker {
  guard: string;
  remaining: string[];
}

const guards = new Map<string, ClosingGuard>();

/**
 * Add a check that runs before a store may move to `closed`. Each domain registers its own at
 * module load, for example the inventory domain a check for stock on hand. `name` is also the
 * message key suffix of its label (`closing_guard.<name>` in the domain's catalogue).
 */
export function registerClosingGuard(name: string, guard: ClosingGuard): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`Closing guard name "${name}" must be lower-case letters, digits and "_".`);
  if (guards.has(name)) throw new Error(`A closing guard named "${name}" is already registered.`);
  guards.set(name, guard);
}

/** Remove a guard; for tests that register one of their own. */
export function unregisterClosingGuard(name: string): void {
  guards.delete(name);
}

/** Names of the registered guards, in registration order. */
export function closingGuardNames(): string[] {
  return [...guards.keys()];
}

/** Run every guard for the store and return those that found something, in registration order. */
export async function findClosingBlockers(db: Kysely<Database>, storeCode: string): Promise<ClosingBlocker[]> {
  const blockers: ClosingBlocker[] = [];
  for (const [name, guard] of guards) {
    const remaining = await guard(db, storeCode);
    if (remaining.length > 0) blockers.push({ guard: name, remaining });
  }
  return blockers;
}
