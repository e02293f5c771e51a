import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import './tables.js';

/**
 * The reconciliations of a period as the close checklist reads them: how many were run, how many
 * items are still unexplained in those not accepted, whether every run is clean or accepted, and
 * the channels reconciled. A period without runs is not accepted.
 */
export async function periodReconciliationStatus(db: Kysely<Database>, period: string): Promise<{ runs: number; unexplained: number; accepted: boolean; channels: string[] }> {
  const rows = await db.selectFrom('reconciliations').select(['channel', 'unexplained_count', 'accepted_at']).where('period', '=', period).execute();
  let unexplained = 0;
  let accepted = rows.length > 0;
  for (const row of rows) {
    if (row.accepted_at !== null) continue;
    unexplained += Number(row.unexplained_count);
    if (Number(row.unexplained_count) > 0) accepted = false;
  }
  const channels = [...new Set(rows.map((row) => row.channel))].sort();
  return { runs: rows.length, unexplained, accepted, channels };
}
