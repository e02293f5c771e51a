import type { Generated } from 'kysely';
import type { DbBoolean } from '../db/schema.js';

// Row types of the ledger's tables (migration 0003), added to the shared Database interface.

export interface AccountTable {
  code: string;
  name_zh: string;
  name_en: string;
  category: string;
  balance_direction: string;
  parent_code: string | null;
  level: number;
  active: DbBoolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PostingRuleTable {
  rule: string;
  qualifier: string;
  account_code: string;
  version: number;
  updated_at: string;
}

export interface TaxRateTable {
  tax_category: string;
  effective_from: string;
  rate_bp: number;
  version: number;
  updated_at: string;
}

export interface AccountingPeriodTable {
  period: string;
  status: string;
  closed_at: string | null;
  closed_by: string | null;
  locked_at: string | null;
  locked_by: string | null;
  reopened_at: string | null;
  reopened_by: string | null;
  reopen_reason: string | null;
  version: number;
  updated_at: string;
}

export interface JournalEntryTable {
  id: Generated<number>;
  entry_date: string;
  period: string;
  store_code: string | null;
  source_type: string;
  source_ref: string | null;
  memo: string | null;
  /** How many orders, refunds or documents the entry sums up; 0 for a manual entry. */
  document_count: number;
  reverses_entry_id: number | null;
  total_fen: number;
  posted_at: string;
  posted_by: string | null;
  request_id: string | null;
}

export interface JournalLineTable {
  entry_id: number;
  line_number: number;
  account_code: string;
  store_code: string | null;
  debit_fen: number;
  credit_fen: number;
  memo: string | null;
  entry_date: string;
  period: string;
}

export interface LedgerBalanceTable {
  period: string;
  account_code: string;
  /** '' for lines without a store. */
  store_code: string;
  debit_fen: number;
  credit_fen: number;
}

declare module '../db/schema.js' {
  interface Database {
    accounts: AccountTable;
    posting_rules: PostingRuleTable;
    tax_rates: TaxRateTable;
    accounting_periods: AccountingPeriodTable;
    journal_entries: JournalEntryTable;
    journal_lines: JournalLineTable;
    ledger_balances: LedgerBalanceTable;
  }
}
