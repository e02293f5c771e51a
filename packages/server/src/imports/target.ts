import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Actor, FieldChange } from '../audit/record.js';
import type { Principal, Role } from '../auth/roles.js';
import type { DialectName } from '../db/connect.js';

// The seam between the import engine (jobs, batches, resumability) and the kinds of records it
// writes. Each kind implements ImportTarget, and the engine itself reads and writes no table of theirs.

export type ImportMode = 'insert' | 'upsert' | 'update';
export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** One row of a batch: its fields in the API's shape and where it starts in the source file. */
export interface ImportRow {
  line: number;
  fields: Record<string, unknown>;
}

/** Why a row was rejected: a field (null for the whole row), a message code and its params. */
export interface RowIssue {
  field: string | null;
  code: string;
  params?: Record<string, unknown>;
  value?: unknown;
}

/** The decided outcome of one row. */
export interface RowResult {
  line: number;
  outcome: RowOutcome;
  /** The code of the record created, changed or matched; null when there is none. */
  key: string | null;
  changes?: FieldChange[];
  issues?: RowIssue[];
}

/** The batch's transaction and the job's settings, as a target gets them for one batch. */
export interface ImportContext {
  /** The transaction of the batch; everything a target writes commits or rolls back with it. */
  db: Kysely<any>;
  dialect: DialectName;
  /** The SQLite connection under `db`, for prepared bulk statements; undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  principal: Principal;
  actor: Actor;
  mode: ImportMode;
  /** Fields that find a row's stored record instead of its natural key; empty for the key. */
  matchOn: readonly string[];
  /** The instant written as created_at and updated_at. */
  now: string;
}

/**
 * A plan for some rows of a batch: the outcome of each row, and whatever the target needs to
 * write them. Plans are made from the stored records and the earlier rows of the same plan,
 * and are applied before the next plan of the batch is made.
 */
export interface BatchPlan {
  results: RowResult[];
}

/**
 * A kind of record that import jobs can write. The engine calls, for every batch and inside
 * its transaction: `validate` once for all rows, then `plan` and `apply` for each group of
 * `unitSize` valid rows in file order. A dry run applies too, inside a savepoint that is rolled
 * back, so its outcomes are exactly those of a real run of the same batch.
 */
export interface ImportTarget<Plan extends BatchPlan = BatchPlan> {
  /** The resource name, as in import jobs and audit events: `store`. */
  readonly resource: string;
  /** Roles that may import into it: those allowed to create its records through the API. */
  readonly roles: readonly Role[];
  /** Fields a job may name in `match_on`. */
  readonly matchableFields: ReadonlySet<string>;
  /** Modes a job may use; every mode when absent. */
  readonly modes?: readonly ImportMode[];
  /**
   * Rows planned and applied together. 1 for kinds whose rows may depend on earlier rows of the
   * same batch in ways the planner cannot see (a sub-recipe, a parent region, a tax code that
   * must be unique), larger for kinds planned in bulk.
   */
  readonly unitSize: number;
  /** Tables the target writes. After a large job PostgreSQL analyses them, so its plans see their new sizes. */
  readonly tables: readonly string[];
  /** The key shown for a row in results; its `code` field when absent. */
  keyOf?(row: ImportRow): string | null;
  /** Check each row on its own against the record's schema; returns the issues of each row. */
  validate(rows: readonly ImportRow[]): RowIssue[][];
  /** Decide the outcome of each row from the stored records, reading but never writing. */
  plan(context: ImportContext, rows: readonly ImportRow[]): Promise<Plan>;
  /**
   * Write what `plan` decided, with an audit event for every change. A target whose outcomes are
   * known only while writing (sales orders, valued by posting) settles them in `plan.results`.
   */
  apply(context: ImportContext, plan: Plan): Promise<void>;
}
