import type { Generated } from 'kysely';
import type { DbBoolean } from '../db/schema.js';

// Row types of the lifecycle and site-selection tables (migration 0005).

export interface StoreTransitionTable {
  id: Generated<number>;
  store_code: string;
  from_stage: string;
  to_stage: string;
  effective_on: string;
  at: string;
  actor: string | null;
  actor_token_id: string | null;
  request_id: string | null;
  note: string | null;
  overridden: DbBoolean;
  override_reason: string | null;
  /** JSON array of checklist item keys. */
  overridden_items: string;
}

export interface StoreStagePeriodTable {
  id: Generated<number>;
  store_code: string;
  stage: string;
  started_on: string;
  started_at: string;
  ended_on: string | null;
  ended_at: string | null;
  entry_transition_id: number | null;
  /** False until the period's checklist items have been copied from the template. */
  checklist_ready: DbBoolean;
}

export interface StoreChecklistItemTable {
  period_id: number;
  item_key: string;
  store_code: string;
  stage: string;
  position: number;
  title_en: string;
  title_zh: string;
  mandatory: DbBoolean;
  /** JSON array of stages, or null for every move. */
  mandatory_for: string | null;
  /** JSON array of roles. */
  roles: string;
  evidence_required: DbBoolean;
  done: DbBoolean;
  done_at: string | null;
  done_by: string | null;
  done_by_token_id: string | null;
  note: string | null;
  evidence_ref: string | null;
  version: number;
}

export interface StoreSiteAttributesTable {
  store_code: string;
  rent_fen_per_m2_month: number | null;
  footfall_daily: number | null;
  nearby_population: number | null;
  competitors_500m: number | null;
  surveyed_on: string | null;
  source: string | null;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface StoreConstructionBudgetTable {
  store_code: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface StoreConstructionBudgetLineTable {
  store_code: string;
  category: string;
  position: number;
  amount_fen: number;
  note: string | null;
}

export interface StoreConstructionCostTable {
  id: Generated<number>;
  store_code: string;
  category: string;
  amount_fen: number;
  incurred_on: string;
  reference: string | null;
  supplier_code: string | null;
  note: string | null;
  created_at: string;
  actor: string | null;
  actor_token_id: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    store_transitions: StoreTransitionTable;
    store_stage_periods: StoreStagePeriodTable;
    store_checklist_items: StoreChecklistItemTable;
    store_site_attributes: StoreSiteAttributesTable;
    store_construction_budgets: StoreConstructionBudgetTable;
    store_construction_budget_lines: StoreConstructionBudgetLineTable;
    store_construction_costs: StoreConstructionCostTable;
  }
}
