import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { registerClosingGuard } from './closing-guards.js';

// The closing guards over master data. Stock on hand, open purchase orders, unposted sales and
// open repair tickets are registered by their own domains, next to their tables.

/** Active assets still at the store and not disposed: they must be moved or disposed first. */
export async function assetsAtStore(db: Kysely<Database>, storeCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assets')
    .select('code')
    .where('store_code', '=', storeCode)
    .where('active', '=', true)
    .where('status', '!=', 'disposed')
    .orderBy('code')
    .execute();
  return rows.map((row) => row.code);
}

/**
 * Active employees still assigned to the store who have not left: they must be reassigned or
 * given a leaving date first. A leaving date after today still counts as assigned.
 */
export async function employeesAtStore(db: Kysely<Database>, storeCode: string): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('employees')
    .select('code')
    .where('store_code', '=', storeCode)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)]))
    .orderBy('code')
    .execute();
  return rows.map((row) => row.code);
}

let registered = false;

/** Register the master-data guards once per process. */
export function registerBuiltinClosingGuards(): void {
  if (registered) return;
  registered = true;
  registerClosingGuard('assets_in_service', assetsAtStore);
  registerClosingGuard('employees_assigned', employeesAtStore);
}
