import type { Kysely, Migration } from 'kysely';

/**
 * The matching inputs of a bank settlement run (channel statements, settlement lags and
 * tolerances per channel), so a re-run with other inputs matches everything again instead of
 * keeping matches made with the old ones. Null for channel runs and for runs stored before.
 */
export function settlementMatchInputs(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('reconciliations').addColumn('match_inputs', 'text').execute();
    },

    async down(db: Kysely<any>) {
      await db.schema.alterTable('reconciliations').dropColumn('match_inputs').execute();
    },
  };
}
