import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ReconciliationTable } from './tables.js';

/** States of settlement items whose credit was paired with settlement days. */
const PAIRED_STATES = ['matched', 'written_off', 'amount_mismatch'];

/**
 * Read the bank credits that the period's bank settlement reconciliation paired with a channel's
 * settlement days, per settlement day. A credit covering several days counts on the last of
 * them. Returns null when the period has no bank settlement reconciliation, or when the channel
 * reconciliation covers one store, because a deposit settles every store at once.
 */
export async function bankDepositsByDay(db: Kysely<Database>, reconciliation: ReconciliationTable): Promise<Map<string, number> | null> {
  if (reconciliation.store_code !== '' || reconciliation.channel === 'bank') return null;
  const bank = await db.selectFrom('reconciliations').select('id').where('channel', '=', 'bank').where('period', '=', reconciliation.period).where('store_code', '=', '').executeTakeFirst();
  if (!bank) return null;

  const items = await db
    .selectFrom('reconciliation_items')
    .select(['pos_refs', 'line_amount_fen'])
    .where('reconciliation_id', '=', bank.id)
    .where('channel', '=', reconciliation.channel)
    .where('state', 'in', PAIRED_STATES)
    .execute();
  const deposits = new Map<string, number>();
  for (const item of items) {
    const lastDay = item.pos_refs.split(' ').filter((ref) => ref !== '').at(-1);
    if (lastDay === undefined) continue;
    const date = lastDay.slice(lastDay.indexOf('@') + 1);
    deposits.set(date, (deposits.get(date) ?? 0) + Number(item.line_amount_fen ?? 0));
  }
  return deposits;
}
