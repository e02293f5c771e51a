// Row types of the statement and reconciliation tables (migrations 0007 and 0012), added to the shared
// Database interface.

export interface StatementTable {
  id: string;
  channel: string;
  layout: string;
  file_name: string;
  file_sha256: string;
  period: string;
  merchant_id: string | null;
  time_zone: string;
  line_count: number;
  lines_received: number;
  quarantined: number;
  gross_fen: number;
  refund_fen: number;
  fee_milli_fen: number;
  net_milli_fen: number;
  status: string;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

/** One line fingerprint of a finished statement. finishStatement writes them all at once. */
export interface StatementFingerprintTable {
  statement_id: string;
  fingerprint: string;
}

export interface StatementLineTable {
  statement_id: string;
  line_number: number;
  fingerprint: string;
  occurred_at: string | null;
  business_date: string | null;
  kind: string;
  flow: string;
  gross_fen: number;
  refund_fen: number;
  fee_milli_fen: number;
  net_milli_fen: number;
  transaction_id: string | null;
  merchant_order_number: string | null;
  refund_id: string | null;
  merchant_refund_id: string | null;
  store_id: string | null;
  description: string | null;
  counterparty: string | null;
  memo: string | null;
}

export interface ReconciliationTable {
  id: string;
  channel: string;
  period: string;
  store_code: string;
  statement_ids: string;
  tolerance_fen: number;
  window_seconds: number;
  write_off_account: string;
  time_zone: string;
  /** JSON of a bank run's matching inputs (see settlement-run.ts); null for channel runs. */
  match_inputs?: string | null;
  summary: string;
  unexplained_count: number;
  unexplained_fen: number;
  runs: number;
  /** The highest item id given so far, also of items deleted since; 0 before the first run. */
  last_item_id?: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  accepted_by: string | null;
  accepted_at: string | null;
}

export interface ReconciliationItemTable {
  reconciliation_id: string;
  /** The payment channel of an item of a bank settlement reconciliation; null otherwise. */
  channel: string | null;
  item_id: number;
  state: string;
  reason: string;
  rule: string | null;
  score: number;
  amount_fen: number;
  difference_fen: number;
  fee_milli_fen: number;
  business_date: string | null;
  store_code: string | null;
  pos_refs: string;
  pos_amount_fen: number | null;
  pos_at: string | null;
  line_refs: string;
  line_amount_fen: number | null;
  line_at: string | null;
  transaction_id: string | null;
  merchant_order_number: string | null;
  candidates: string | null;
  resolution: string | null;
  resolution_note: string | null;
  journal_entry_id: number | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface ReconciliationSettingsTable {
  channel: string;
  tolerance_fen: number;
  window_seconds: number;
  write_off_account: string;
  settlement_lag_days: number;
  /** JSON array of texts that mark a bank credit as the channel's. */
  bank_names: string;
  updated_by: string | null;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    statements: StatementTable;
    statement_lines: StatementLineTable;
    statement_fingerprints: StatementFingerprintTable;
    reconciliations: ReconciliationTable;
    reconciliation_items: ReconciliationItemTable;
    reconciliation_settings: ReconciliationSettingsTable;
  }
}
