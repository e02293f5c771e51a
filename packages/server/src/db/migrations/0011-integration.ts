import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * The joins between repair tickets, stock and the ledger. A ticket's parts and labour remember
 * the settlement that posted them, so a ticket resolved again after a reopening settles only
 * what was added since. A settlement keeps the stock value its parts took out and its journal
 * entry. Two posting rules name where maintenance is posted: the expense (5602 管理费用) and the
 * labour accrual (2211 应付职工薪酬).
 */
export function integration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('ticket_parts').addColumn('settlement_id', types.money).execute();
      await db.schema.alterTable('ticket_labour').addColumn('settlement_id', types.money).execute();
      await db.schema.alterTable('ticket_settlements').addColumn('parts_value_fen', types.money).execute();
      await db.schema.alterTable('ticket_settlements').addColumn('journal_entry_id', types.money).execute();

      // Settlements written before this migration took only the amounts; the lines they covered
      // are those recorded up to them. Marking those lines keeps them from being settled twice.
      for (const table of ['ticket_parts', 'ticket_labour']) {
        await sql`
          update ${sql.table(table)} set settlement_id = (
            select min(s.id) from ticket_settlements s
            where s.ticket_number = ${sql.ref(`${table}.ticket_number`)} and s.created_at >= ${sql.ref(`${table}.recorded_at`)}
          )
          where settlement_id is null`.execute(db);
      }

      const now = new Date().toISOString();
      await db
        .insertInto('posting_rules')
        .values([
          { rule: 'maintenance_expense', qualifier: 'default', account_code: '5602', version: 1, updated_at: now },
          { rule: 'maintenance_labour', qualifier: 'default', account_code: '2211', version: 1, updated_at: now },
        ])
        .onConflict((oc) => oc.columns(['rule', 'qualifier']).doNothing())
        .execute();
    },

    async down(db: Kysely<any>) {
      await db.deleteFrom('posting_rules').where('rule', 'in', ['maintenance_expense', 'maintenance_labour']).execute();
      await db.schema.alterTable('ticket_settlements').dropColumn('journal_entry_id').execute();
      await db.schema.alterTable('ticket_settlements').dropColumn('parts_value_fen').execute();
      await db.schema.alterTable('ticket_labour').dropColumn('settlement_id').execute();
      await db.schema.alterTable('ticket_parts').dropColumn('settlement_id').execute();
    },
  };
}
