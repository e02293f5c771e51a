import { readFileSync, rmSync } from 'node:fs';
import type { components } from '@boh/sdk';
import { join, resolve } from 'node:path';
import { previousMonth } from '../../demo/calendar.js';
import { writeDemoFiles, type DemoFiles } from '../../demo/files.js';
import { createContext, type Context } from '../../runtime/context.js';
import { ExitError, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { writeLine } from '../../runtime/io.js';
import { toJson } from '../../output/format.js';
import { runMonthEnd, type MonthEndResult } from '../month-end/month-end.js';
import { compareFindings, type FindingCheck } from './findings.js';
import { checkNames } from '../close/check-names.js';

export interface DemoOptions {
  out?: string;
  period?: string;
  stores?: string;
  seed?: string;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Generate a demo chain with a month of orders and payment bills, and load it into a new SQLite
 * database in the demo folder through an embedded server on loopback. Then run the month-end
 * job and show where the pack is and whether the reconciliation found exactly the planted
 * differences (exit code 0 when it did, 1 when not).
 */
export async function demo(context: Context, options: DemoOptions): Promise<void> {
  const folder = resolve(options.out ?? 'boh-demo');
  const period = options.period ?? previousMonth(new Date().toISOString().slice(0, 10));
  if (!PERIOD.test(period)) throw new UsageError('demo.error.period', { value: period });
  const stores = wholeNumber('--stores', options.stores ?? '8', 1, 200);
  const seed = wholeNumber('--seed', options.seed ?? '2026', 0, 2 ** 31 - 1);

  context.info(context.t('demo.generating', { period, stores, folder }));
  const files = writeDemoFiles(folder, { period, stores, seed });
  for (const name of ['boh.db', 'boh.db-wal', 'boh.db-shm', 'pack']) rmSync(join(folder, name), { recursive: true, force: true });

  const { startServer, createToken } = await import('@boh/server');
  const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: join(folder, 'boh.db'), defaultLanguage: context.language, logger: false });
  try {
    const { secret } = await server.database.db.transaction().execute((trx) =>
      createToken(trx, { name: 'demo', role: 'admin', storeCodes: [] }, { name: null, tokenId: null, requestId: null }),
    );
    const connected = createContext({ baseUrl: server.url, token: secret, json: context.json, quiet: context.quiet, yes: true }, context.language, context.io);
    try {
      const result = await loadAndRun(connected, files, period, folder);
      await report(context, connected, files, result, folder);
    } finally {
      await connected.close();
    }
  } finally {
    await server.close();
  }
}

async function loadAndRun(context: Context, files: DemoFiles, period: string, folder: string): Promise<MonthEndResult> {
  const { runImport } = await import('../../imports/run-import.js');
  for (const { resource, file } of files.masterData) {
    const summary = await runImport(context, { resource, file, mode: 'upsert', files: false });
    if (summary.rejected > 0) throw new ExitError(ExitCode.rowsRejected, 'demo.master_data_rejected', { resource, count: summary.rejected });
  }
  const opening = await runImport(context, { resource: 'opening_stock', file: files.openingStock, mode: 'upsert', files: false });
  if (opening.rejected > 0) throw new ExitError(ExitCode.rowsRejected, 'demo.master_data_rejected', { resource: 'opening_stock', count: opening.rejected });
  context.info(context.t('demo.opening_stock', { rows: opening.created + opening.unchanged }));
  const labour = await runImport(context, { resource: 'labour_hours', file: files.labourHours, mode: 'upsert', files: false });
  if (labour.rejected > 0) throw new ExitError(ExitCode.rowsRejected, 'demo.master_data_rejected', { resource: 'labour_hours', count: labour.rejected });
  context.info(context.t('demo.labour_hours', { rows: labour.created + labour.unchanged }));
  const footfall = await runImport(context, { resource: 'footfall', file: files.footfall, mode: 'upsert', files: false });
  if (footfall.rejected > 0) throw new ExitError(ExitCode.rowsRejected, 'demo.master_data_rejected', { resource: 'footfall', count: footfall.rejected });
  context.info(context.t('demo.footfall', { rows: footfall.created + footfall.unchanged }));

  const expenses = JSON.parse(readFileSync(files.expenses, 'utf8')) as components['schemas']['JournalEntryInput'][];
  for (const entry of expenses) await context.client().ledger.entries.create(entry);
  context.info(context.t('demo.expenses', { count: expenses.length }));

  return runMonthEnd(context, { period, orders: [files.orders], statement: files.statements, out: join(folder, 'pack'), close: true });
}

async function report(context: Context, connected: Context, files: DemoFiles, result: MonthEndResult, folder: string): Promise<void> {
  if (result.run.failed) {
    if (result.run.failed.error) throw result.run.failed.error;
    const outcome = result.run.failed.outcome!;
    throw new ExitError(ExitCode.failure, 'month_end.stopped', { step: result.run.failed.id, reason: context.t(outcome.reasonKey ?? 'month_end.not_ok', outcome.reasonParams) });
  }

  const checks = await compareFindings(connected, result, files.planted);
  const exact = checks.every((check) => check.found) && checks.filter((check) => check.unexpected).length === 0;
  if (context.json) {
    context.io.stdout.write(toJson({ folder, pack: result.out, period: result.period, planted: files.planted.length, exact, checks, close: result.close ? { ready: result.close.ready, closed: result.close.closed, failing: result.close.failing } : null }));
  } else {
    printFindings(context, checks, files, result, folder);
  }
  if (!exact) throw new ExitError(ExitCode.failure, 'demo.mismatch');
}

function printFindings(context: Context, checks: FindingCheck[], files: DemoFiles, result: MonthEndResult, folder: string): void {
  const out = context.io.stdout;
  writeLine(out, '');
  writeLine(out, context.t('demo.summary.orders', { orders: files.orderCount, period: result.period }));
  writeLine(out, context.t('demo.summary.found', { count: checks.filter((check) => !check.unexpected).length }));
  for (const check of checks) {
    const mark = check.unexpected ? '!' : check.found ? '✓' : '✗';
    writeLine(out, `  ${mark} ${context.t(`demo.kind.${check.kind}`)} · ${context.t(`month_end.channel.${check.channel}`)} · ${check.storeCode} · ${check.orderNumber} · ¥${check.amount} → ${context.t(`demo.state.${check.state}`)}`);
  }
  if (result.close) {
    writeLine(out, context.t(result.close.closed ? 'month_end.summary.closed' : 'demo.summary.not_closed', { period: result.period, checks: checkNames(result.close.failing, context.t) }));
  }
  writeLine(out, context.t('month_end.summary.pack', { folder: result.out }));
  writeLine(out, context.t('demo.summary.overview', { file: join(result.out, 'overview.html') }));
  writeLine(out, context.t('demo.summary.explore', { database: join(folder, 'boh.db') }));
}

function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError('demo.error.number', { option, value: text, min, max });
  return value;
}
