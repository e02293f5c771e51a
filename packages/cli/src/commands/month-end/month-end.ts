import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Context } from '../../runtime/context.js';
import { ExitError, SilentExit, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { writeLine } from '../../runtime/io.js';
import { toJson } from '../../output/format.js';
import type { OtherMonths } from './order-months.js';
import { planMonthEnd, type CloseFinding, type MonthEndPlan } from './plan.js';
import { runSteps, type RunResult } from './steps.js';
import { checkNames } from '../close/check-names.js';

export interface MonthEndOptions {
  period: string;
  orders?: string[];
  ordersMapping?: string;
  statement?: string[];
  statementMapping?: string[];
  out?: string;
  close?: boolean;
  accept?: string[];
}

/** The outcome of a month-end run: its steps, the close findings and the pack folder. */
export interface MonthEndResult {
  period: string;
  out: string;
  run: RunResult;
  close?: CloseFinding;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Run the month-end job for a period (月结): import the orders, reconcile every channel of the
 * statements, run the close checklist and close the period when it passes, and write the pack.
 * A re-run skips the imports and reconciliations that already succeeded with the same files.
 */
export async function runMonthEnd(context: Context, options: MonthEndOptions): Promise<MonthEndResult> {
  const plan = await makePlan(context, options);
  const found: { close?: CloseFinding } = {};
  const steps = planMonthEnd(context, plan, found);
  const run = await runSteps(context, 'month-end', steps, join(plan.out, '.boh-month-end.json'));
  return { period: plan.period, out: plan.out, run, close: found.close };
}

/** `boh month-end`: run the job, print where the pack is and end with an exit code for CI. */
export async function monthEnd(context: Context, options: MonthEndOptions): Promise<void> {
  const result = await runMonthEnd(context, options);
  const { run } = result;

  if (context.json) context.io.stdout.write(toJson(jsonSummary(result)));
  if (run.failed) {
    if (run.failed.error) throw run.failed.error;
    const outcome = run.failed.outcome!;
    writeLine(context.io.stderr, context.t('month_end.stopped', { step: run.failed.id, reason: context.t(outcome.reasonKey ?? 'month_end.not_ok', outcome.reasonParams) }));
    writeLine(context.io.stderr, context.t('month_end.rerun_hint'));
    throw new SilentExit((outcome.exitCode ?? ExitCode.failure) as never);
  }

  if (!context.json) printSummary(context, result);
  // With --no-close the checklist must still pass, so CI can tell a period that is ready.
  const passed = options.close === false ? result.close?.ready : result.close?.closed;
  if (result.close && !passed) {
    throw new ExitError(ExitCode.unexplainedDifferences, 'month_end.not_closed', { period: result.period, checks: checkNames(result.close.failing, context.t) });
  }
}

/** Turn a parser's error into the usage error `statement parse` gives for it (exit 2). */
async function statementErrorOf(context: Context, error: unknown, key: string, params: Record<string, unknown>): Promise<unknown> {
  const { StatementParseError, formatMessage } = await import('../../statements/index.js');
  if (!(error instanceof StatementParseError)) return error;
  return new ExitError(ExitCode.usage, key, { ...params, reason: formatMessage(context.language, error.code, error.params) });
}

async function makePlan(context: Context, options: MonthEndOptions): Promise<MonthEndPlan> {
  if (!PERIOD.test(options.period)) throw new UsageError('month_end.error.period', { value: options.period });
  const orders = (options.orders ?? []).map((file) => resolve(file));
  const statementFiles = (options.statement ?? []).map((file) => resolve(file));
  const statementMappings = (options.statementMapping ?? []).map((file) => resolve(file));
  for (const file of [...orders, ...statementFiles]) {
    if (!existsSync(file)) throw new UsageError('month_end.error.missing_file', { file });
    if (statSync(file).isDirectory()) throw new UsageError('month_end.error.folder', { file });
  }

  const statements = new Map<string, string[]>();
  if (statementFiles.length > 0) {
    const { loadProfiles } = await import('../../statements/profiles.js');
    const { parseStatementFile } = await import('../../statements/parse-file.js');
    const profiles = await loadProfiles(undefined, process.env, statementMappings).catch(async (error: unknown) => {
      throw await statementErrorOf(context, error, 'statement.error.profile', {});
    });
    for (const file of statementFiles) {
      const parsed = await parseStatementFile(file, { profiles }).catch(async (error: unknown) => {
        throw await statementErrorOf(context, error, 'statement.error.parse', { file: basename(file) });
      });
      statements.set(parsed.channel, [...(statements.get(parsed.channel) ?? []), file]);
    }
  }
  // The bank settlement reconciliation reads the statements of the channel reconciliations, so
  // it runs after them.
  const bank = statements.get('bank');
  if (bank) {
    statements.delete('bank');
    statements.set('bank', bank);
  }

  return {
    period: options.period,
    orders,
    ordersMapping: options.ordersMapping,
    statements,
    statementMappings,
    out: resolve(options.out ?? `month-end-${options.period}`),
    close: options.close !== false,
    accept: options.accept ?? [],
  };
}

function printSummary(context: Context, result: MonthEndResult): void {
  for (const step of result.run.completed) {
    if (!step.id.startsWith('orders:')) continue;
    const summary = step.summary as { file: string; other_months?: OtherMonths };
    const other = summary.other_months;
    if (other && other.count > 0) {
      const months = other.months.join(context.language === 'zh-CN' ? '、' : ', ');
      writeLine(context.io.stdout, context.t('month_end.summary.other_months', { file: summary.file, count: other.count, months, period: result.period }));
    }
  }
  for (const step of result.run.completed) {
    if (!step.id.startsWith('reconcile:')) continue;
    const summary = step.summary as { channel: string; unexplained: { count: number; amount_fen: number } };
    writeLine(context.io.stdout, context.t('month_end.summary.reconciliation', { channel: context.t(`month_end.channel.${summary.channel}`), count: summary.unexplained.count }));
  }
  const close = result.close;
  if (close) {
    const key = close.closed ? 'month_end.summary.closed' : close.ready ? 'month_end.summary.ready' : 'month_end.summary.not_ready';
    writeLine(context.io.stdout, context.t(key, { period: result.period, checks: checkNames(close.failing, context.t) }));
  }
  writeLine(context.io.stdout, context.t('month_end.summary.pack', { folder: result.out }));
}

function jsonSummary(result: MonthEndResult): Record<string, unknown> {
  return {
    period: result.period,
    out: result.out,
    steps: result.run.completed,
    failed: result.run.failed ? { id: result.run.failed.id, ...(result.run.failed.outcome ?? {}) } : null,
    close: result.close ? { ready: result.close.ready, closed: result.close.closed, failing: result.close.failing } : null,
  };
}
