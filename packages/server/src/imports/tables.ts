import type { Generated } from 'kysely';
import type { DbBoolean } from '../db/schema.js';

// Row types of the import tables (migration 0004), added to the shared Database interface.

export interface ImportJobTable {
  id: string;
  resource: string;
  mode: string;
  /** JSON array of field names. */
  match_on: string;
  dry_run: DbBoolean;
  file_name: string;
  file_sha256: string | null;
  file_size: number | null;
  source_format: string | null;
  batch_size: number;
  status: string;
  stop_reason: string | null;
  not_processed: number | null;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  batches_committed: number;
  last_sequence: number | null;
  created_by: string | null;
  created_by_token_id: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ImportBatchTable {
  job_id: string;
  sequence: number;
  /** SHA-256 of the batch's request body, to tell a retry from a different batch. */
  digest: string;
  first_line: number | null;
  last_line: number | null;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** JSON of the row results the batch returned, replayed on a retry. */
  results: string;
  committed_at: string;
}

export interface ImportRejectionTable {
  id: Generated<number>;
  job_id: string;
  sequence: number;
  line: number;
  field: string | null;
  source_column: string | null;
  code: string;
  /** JSON object of the message params. */
  params: string;
  /** The client's own wording, for reasons it found before sending. */
  message: string | null;
  value: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    import_jobs: ImportJobTable;
    import_batches: ImportBatchTable;
    import_rejections: ImportRejectionTable;
  }
}
