import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { SilentExit, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { withSpinner } from '../../runtime/spinner.js';
import { dateOption } from '../finance-options.js';
import { forPeople, STAGES, stageName, type Stage } from './format.js';
import { columnLabel, loadImportTemplate, readImportFile } from './import-file.js';
import { readCode, readDate, readStage, readText } from './row-values.js';

type Row = components['schemas']['BatchTransitionRow'];
type Report = components['schemas']['BatchTransitionReport'];

export interface TransitionOptions {
  note?: string;
  override?: string;
  effectiveOn?: string;
  ifVersion?: string;
  file?: string;
  sheet?: string;
  dryRun?: boolean;
  partial?: boolean;
}

/** The maximum rows one request applies, the API's own limit. */
export const MAX_BATCH_ROWS = 2000;

/** `boh store transition <code> <stage>`, or with --file, a batch read from a file. */
export async function transition(context: Context, code: string | undefined, stage: string | undefined, options: TransitionOptions): Promise<void> {
  if (options.file) {
    if (code !== undefined || stage !== undefined) throw new UsageError('lifecycle.usage.code_and_stage');
    return transitionFromFile(context, options.file, options);
  }
  if (code === undefined || stage === undefined) throw new UsageError('lifecycle.usage.code_and_stage');
  if (!(STAGES as readonly string[]).includes(stage)) throw new UsageError('lifecycle.usage.stage', { value: stage, stages: STAGES.join(', ') });

  const result = await context.client().lifecycle.transition(
    code,
    { to_stage: stage as Stage, note: options.note ?? null, override_reason: options.override ?? null, effective_on: options.effectiveOn === undefined ? null : dateOption(context, '--effective-on', options.effectiveOn) },
    { ifVersion: options.ifVersion },
  );
  if (context.json) {
    context.io.stdout.write(toJson(result));
    return;
  }
  const { transition: move } = result;
  context.info(context.t('lifecycle.transition.done', { code, from: stageName(context, move.from_stage), to: stageName(context, move.to_stage), date: move.effective_on }));
  if (move.overridden) context.info(context.t('lifecycle.transition.overridden', { items: move.overridden_items }));
}

/**
 * Read moves from a file, check each row's cells here, and send the readable rows to the API,
 * which checks the rest as it would apply them. Rows with unreadable cells make an all-or-nothing
 * batch a dry run, so either every row is applied or none. Exit code 6 when any row is rejected.
 */
async function transitionFromFile(context: Context, file: string, options: TransitionOptions): Promise<void> {
  const template = loadImportTemplate('transitions');
  const { rows, issues } = await readImportFile(context, file, template, options.sheet);
  if (rows.length > MAX_BATCH_ROWS) throw new UsageError('lifecycle.batch.too_many', { file, count: rows.length, max: MAX_BATCH_ROWS });
  if (rows.length === 0) throw new UsageError('lifecycle.batch.empty', { file });

  const local: Report['rows'] = [];
  const batch: Row[] = [];
  for (const row of rows) {
    const problems: string[] = [];
    const take = <T>(field: string, result: { ok: true; value: T } | { ok: false; message: string }): T | undefined => {
      if (result.ok) return result.value;
      problems.push(context.t('file.row_issue', { line: row.line, column: columnLabel(context, template, field), message: result.message }));
      return undefined;
    };
    const storeCode = take('store_code', readCode(context, row.cells.get('store_code') ?? null));
    const toStage = take('to_stage', readStage(context, row.cells.get('to_stage') ?? null));
    const note = take('note', readText(context, row.cells.get('note') ?? null));
    const override = take('override_reason', readText(context, row.cells.get('override_reason') ?? null));
    const effectiveOn = take('effective_on', readDate(context, row.cells.get('effective_on') ?? null));

    if (problems.length > 0) {
      local.push({ row: row.line, store_code: storeCode ?? '', from_stage: null, to_stage: toStage ?? 'operating', status: 'rejected', transition_id: null, overridden: false, error: { code: 'invalid_cell', message: problems.join('; ') } });
      continue;
    }
    batch.push({ row: row.line, store_code: storeCode!, to_stage: toStage!, note: note ?? null, override_reason: override || null, effective_on: effectiveOn ?? null });
  }

  const atomic = !options.partial;
  const dryRun = Boolean(options.dryRun) || (atomic && local.length > 0);
  const remote: Report | undefined =
    batch.length > 0 ? await withSpinner(context, '…', () => context.client().lifecycle.transitionMany({ dry_run: dryRun, atomic, rows: batch })) : undefined;
  const report = mergeReports(local, remote, { dryRun: Boolean(options.dryRun), atomic });

  printReport(context, report, issues);
  if (report.counts.rejected > 0 || issues.length > 0) throw new SilentExit(ExitCode.rowsRejected);
}

function mergeReports(local: Report['rows'], remote: Report | undefined, mode: { dryRun: boolean; atomic: boolean }): Report {
  const rows = [...local, ...(remote?.rows ?? [])].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const rejected = rows.filter((row) => row.status === 'rejected').length;
  const applied = rows.filter((row) => row.status === 'applied').length;
  return {
    dry_run: mode.dryRun,
    atomic: mode.atomic,
    applied: remote?.applied ?? false,
    counts: { total: rows.length, valid: rows.length - rejected, rejected, applied },
    rows,
  };
}

function printReport(context: Context, report: Report, issues: string[]): void {
  for (const issue of issues) context.info(issue);
  if (context.json) {
    context.io.stdout.write(toJson(report));
    return;
  }
  const columns = [
    { header: context.t('lifecycle.column.line'), value: (row: Report['rows'][number]) => String(row.row ?? ''), numeric: true },
    { header: context.t('lifecycle.column.store'), value: (row: Report['rows'][number]) => row.store_code },
    { header: context.t('lifecycle.column.move'), value: (row: Report['rows'][number]) => `${row.from_stage ?? '?'} → ${row.to_stage}` },
    { header: context.t('lifecycle.column.status'), value: (row: Report['rows'][number]) => context.t(`lifecycle.status.${row.status}`) },
    { header: context.t('lifecycle.column.message'), value: (row: Report['rows'][number]) => row.error?.message ?? '' },
  ];
  context.io.stdout.write(renderTable(report.rows, columns, forPeople(context)));
  let mode = '';
  if (report.dry_run) mode = context.t('lifecycle.batch.dry_run');
  else if (!report.applied) mode = context.t('lifecycle.batch.not_applied');
  const summary = context.t('lifecycle.batch.summary', { ...report.counts, mode });
  if (report.counts.rejected > 0 && !context.quiet) context.io.stderr.write(`${summary}\n`);
  else context.info(summary);
}
