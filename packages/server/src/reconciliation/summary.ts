import { sql, type Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { ITEM_STATES, UNEXPLAINED_STATES, type ItemState } from './states.js';

export type ReconciliationSummary = components['schemas']['ReconciliationSummary'];

/**
 * Count and add up the items of a reconciliation per state in one pass over its rows. An item in
 * a state that needs a person is unexplained until it is resolved; its amount counts whole
 * (without sign) in the unexplained total.
 */
export async function summarise(db: Kysely<Database>, reconciliationId: string): Promise<ReconciliationSummary> {
  const rows = await db
    .selectFrom('reconciliation_items')
    .select([
      'state',
      sql<number>`case when resolution is null then 0 else 1 end`.as('resolved'),
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(amount_fen), 0)`.as('amount'),
      sql<number>`coalesce(sum(abs(amount_fen)), 0)`.as('absolute'),
      sql<number>`coalesce(sum(fee_milli_fen), 0)`.as('fee'),
    ])
    .where('reconciliation_id', '=', reconciliationId)
    .groupBy(['state', sql`case when resolution is null then 0 else 1 end`])
    .execute();

  const states = Object.fromEntries(ITEM_STATES.map((state) => [state, { count: 0, amount_fen: 0 }])) as ReconciliationSummary['states'];
  const unexplained = { count: 0, amount_fen: 0 };
  let fee = 0;
  for (const row of rows) {
    const state = row.state as ItemState;
    states[state].count += Number(row.count);
    states[state].amount_fen += Number(row.amount);
    fee += Number(row.fee);
    if (UNEXPLAINED_STATES.has(state) && Number(row.resolved) === 0) {
      unexplained.count += Number(row.count);
      unexplained.amount_fen += Number(row.absolute);
    }
  }
  return { states, unexplained, fee_milli_fen: fee };
}
