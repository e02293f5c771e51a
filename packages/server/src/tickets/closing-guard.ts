import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { registerClosingGuard } from '../lifecycle/closing-guards.js';
import { ticketCode } from './ticket-record.js';

/**
 * Repair tickets of the store that are neither closed nor cancelled. A resolved ticket still
 * counts: the store verifies or closes it before the store itself closes.
 */
export async function openTicketsAtStore(db: Kysely<Database>, storeCode: string): Promise<string[]> {
  const rows = await db.selectFrom('tickets').select('number').where('store_code', '=', storeCode).where('status', 'not in', ['closed', 'cancelled']).orderBy('number').execute();
  return rows.map((row) => ticketCode(row.number));
}

let registered = false;

/** Register the open-tickets guard of store closing once per process. */
export function registerTicketClosingGuard(): void {
  if (registered) return;
  registered = true;
  registerClosingGuard('open_repair_tickets', openTicketsAtStore);
}
