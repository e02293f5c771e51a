import type { Generated } from 'kysely';
import type { DbBoolean } from '../db/schema.js';

// Row types of the repair-ticket tables (migration 0006), joined to `Database` below.

export interface TicketSettingTable {
  key: string;
  document: string;
  version: number;
  updated_at: string;
}

export interface TechnicianProfileTable {
  employee_code: string;
  /** JSON `BusinessCalendarInput` of the technician's working hours. */
  working_hours: string;
  max_open_tickets: number;
  current_latitude: number | null;
  current_longitude: number | null;
  located_at: string | null;
  version: number;
  updated_at: string;
}

export interface TicketTable {
  number: Generated<number>;
  store_code: string;
  asset_code: string | null;
  kind: string;
  category: string;
  priority: string;
  title: string;
  description: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_language: string;
  source: string;
  external_ref: string | null;
  required_skill: string | null;
  /** JSON array of `{item_code, quantity}`. */
  required_parts: string;
  status: string;
  is_open: DbBoolean;
  open_fault_key: string | null;
  fault_code: string | null;
  assignee_code: string | null;
  rating: number | null;
  reopen_count: number;
  signal_count: number;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  expected_arrival_at: string | null;
  response_due_at: string | null;
  resolution_due_at: string | null;
  response_status: string | null;
  resolution_status: string | null;
  sla_next_wake_at: string | null;
  parts_cost_fen: number;
  labour_cost_fen: number;
  plan_code: string | null;
  version: number;
  updated_at: string;
}

export interface TicketEventTable {
  id: Generated<number>;
  ticket_number: number;
  type: string;
  at: string;
  assignee_code: string | null;
  reason: string | null;
  rating: number | null;
  note: string | null;
  actor: string | null;
  recorded_at: string;
}

export interface TicketPartTable {
  id: Generated<number>;
  ticket_number: number;
  item_code: string;
  quantity_micro: number;
  unit_cost_fen: number;
  cost_fen: number;
  recorded_at: string;
  /** The settlement that took the part out of stock; null until the ticket is resolved. */
  settlement_id: number | null;
}

export interface TicketLabourTable {
  id: Generated<number>;
  ticket_number: number;
  technician_code: string;
  minutes: number;
  hourly_cost_fen: number;
  cost_fen: number;
  work_date: string;
  recorded_at: string;
  /** The settlement that posted the labour; null until the ticket is resolved. */
  settlement_id: number | null;
}

export interface TicketSettlementTable {
  id: Generated<number>;
  ticket_number: number;
  store_code: string;
  parts_cost_fen: number;
  labour_cost_fen: number;
  status: string;
  business_date: string;
  created_at: string;
  /** What the parts took out of stock at moving-average cost, fen. */
  parts_value_fen: number | null;
  journal_entry_id: number | null;
}

export interface TicketAttachmentTable {
  id: Generated<number>;
  ticket_number: number;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

export interface ProgressLinkTable {
  id: string;
  ticket_number: number;
  token_hash: string;
  language: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SlaAlertTable {
  ticket_number: number;
  clock: string;
  level: string;
  at: string;
}

export interface OutboxEventTable {
  id: Generated<number>;
  type: string;
  subject: string;
  store_code: string | null;
  payload: string;
  occurred_at: string;
}

export interface WebhookSubscriptionTable {
  id: string;
  url: string;
  secret: string;
  event_types: string;
  active: DbBoolean;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  subscription_id: string;
  event_id: number;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export interface AssetSignalTable {
  id: Generated<number>;
  asset_code: string;
  at: string;
  metric: string | null;
  value: number | null;
  fault_code: string | null;
  rule_code: string | null;
  ticket_number: number | null;
}

export interface AssetUsageTable {
  asset_code: string;
  hours_of_use: number;
  measured_at: string;
}

export interface TravelTimeTable {
  technician_code: string;
  store_code: string;
  minutes: number;
}

export interface MaintenancePlanTable {
  code: string;
  name: string;
  asset_category: string;
  asset_model: string | null;
  every_days: number | null;
  every_hours_of_use: number | null;
  lead_days: number;
  lead_hours_of_use: number;
  ticket_category: string;
  priority: string;
  active: DbBoolean;
  version: number;
  created_at: string;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    ticket_settings: TicketSettingTable;
    technician_profiles: TechnicianProfileTable;
    tickets: TicketTable;
    ticket_events: TicketEventTable;
    ticket_parts: TicketPartTable;
    ticket_labour: TicketLabourTable;
    ticket_settlements: TicketSettlementTable;
    ticket_attachments: TicketAttachmentTable;
    progress_links: ProgressLinkTable;
    sla_alerts: SlaAlertTable;
    outbox_events: OutboxEventTable;
    webhook_subscriptions: WebhookSubscriptionTable;
    webhook_deliveries: WebhookDeliveryTable;
    asset_signals: AssetSignalTable;
    asset_usage: AssetUsageTable;
    travel_times: TravelTimeTable;
    maintenance_plans: MaintenancePlanTable;
  }
}
