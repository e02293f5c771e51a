import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { components } from '@boh/sdk/types';
import { ApiError } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler, HandlerContext } from '../http/handler.js';
import type { Language } from '../i18n/language.js';
import { assertOpen, findJob } from './job-record.js';
import { rowResultToApi } from './row-messages.js';
import type { ImportBatchTable, ImportRejectionTable } from './tables.js';
import type { ImportContext, ImportMode, ImportRow, ImportTarget, RowResult } from './target.js';
import { importTargets } from './targets/index.js';
import { insertInChunks } from './targets/bulk.js';

type BatchSubmit = components['schemas']['ImportBatchSubmit'];
type BatchResult = components['schemas']['ImportBatchResult'];
type Counts = components['schemas']['ImportCounts'];

/**
 * Validate, plan and write one batch in the request's transaction, then record the batch, its
 * rejected rows and the job's new counts in the same transaction. A sequence committed before
 * gets its stored result, so a retried or resumed batch is never written twice.
 */
export const submitImportBatch: Handler<'submitImportBatch'> = async (c) => {
  const postgres = c.database.dialect === 'postgres';
  const job = await findJob(c.db, c.params.id, true, postgres);
  const digest = batchDigest(c.body);

  const committed = (await c.db
    .selectFrom('import_batches')
    .selectAll()
    .where('job_id', '=', job.id)
    .where('sequence', '=', c.body.sequence)
    .executeTakeFirst()) as ImportBatchTable | undefined;
  if (committed) {
    if (committed.digest !== digest) throw new ApiError(409, 'import_batch_conflict', { id: job.id, sequence: c.body.sequence });
    return { status: 200, body: replay(job.id, Boolean(job.dry_run), committed, c.language) };
  }
  assertOpen(job);

  const target = importTargets().get(job.resource)!;
  const context: ImportContext = {
    db: c.db,
    dialect: c.database.dialect,
    ...(c.database.sqlite ? { sqlite: c.database.sqlite } : {}),
    principal: c.principal,
    actor: c.actor,
    mode: job.mode as ImportMode,
    matchOn: JSON.parse(job.match_on) as string[],
    now: new Date().toISOString(),
  };
  const results = await runBatch(target, context, c.body.rows, Boolean(job.dry_run));

  const counts = countOutcomes(results, c.body);
  await recordBatch(c, job.id, digest, results, counts, context.now);
  c.log.info({ importJob: job.id, sequence: c.body.sequence, resource: job.resource, dryRun: Boolean(job.dry_run), counts }, 'import batch committed');
  const body: BatchResult = {
    job_id: job.id,
    sequence: c.body.sequence,
    replayed: false,
    dry_run: Boolean(job.dry_run),
    counts,
    results: results.filter((result) => result.outcome !== 'created').map((result) => rowResultToApi(result, c.language)),
  };
  return { status: 200, body };
};

/** Validate every row, then plan and apply the valid ones in groups of the target's unit size. */
async function runBatch(target: ImportTarget, context: ImportContext, rows: readonly ImportRow[], dryRun: boolean): Promise<RowResult[]> {
  const issues = target.validate(rows);
  const results: (RowResult | undefined)[] = rows.map((row, index) =>
    issues[index]!.length > 0 ? { line: row.line, outcome: 'rejected', key: target.keyOf ? target.keyOf(row) : keyOf(row), issues: issues[index] } : undefined,
  );
  const valid = rows.filter((_, index) => results[index] === undefined);

  // A dry run writes like a real one inside a savepoint and then rolls the writes back, so rows
  // that depend on earlier rows of the batch are judged exactly as they would be.
  if (dryRun) await sql`savepoint import_dry_run`.execute(context.db);
  const planned: RowResult[] = [];
  for (let start = 0; start < valid.length; start += target.unitSize) {
    const plan = await target.plan(context, valid.slice(start, start + target.unitSize));
    await target.apply(context, plan);
    planned.push(...plan.results);
  }
  if (dryRun) await sql`rollback to savepoint import_dry_run`.execute(context.db);

  let next = 0;
  return results.map((result) => result ?? planned[next++]!);
}

/**
 * Hash what makes a batch the same batch again: its sequence, its rows and the lines and codes of
 * its client rejections. The rejections' wording is left out, so a run resumed in another
 * language still matches.
 */
function batchDigest(body: BatchSubmit): string {
  const rejected = (body.rejected ?? []).map((row) => [row.line, row.errors.map((error) => error.code)]);
  return createHash('sha256').update(JSON.stringify([body.sequence, body.rows, rejected])).digest('hex');
}

function keyOf(row: ImportRow): string | null {
  return typeof row.fields.code === 'string' ? row.fields.code : null;
}

function countOutcomes(results: readonly RowResult[], body: BatchSubmit): Counts {
  const counts: Counts = { received: results.length + (body.rejected?.length ?? 0), created: 0, updated: 0, unchanged: 0, rejected: body.rejected?.length ?? 0 };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

async function recordBatch(
  c: HandlerContext<'submitImportBatch'>,
  jobId: string,
  digest: string,
  results: readonly RowResult[],
  counts: Counts,
  now: string,
): Promise<void> {
  const { sequence } = c.body;
  const lines = [...c.body.rows.map((row) => row.line), ...(c.body.rejected ?? []).map((row) => row.line)];
  const rejections: Omit<ImportRejectionTable, 'id'>[] = [];
  for (const row of c.body.rejected ?? []) {
    for (const error of row.errors) {
      rejections.push({
        job_id: jobId,
        sequence,
        line: row.line,
        field: error.field ?? null,
        source_column: error.column ?? null,
        code: error.code,
        params: '{}',
        message: error.message,
        value: error.value === undefined ? null : JSON.stringify(error.value),
      });
    }
  }
  for (const result of results) {
    for (const issue of result.issues ?? []) {
      rejections.push({
        job_id: jobId,
        sequence,
        line: result.line,
        field: issue.field,
        source_column: null,
        code: issue.code,
        params: JSON.stringify(issue.params ?? {}),
        message: null,
        value: issue.value === undefined ? null : JSON.stringify(issue.value),
      });
    }
  }
  rejections.sort((a, b) => a.line - b.line);
  await insertInChunks({ db: c.db, dialect: c.database.dialect, sqlite: c.database.sqlite }, 'import_rejections', rejections);

  const stored = results.filter((result) => result.outcome !== 'created');
  await c.db
    .insertInto('import_batches')
    .values({
      job_id: jobId,
      sequence,
      digest,
      first_line: lines.length > 0 ? Math.min(...lines) : null,
      last_line: lines.length > 0 ? Math.max(...lines) : null,
      ...counts,
      results: JSON.stringify(stored),
      committed_at: now,
    })
    .execute();

  await c.db
    .updateTable('import_jobs')
    .set((eb) => ({
      received: eb('received', '+', counts.received),
      created: eb('created', '+', counts.created),
      updated: eb('updated', '+', counts.updated),
      unchanged: eb('unchanged', '+', counts.unchanged),
      rejected: eb('rejected', '+', counts.rejected),
      batches_committed: eb('batches_committed', '+', 1),
      last_sequence: sql<number>`case when last_sequence is null or last_sequence < ${sequence} then ${sequence} else last_sequence end`,
      updated_at: now,
    }))
    .where('id', '=', jobId)
    .execute();
}

function replay(jobId: string, dryRun: boolean, batch: ImportBatchTable, language: Language): BatchResult {
  const results = JSON.parse(batch.results) as RowResult[];
  return {
    job_id: jobId,
    sequence: batch.sequence,
    replayed: true,
    dry_run: dryRun,
    counts: countsOf(batch),
    results: results.map((result) => rowResultToApi(result, language)),
  };
}

function countsOf(row: { received: number; created: number; updated: number; unchanged: number; rejected: number }): Counts {
  return { received: row.received, created: row.created, updated: row.updated, unchanged: row.unchanged, rejected: row.rejected };
}

export const listImportBatches: Handler<'listImportBatches'> = async (c) => {
  await findJob(c.db, c.params.id);
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('import_batches').selectAll().where('job_id', '=', c.params.id);
  if (c.query.cursor) query = query.where('sequence', '>', Number(decodeCursor(c.query.cursor, 'sequence').value));
  const rows = (await query.orderBy('sequence').limit(limit + 1).execute()) as ImportBatchTable[];

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: 'sequence', value: last.sequence, key: String(last.sequence) }) : null;
  const data = page.map((row) => ({
    sequence: row.sequence,
    first_line: row.first_line,
    last_line: row.last_line,
    counts: countsOf(row),
    committed_at: row.committed_at,
  }));
  return { status: 200, body: { data, next_cursor: next } };
};

