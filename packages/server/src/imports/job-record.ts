import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import { ApiError, notFound } from '../http/api-error.js';
import type { ImportJobTable } from './tables.js';

type ImportJob = components['schemas']['ImportJob'];

/** The API shape of a stored import job. */
export function jobToApi(row: ImportJobTable): ImportJob {
  return {
    id: row.id,
    resource: row.resource as ImportJob['resource'],
    mode: row.mode as ImportJob['mode'],
    match_on: JSON.parse(row.match_on) as string[],
    dry_run: Boolean(row.dry_run),
    file_name: row.file_name,
    file_sha256: row.file_sha256,
    file_size: row.file_size === null ? null : Number(row.file_size),
    source_format: row.source_format,
    batch_size: row.batch_size,
    status: row.status as ImportJob['status'],
    stop_reason: row.stop_reason,
    counts: { received: row.received, created: row.created, updated: row.updated, unchanged: row.unchanged, rejected: row.rejected },
    batches_committed: row.batches_committed,
    last_sequence: row.last_sequence,
    not_processed: row.not_processed,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
    finished_at: row.finished_at,
  };
}

/**
 * Read a job, or 404. With `lock` on PostgreSQL the row stays locked until the transaction ends,
 * so batches of one job are written one after the other and their counts add up; SQLite runs
 * one write transaction at a time anyway.
 */
export async function findJob(db: Kysely<any>, id: string, lock = false, postgres = false): Promise<ImportJobTable> {
  let query = db.selectFrom('import_jobs').selectAll().where('id', '=', id);
  if (lock && postgres) query = query.forUpdate();
  const row = (await query.executeTakeFirst()) as ImportJobTable | undefined;
  if (!row) throw notFound('import_job', id);
  return row;
}

/** Raise 409 unless the job still accepts batches. */
export function assertOpen(job: ImportJobTable): void {
  if (job.status !== 'open') throw new ApiError(409, 'import_job_closed', { id: job.id, status: job.status });
}
