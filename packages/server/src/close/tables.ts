import type { Generated } from 'kysely';

// Row types of the period close (migration 0008), added to the shared Database interface.

export interface PeriodSnapshotTable {
  id: Generated<number>;
  period: string;
  /** 1 for the first close of the period; each reclose adds one. */
  sequence: number;
  /** sha256 hex of `content`. */
  content_hash: string;
  /** The canonical serialisation of the snapshot, see `snapshot.ts`. */
  content: string;
  /** JSON array of the check keys accepted at close. */
  accepted_checks: string;
  /** JSON array of the checklist at close: [{key, state, count, amount_fen}]. */
  checks: string;
  created_at: string;
  created_by: string | null;
  request_id: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    period_snapshots: PeriodSnapshotTable;
  }
}
