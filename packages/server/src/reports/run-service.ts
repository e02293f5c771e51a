// Runs a report for the API: checks the request, computes the run, records it and returns it
// in the caller's language.

import { randomBytes } from 'node:crypto';

import type { components } from '@boh/sdk/types';
import type { Kysely } from 'kysely';

import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { notFound, validationError } from '../http/api-error.js';
import type { Language } from '../i18n/language.js';
import { reportDefinitions } from './definitions/load.js';
import { monthPeriod } from './engine/period.js';
import type { RunParams, RunResult } from './engine/run-result.js';
import { runReport } from './engine/run-report.js';

type ReportRun = components['schemas']['ReportRun'];

export interface RunRequest {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly now: Date;
  readonly generatedBy: string;
}

/** Compute and record a run; raises 422 naming the field for an unknown report, store or region. */
export async function createRun(request: RunRequest, params: RunParams & { report: string }): Promise<{ id: string; result: RunResult }> {
  const definition = reportDefinitions().get(params.report);
  if (!definition) {
    const allowed = [...reportDefinitions().keys()].join(', ');
    throw validationError([{ field: 'body.report', code: 'unknown_report', params: { value: params.report, allowed }, value: params.report }]);
  }
  await checkReferences(request.db, params);

  const { report: _report, ...runParams } = params;
  const result = await runReport({ db: request.db, dialect: request.dialect, generatedAt: request.now, generatedBy: request.generatedBy }, definition, monthPeriod(params.period)!, runParams);
  const id = `rpt_${randomBytes(8).toString('hex')}`;
  await request.db
    .insertInto('report_runs')
    .values({
      id,
      report: definition.report,
      params: JSON.stringify(runParams),
      generated_at: result.generated_at,
      generated_by: result.generated_by,
      row_counts: JSON.stringify(rowCounts(result)),
      missing_data: JSON.stringify(result.missing_data),
      result: JSON.stringify(result),
    })
    .execute();
  return { id, result };
}

/** Read a recorded run, or raise 404. */
export async function loadRun(db: Kysely<Database>, id: string): Promise<RunResult> {
  const row = await db.selectFrom('report_runs').select('result').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('report_run', id);
  return JSON.parse(row.result) as RunResult;
}

/** The run as the API returns it, with texts in `language`. */
export function runToApi(id: string, run: RunResult, language: Language): ReportRun {
  return {
    id,
    report: run.report,
    title: run.title[language],
    params: { report: run.report, ...run.params },
    period_from: run.period.from,
    period_to: run.period.to,
    ...(run.compared_period ? { compared_period: run.compared_period } : {}),
    generated_at: run.generated_at,
    generated_by: run.generated_by,
    kpis: run.kpis.map((kpi) => ({ ...columnToApi(kpi, language), value: kpi.value as string | number | null })),
    sections: run.sections.map((section) => ({
      key: section.key,
      title: section.title[language],
      columns: section.columns.map((column) => columnToApi(column, language)),
      rows: section.rows as Record<string, string | number | null>[],
      totals: (section.totals ?? null) as Record<string, string | number | null> | null,
    })),
    notes: run.notes.map((note) => ({ text: note.text[language], severity: note.severity })),
    row_counts: rowCounts(run),
    missing_data: run.missing_data.map((item) => ({ source: item.source, measures: [...item.measures], note: item.note[language] })),
  };
}

function columnToApi(column: RunResult['sections'][number]['columns'][number], language: Language) {
  return { key: column.key, label: column.label[language], type: column.type, ...(column.fraction_digits !== undefined ? { fraction_digits: column.fraction_digits } : {}) };
}

function rowCounts(run: RunResult): Record<string, number> {
  return Object.fromEntries(run.sections.map((section) => [section.key, section.rows.length]));
}

async function checkReferences(db: Kysely<Database>, params: RunParams): Promise<void> {
  const issues = [];
  if (params.store_code !== undefined && !(await db.selectFrom('stores').select('code').where('code', '=', params.store_code).executeTakeFirst())) {
    issues.push({ field: 'body.store_code', code: 'reference_not_found', params: { resource: 'store', value: params.store_code }, value: params.store_code });
  }
  if (params.region_code !== undefined && !(await db.selectFrom('regions').select('code').where('code', '=', params.region_code).executeTakeFirst())) {
    issues.push({ field: 'body.region_code', code: 'reference_not_found', params: { resource: 'region', value: params.region_code }, value: params.region_code });
  }
  if (issues.length > 0) throw validationError(issues);
}

/** The deterministic file name of a run's output: `<report>-<period>[-<store>].<ext>`. */
export function outputFileName(run: RunResult, extension: string, section?: string): string {
  const scope = (run.params.store_code ?? run.params.region_code ?? run.params.brand)?.replace(/[^\p{L}\p{N}._-]+/gu, '_');
  return `${run.report}-${run.params.period}${scope ? `-${scope}` : ''}${section ? `-${section}` : ''}.${extension}`;
}
