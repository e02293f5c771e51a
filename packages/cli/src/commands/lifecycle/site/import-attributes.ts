import { BohApiError, BohNotFoundError, type components } from '@boh/sdk';
import { formatIssue, parseAmountFen, type Cell } from '../../../files/index.js';
import type { Context } from '../../../runtime/context.js';
import { SilentExit, UsageError } from '../../../runtime/errors.js';
import { ExitCode } from '../../../runtime/exit-codes.js';
import { toJson } from '../../../output/format.js';
import { renderTable } from '../../../output/table.js';
import { forPeople } from '../format.js';
import { columnLabel, loadImportTemplate, readImportFile } from '../import-file.js';
import { readCode, readDate, readText, type CellValue } from '../row-values.js';

type AttributeFields = components['schemas']['SiteAttributeFields'];

interface RowResult {
  line: number;
  store_code: string;
  status: 'saved' | 'unchanged' | 'valid' | 'rejected';
  message: string;
}

function readCount(context: Context, cell: Cell): CellValue<number | null> {
  if (cell === null || cell === '') return { ok: true, value: null };
  const text = String(cell).replace(/[,，\s]/g, '');
  return /^\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, message: context.t('error.invalid_integer', { option: '', value: String(cell) }).replace(/^[^:：]*[:：]\s*/, '') };
}

function readRent(context: Context, cell: Cell): CellValue<number | null> {
  if (cell === null || cell === '') return { ok: true, value: null };
  const result = parseAmountFen(cell);
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: formatIssue(context.language, result.issue) };
}

/**
 * Set the site attributes of many stores from a file, one store per row. Each row replaces that
 * store's attributes with the row's values (empty cells become empty), so running the file again
 * changes nothing. Rows are written one by one: a rejected row is reported and the others are
 * saved. With --dry-run, rows are checked and the stores looked up, and nothing is written.
 */
export async function importAttributes(context: Context, file: string, options: { sheet?: string; dryRun?: boolean }): Promise<void> {
  const template = loadImportTemplate('site-attributes');
  const { rows, issues } = await readImportFile(context, file, template, options.sheet);
  if (rows.length === 0) throw new UsageError('lifecycle.batch.empty', { file });
  const sites = context.client().sites;
  const stores = context.client().stores;
  const results: RowResult[] = [];

  for (const row of rows) {
    const problems: string[] = [];
    const take = <T>(field: string, result: CellValue<T>): T | undefined => {
      if (result.ok) return result.value;
      problems.push(context.t('file.row_issue', { line: row.line, column: columnLabel(context, template, field), message: result.message }));
      return undefined;
    };
    const code = take('store_code', readCode(context, row.cells.get('store_code') ?? null));
    const fields: AttributeFields = {
      rent_fen_per_m2_month: take('rent', readRent(context, row.cells.get('rent') ?? null)),
      footfall_daily: take('footfall_daily', readCount(context, row.cells.get('footfall_daily') ?? null)),
      nearby_population: take('nearby_population', readCount(context, row.cells.get('nearby_population') ?? null)),
      competitors_500m: take('competitors_500m', readCount(context, row.cells.get('competitors_500m') ?? null)),
      surveyed_on: take('surveyed_on', readDate(context, row.cells.get('surveyed_on') ?? null)),
      source: take('source', readText(context, row.cells.get('source') ?? null)),
    };
    if (problems.length > 0 || code === undefined) {
      results.push({ line: row.line, store_code: code ?? '', status: 'rejected', message: problems.join('; ') });
      continue;
    }

    try {
      if (options.dryRun) {
        await stores.get(code);
        results.push({ line: row.line, store_code: code, status: 'valid', message: '' });
        continue;
      }
      const before = await sites.attributes(code).catch((error: unknown) => (error instanceof BohNotFoundError && error.code === 'site_attributes_not_found' ? undefined : Promise.reject(error)));
      const saved = await sites.setAttributes(code, fields);
      results.push({ line: row.line, store_code: code, status: before?.version === saved.version ? 'unchanged' : 'saved', message: '' });
    } catch (error) {
      if (!(error instanceof BohApiError)) throw error;
      results.push({ line: row.line, store_code: code, status: 'rejected', message: error.message });
    }
  }

  for (const issue of issues) context.info(issue);
  const count = (status: RowResult['status']) => results.filter((result) => result.status === status).length;
  if (context.json) {
    context.io.stdout.write(toJson({ dry_run: Boolean(options.dryRun), rows: results }));
  } else {
    const columns = [
      { header: context.t('lifecycle.column.line'), value: (result: RowResult) => String(result.line), numeric: true },
      { header: context.t('lifecycle.column.store'), value: (result: RowResult) => result.store_code },
      { header: context.t('lifecycle.column.status'), value: (result: RowResult) => (result.status === 'rejected' ? context.t('lifecycle.status.rejected') : context.t(`site.import.${result.status}`)) },
      { header: context.t('lifecycle.column.message'), value: (result: RowResult) => result.message },
    ];
    context.io.stdout.write(renderTable(results, columns, forPeople(context)));
  }
  const mode = options.dryRun ? context.t('site.import.dry_run') : '';
  context.info(context.t('site.import.summary', { total: results.length, saved: count('saved') + count('valid'), unchanged: count('unchanged'), rejected: count('rejected'), mode }));
  if (count('rejected') > 0 || issues.length > 0) throw new SilentExit(ExitCode.rowsRejected);
}
