// Row types of the report tables (migration 0009), added to the shared Database interface.

export interface ReportRunTable {
  id: string;
  report: string;
  /** JSON of the run's parameters (period, store_code, region_code, brand, compare). */
  params: string;
  generated_at: string;
  generated_by: string;
  /** JSON object: section key → number of rows. */
  row_counts: string;
  /** JSON array of the data the run found missing. */
  missing_data: string;
  /** JSON of the computed run (see engine/run-result.ts), which the writers render again. */
  result: string;
}

export interface FootfallCountTable {
  store_code: string;
  business_date: string;
  /** 0–23 for an hourly count, -1 for a whole-day count. */
  hour: number;
  visitors: number;
  updated_at: string;
}

export interface LabourHoursTable {
  store_code: string;
  business_date: string;
  role: string;
  /** Hours worked, in thousandths of an hour. */
  hours_milli: number;
  cost_fen: number;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    report_runs: ReportRunTable;
    footfall_counts: FootfallCountTable;
    labour_hours: LabourHoursTable;
  }
}
