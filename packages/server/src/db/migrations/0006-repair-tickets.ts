import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * Repair tickets (报修工单): settings documents (store calendars, SLA policy, dispatch settings,
 * signal rules), technicians' profiles, tickets with their timelines, parts and labour,
 * attachments, progress links, SLA alerts, the outbox of domain events with webhook deliveries,
 * equipment signals, travel times and preventive maintenance plans.
 */
export function repairTickets(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      // One JSON document per key: `sla_policy`, `dispatch_settings`, `signal_rules`,
      // `calendar:<store>`. Each keeps a version for If-Match.
      await db.schema
        .createTable('ticket_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('document', types.json, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('technician_profiles')
        .addColumn('employee_code', 'text', (c) => c.primaryKey().references('employees.code'))
        .addColumn('working_hours', types.json, (c) => c.notNull())
        .addColumn('max_open_tickets', 'integer', (c) => c.notNull())
        .addColumn('current_latitude', 'double precision')
        .addColumn('current_longitude', 'double precision')
        .addColumn('located_at', types.instant)
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('tickets')
        .addColumn('number', types.serial, (c) => c.primaryKey())
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('asset_code', 'text', (c) => c.references('assets.code'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('reporter_name', 'text')
        .addColumn('reporter_phone', 'text')
        .addColumn('reporter_language', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('external_ref', 'text')
        .addColumn('required_skill', 'text')
        .addColumn('required_parts', types.json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('is_open', types.boolean, (c) => c.notNull())
        // `asset|fault` while a ticket raised by a signal or a plan is open, null otherwise: the
        // unique index makes a second open ticket for the same asset and fault impossible.
        .addColumn('open_fault_key', 'text', (c) => c.unique())
        .addColumn('fault_code', 'text')
        .addColumn('assignee_code', 'text', (c) => c.references('employees.code'))
        .addColumn('rating', 'integer')
        .addColumn('reopen_count', 'integer', (c) => c.notNull())
        .addColumn('signal_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('first_response_at', types.instant)
        .addColumn('resolved_at', types.instant)
        .addColumn('closed_at', types.instant)
        .addColumn('expected_arrival_at', types.instant)
        .addColumn('response_due_at', types.instant)
        .addColumn('resolution_due_at', types.instant)
        .addColumn('response_status', 'text')
        .addColumn('resolution_status', 'text')
        .addColumn('sla_next_wake_at', types.instant)
        .addColumn('parts_cost_fen', types.money, (c) => c.notNull())
        .addColumn('labour_cost_fen', types.money, (c) => c.notNull())
        .addColumn('plan_code', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .execute();
      for (const column of ['store_code', 'asset_code', 'assignee_code', 'status', 'created_at', 'sla_next_wake_at', 'external_ref']) {
        await db.schema.createIndex(`tickets_${column}`).on('tickets').column(column).execute();
      }

      await db.schema
        .createTable('ticket_events')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('ticket_number', 'integer', (c) => c.notNull().references('tickets.number'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', types.instant, (c) => c.notNull())
        .addColumn('assignee_code', 'text')
        .addColumn('reason', 'text')
        .addColumn('rating', 'integer')
        .addColumn('note', 'text')
        .addColumn('actor', 'text')
        .addColumn('recorded_at', types.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_number', 'id']).execute();

      await db.schema
        .createTable('ticket_parts')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('ticket_number', 'integer', (c) => c.notNull().references('tickets.number'))
        .addColumn('item_code', 'text', (c) => c.notNull().references('items.code'))
        .addColumn('quantity_micro', types.money, (c) => c.notNull())
        .addColumn('unit_cost_fen', types.money, (c) => c.notNull())
        .addColumn('cost_fen', types.money, (c) => c.notNull())
        .addColumn('recorded_at', types.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_parts_ticket').on('ticket_parts').column('ticket_number').execute();

      await db.schema
        .createTable('ticket_labour')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('ticket_number', 'integer', (c) => c.notNull().references('tickets.number'))
        .addColumn('technician_code', 'text', (c) => c.notNull().references('employees.code'))
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('hourly_cost_fen', types.money, (c) => c.notNull())
        .addColumn('cost_fen', types.money, (c) => c.notNull())
        .addColumn('work_date', types.date, (c) => c.notNull())
        .addColumn('recorded_at', types.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_labour_ticket').on('ticket_labour').column('ticket_number').execute();

      // What resolution hands to stock and the ledger; see tickets/settlement.ts.
      await db.schema
        .createTable('ticket_settlements')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('ticket_number', 'integer', (c) => c.notNull().references('tickets.number'))
        .addColumn('store_code', 'text', (c) => c.notNull())
        .addColumn('parts_cost_fen', types.money, (c) => c.notNull())
        .addColumn('labour_cost_fen', types.money, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('business_date', types.date, (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ticket_attachments')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('ticket_number', 'integer', (c) => c.notNull().references('tickets.number'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('progress_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_number', 'integer', (c) => c.notNull().references('tickets.number'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('revoked_at', types.instant)
        .execute();

      await db.schema
        .createTable('sla_alerts')
        .addColumn('ticket_number', 'integer', (c) => c.notNull().references('tickets.number'))
        .addColumn('clock', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('at', types.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('sla_alerts_pk', ['ticket_number', 'clock', 'level'])
        .execute();

      await db.schema
        .createTable('outbox_events')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('store_code', 'text')
        .addColumn('payload', types.json, (c) => c.notNull())
        .addColumn('occurred_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('event_types', types.json, (c) => c.notNull())
        .addColumn('active', types.boolean, (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull().references('webhook_subscriptions.id'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('outbox_events.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', types.instant, (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', types.instant)
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', types.instant)
        .addUniqueConstraint('webhook_deliveries_once', ['subscription_id', 'event_id'])
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();

      await db.schema
        .createTable('asset_signals')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('asset_code', 'text', (c) => c.notNull().references('assets.code'))
        .addColumn('at', types.instant, (c) => c.notNull())
        .addColumn('metric', 'text')
        .addColumn('value', 'double precision')
        .addColumn('fault_code', 'text')
        .addColumn('rule_code', 'text')
        .addColumn('ticket_number', 'integer')
        .execute();
      await db.schema.createIndex('asset_signals_asset').on('asset_signals').columns(['asset_code', 'at']).execute();

      await db.schema
        .createTable('asset_usage')
        .addColumn('asset_code', 'text', (c) => c.primaryKey().references('assets.code'))
        .addColumn('hours_of_use', 'double precision', (c) => c.notNull())
        .addColumn('measured_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('travel_times')
        .addColumn('technician_code', 'text', (c) => c.notNull().references('employees.code'))
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('travel_times_pk', ['technician_code', 'store_code'])
        .execute();

      await db.schema
        .createTable('maintenance_plans')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('asset_category', 'text', (c) => c.notNull())
        .addColumn('asset_model', 'text')
        .addColumn('every_days', 'integer')
        .addColumn('every_hours_of_use', 'integer')
        .addColumn('lead_days', 'integer', (c) => c.notNull())
        .addColumn('lead_hours_of_use', 'integer', (c) => c.notNull())
        .addColumn('ticket_category', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('active', types.boolean, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<any>) {
      const tables = [
        'maintenance_plans', 'travel_times', 'asset_usage', 'asset_signals', 'webhook_deliveries', 'webhook_subscriptions',
        'outbox_events', 'sla_alerts', 'progress_links', 'ticket_attachments', 'ticket_settlements', 'ticket_labour',
        'ticket_parts', 'ticket_events', 'tickets', 'technician_profiles', 'ticket_settings',
      ];
      for (const table of tables) await db.schema.dropTable(table).execute();
    },
  };
}
