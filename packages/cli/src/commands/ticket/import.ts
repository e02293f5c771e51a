import { basename } from 'node:path';
import { BohValidationError, type components } from '@boh/sdk';
import { openTable, TableReadError, type Cell } from '../../files/index.js';
import type { Context } from '../../runtime/context.js';
import { ExitError, SilentExit, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { toJson } from '../../output/format.js';

type BatchRow = components['schemas']['TicketBatchRow'];

/**
 * Columns a file may have, one row per change: `action` (create, update, assign, transition),
 * `ticket_code` for the last three, and the fields of the change. Unknown columns are ignored.
 */
const COLUMNS = ['action', 'ticket_code', 'store_code', 'asset_code', 'category', 'priority', 'title', 'description', 'reporter_name', 'external_ref', 'reported_at', 'technician_code', 'to', 'at', 'note', 'rating', 'reason'] as const;
type Column = (typeof COLUMNS)[number];

/** Read the file, send its rows as one all-or-nothing batch, and report each row's errors by line. */
export async function importTickets(context: Context, file: string, options: { dryRun?: boolean }): Promise<void> {
  const table = await openTable(file).catch((error: Error) => {
    // A missing file, a folder or an unsupported format has its own message in both languages.
    if (error instanceof TableReadError) throw error;
    throw new ExitError(ExitCode.usage, 'ticket.import.unreadable', { file: basename(file), reason: error.message });
  });
  let header: string[] | undefined;
  const rows: { line: number; row: BatchRow }[] = [];
  for await (const source of table.rows) {
    const cells = source.cells.map(text);
    if (header === undefined) {
      header = cells.map((cell) => cell.trim().toLowerCase());
      continue;
    }
    const record = Object.fromEntries(header.map((name, index) => [name, cells[index]?.trim() ?? ''])) as Partial<Record<Column, string>>;
    rows.push({ line: source.line, row: toBatchRow(record, source.line) });
  }
  if (rows.length === 0) throw new UsageError('ticket.import.empty', { file: basename(file) });

  let result;
  try {
    result = await context.client().tickets.batch({ dry_run: options.dryRun === true, rows: rows.map((r) => r.row) });
  } catch (error) {
    // A row that breaks the contract (a missing title, an unknown category) fails the whole
    // request before any row runs; its errors still name the row, so report them by line.
    if (!(error instanceof BohValidationError)) throw error;
    for (const issue of error.fieldErrors) {
      const index = /^body\.rows\[(\d+)\]/.exec(issue.field)?.[1];
      const line = index === undefined ? '-' : rows[Number(index)]!.line;
      const field = issue.field.replace(/^body\.rows\[\d+\]\.(create|update|assign|transition)?\.?/, '');
      context.io.stderr.write(`${context.t('ticket.import.row_error', { line, field: field || '-', message: issue.message.replace(`${issue.field}: `, '') })}\n`);
    }
    context.io.stderr.write(`${context.t('ticket.import.rejected', { count: new Set(error.fieldErrors.map((e) => /^body\.rows\[(\d+)\]/.exec(e.field)?.[1])).size, total: rows.length })}\n`);
    throw new SilentExit(ExitCode.rowsRejected);
  }
  const failed = result.results.filter((r) => !r.ok);
  if (context.json) context.io.stdout.write(toJson({ ...result, results: result.results.map((r, i) => ({ ...r, line: rows[i]!.line })) }));
  for (const outcome of failed) {
    const line = rows[outcome.row - 1]!.line;
    for (const error of outcome.errors) {
      const field = error.field.replace(/^body\.rows\[\d+\]\.(create|update|assign|transition)?\.?/, '');
      context.io.stderr.write(`${context.t('ticket.import.row_error', { line, field: field || '-', message: error.message.replace(`${error.field}: `, '') })}\n`);
    }
  }
  if (failed.length > 0) {
    context.io.stderr.write(`${context.t('ticket.import.rejected', { count: failed.length, total: rows.length })}\n`);
    throw new SilentExit(ExitCode.rowsRejected);
  }
  context.info(context.t(result.dry_run ? 'ticket.import.checked' : 'ticket.import.applied', { count: rows.length }));
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return 'text' in cell ? String((cell as { text: unknown }).text) : JSON.stringify(cell);
  return String(cell);
}

function toBatchRow(r: Partial<Record<Column, string>>, line: number): BatchRow {
  const present = (key: Column) => (r[key] !== undefined && r[key] !== '' ? r[key] : undefined);
  const pick = (keys: readonly Column[]) => Object.fromEntries(keys.filter((k) => present(k) !== undefined).map((k) => [k, present(k)]));
  const action = (present('action') ?? 'create').toLowerCase();
  const ticketCode = present('ticket_code');
  switch (action) {
    case 'create':
      return { action, create: pick(['store_code', 'asset_code', 'category', 'priority', 'title', 'description', 'reporter_name', 'external_ref', 'reported_at']) as unknown as BatchRow['create'] };
    case 'update':
      return { action, ...(ticketCode ? { ticket_code: ticketCode } : {}), update: pick(['priority', 'category', 'title', 'description']) as unknown as BatchRow['update'] };
    case 'assign':
      return { action, ...(ticketCode ? { ticket_code: ticketCode } : {}), assign: present('technician_code') ? { technician_code: present('technician_code')!, ...pick(['at', 'note']) } : { auto: true } };
    case 'transition': {
      const rating = present('rating');
      return {
        action,
        ...(ticketCode ? { ticket_code: ticketCode } : {}),
        transition: { ...pick(['to', 'at', 'note', 'reason']), ...(rating !== undefined ? { rating: Number(rating) } : {}) } as unknown as BatchRow['transition'],
      };
    }
    default:
      throw new UsageError('ticket.import.unknown_action', { line, value: action });
  }
}
