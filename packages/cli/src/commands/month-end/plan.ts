import { writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Context } from '../../runtime/context.js';
import { ExitError, SilentExit } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { checkNames } from '../close/check-names.js';
import { fileHash, type Step, type StepOutcome } from './steps.js';

export interface MonthEndPlan {
  period: string;
  /** POS order exports (CSV, XLSX, JSON Lines through the import job; `.json` through posting). */
  orders: string[];
  /** A mapping profile for the order files, for exports whose columns BOH does not know. */
  ordersMapping?: string;
  /** Statement files grouped by the channel their layout belongs to. */
  statements: Map<string, string[]>;
  /** The user's statement profiles (files or folders), tried before the built-in layouts. */
  statementMappings: string[];
  out: string;
  /** False with --no-close: check the close checklist but leave the period open. */
  close: boolean;
  /** Checklist items a finance user accepts as they are (for example `reconciliations`). */
  accept: string[];
}

/** The close step's findings, for the summary and the exit code. */
export interface CloseFinding {
  ready: boolean;
  closed: boolean;
  failing: string[];
  /** The checklist as the server returned it, with each check's message. */
  checklist: unknown;
}

/**
 * Build the month-end steps: import each order file, reconcile each channel, run the close
 * checklist (and close the period when it passes), then write the pack. Imports and
 * reconciliations are skipped on a re-run when their inputs are unchanged. The checklist and
 * the pack run every time, because a resolution made between runs changes them.
 */
export function planMonthEnd(context: Context, plan: MonthEndPlan, found: { close?: CloseFinding }): Step[] {
  const steps: Step[] = [];
  const orderHashes: string[] = [];

  for (const file of plan.orders) {
    const hash = fileHash(file);
    orderHashes.push(hash);
    steps.push({
      id: `orders:${basename(file)}`,
      title: context.t('month_end.step.orders', { file: basename(file) }),
      inputs: { file: hash, mapping: plan.ordersMapping ?? null },
      run: () => importOrders(context, file, plan.ordersMapping, plan.period),
    });
  }

  const channelHashes = [...plan.statements].filter(([channel]) => channel !== 'bank').flatMap(([, files]) => files.map(fileHash));
  for (const [channel, files] of plan.statements) {
    steps.push({
      id: `reconcile:${channel}`,
      title: context.t('month_end.step.reconcile', { channel: context.t(`month_end.channel.${channel}`) }),
      // The bank step matches the channel statements' settlements, so it runs again when they change.
      inputs: {
        period: plan.period,
        files: files.map(fileHash),
        orders: orderHashes,
        ...(channel === 'bank' ? { channels: channelHashes } : {}),
        ...(plan.statementMappings.length > 0 ? { mappings: plan.statementMappings } : {}),
      },
      run: () => reconcileChannel(context, plan, channel, files),
    });
  }

  steps.push({
    id: 'close',
    title: context.t(plan.close ? 'month_end.step.close' : 'month_end.step.checklist', { period: plan.period }),
    inputs: { period: plan.period },
    repeat: true,
    run: async () => {
      found.close = await checkAndClose(context, plan);
      const { checklist: _checklist, ...summary } = found.close;
      // The pack is still written for a period that stays open, so the run goes on.
      const reached = plan.close ? found.close.closed : found.close.ready;
      if (reached) return { ok: true, summary };
      const checks = checkNames(found.close.failing, context.t);
      return { ok: true, summary, unfinished: { key: 'month_end.checks_not_met', params: { checks } } };
    },
  });

  steps.push({
    id: 'pack',
    title: context.t('month_end.step.pack'),
    inputs: { period: plan.period },
    repeat: true,
    run: () => writePack(context, plan, found.close),
  });
  return steps;
}

async function importOrders(parent: Context, file: string, mapping: string | undefined, period: string): Promise<StepOutcome> {
  // The import prints its own progress for people; with --json the step events are the progress
  // and stdout keeps only the month-end summary.
  const context: Context = { ...parent, json: false, quiet: parent.quiet || parent.json, interactive: false };
  try {
    if (extname(file).toLowerCase() === '.json') {
      const { post } = await import('../sales/post.js');
      await post(context, [file], {});
      return { ok: true, summary: { file: basename(file) } };
    }
    const { runImport } = await import('../../imports/run-import.js');
    const { OrderMonths } = await import('./order-months.js');
    const months = await OrderMonths.forPeriod(context.client(), period);
    const summary = await runImport(context, { resource: 'sales_order', file, mapping, mode: 'upsert', onRecord: (fields) => months.add(fields) });
    const figures = {
      file: basename(file),
      job_id: summary.job_id,
      rows: summary.rows,
      orders: summary.records,
      created: summary.created,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      other_months: months.result(),
    };
    if (summary.rejected > 0) {
      return { ok: false, summary: figures, exitCode: ExitCode.rowsRejected, reasonKey: 'month_end.orders_rejected', reasonParams: { file, count: summary.rejected, errors: summary.files?.errors ?? '-' } };
    }
    return { ok: true, summary: figures };
  } catch (error) {
    if (error instanceof ExitError && error.exitCode === ExitCode.interrupted) {
      throw new ExitError(ExitCode.interrupted, 'month_end.interrupted', { file });
    }
    if (error instanceof SilentExit && error.exitCode === ExitCode.rowsRejected) {
      return { ok: false, summary: { file: basename(file) }, exitCode: ExitCode.rowsRejected, reasonKey: 'month_end.orders_rejected', reasonParams: { file } };
    }
    throw error;
  }
}

async function reconcileChannel(context: Context, plan: MonthEndPlan, channel: string, files: string[]): Promise<StepOutcome> {
  const { runReconcile } = await import('../reconcile/run.js');
  const { reconciliation, files: written } = await runReconcile(context, {
    channel,
    files,
    period: plan.period,
    out: plan.out,
    mappings: plan.statementMappings,
  });
  return {
    ok: true,
    summary: {
      channel,
      reconciliation_id: reconciliation.id,
      states: reconciliation.summary.states,
      unexplained: reconciliation.unexplained,
      files: written.map((path) => basename(path)),
    },
  };
}

async function checkAndClose(context: Context, plan: MonthEndPlan): Promise<CloseFinding> {
  const { runClose } = await import('../close/run.js');
  const result = await runClose(context, { period: plan.period, dryRun: !plan.close, accept: plan.accept });
  const failing = result.checks.filter((check) => !check.ok).map((check) => check.key);
  return { ready: result.ready, closed: result.closed, failing, checklist: result };
}

async function writePack(context: Context, plan: MonthEndPlan, close: CloseFinding | undefined): Promise<StepOutcome> {
  const { writeMonthEndReports } = await import('../report/month-end.js');
  const { exportVouchers } = await import('../voucher/export.js');
  const files = await writeMonthEndReports(context, { period: plan.period, out: plan.out });
  if (close) {
    const statusFile = join(plan.out, `close-status-${plan.period}.json`);
    writeFileSync(statusFile, `${JSON.stringify(close.checklist, null, 2)}\n`);
    files.push(statusFile);
  }
  for (const layout of ['kingdee', 'yonyou', 'csv'] as const) {
    files.push(...(await exportVouchers(context, { period: plan.period, layout, out: plan.out })));
  }
  return { ok: true, summary: { files: files.map((path) => basename(path)) } };
}
