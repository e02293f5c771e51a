import { readFileSync } from 'node:fs';
import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { ExitError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { writeLine } from '../../runtime/io.js';
import { confirmChange } from '../../runtime/prompt.js';
import { dateOption, integerOption, periodOption } from '../finance-options.js';
import { fileErrorReason } from '../masterdata/field-options.js';
import { parseJsonText } from '../../runtime/json-text.js';

type Entry = components['schemas']['JournalEntry'];

export async function listEntries(context: Context, options: { period?: string; store?: string; source?: string; account?: string }): Promise<void> {
  const entries = await context
    .client()
    .ledger.entries.list({
      limit: 500,
      ...(options.period ? { period: periodOption('--period', options.period) } : {}),
      ...(options.store ? { store_code: options.store } : {}),
      ...(options.source ? { source_type: options.source } : {}),
      ...(options.account ? { account_code: options.account } : {}),
    })
    .toArray({ max: 100_000 });
  if (context.json) {
    context.io.stdout.write(toJson(entries));
    return;
  }
  const t = (key: string) => context.t(key);
  context.io.stdout.write(
    renderTable(
      entries,
      [
        { header: t('ledger.column.entry'), value: (e) => String(e.id), numeric: true },
        { header: t('ledger.column.date'), value: (e) => e.entry_date },
        { header: t('ledger.column.summary'), value: (e) => e.summary },
        { header: t('ledger.column.total'), value: (e) => formatFen(e.total_fen), numeric: true },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}

export async function showEntry(context: Context, idText: string): Promise<void> {
  printEntry(context, await context.client().ledger.entries.get(integerOption('<id>', idText)));
}

/** Post a manual entry from a JSON file in the API's shape. */
export async function postEntry(context: Context, options: { file: string }): Promise<void> {
  let input: components['schemas']['JournalEntryInput'];
  try {
    input = parseJsonText(readFileSync(options.file, 'utf8')) as typeof input;
  } catch (error) {
    throw new ExitError(ExitCode.usage, 'finance.error.read_json', { file: options.file, reason: fileErrorReason(error) });
  }
  const entry = await context.client().ledger.entries.create(input);
  context.info(context.t('ledger.entry.done', { id: entry.id }));
  printEntry(context, entry);
}

/** Reverse an entry after confirmation (or --yes). */
export async function reverseEntry(context: Context, idText: string, options: { reason: string; date?: string }): Promise<void> {
  const id = integerOption('<id>', idText);
  const entryDate = options.date ? dateOption(context, '--date', options.date) : undefined;
  await confirmChange(context, `${context.t('ledger.entry.reverse.description')}: ${id}`);
  const entry = await context.client().ledger.entries.reverse(id, { reason: options.reason, ...(entryDate ? { entry_date: entryDate } : {}) });
  context.info(context.t('ledger.entry.done', { id: entry.id }));
  printEntry(context, entry);
}

function printEntry(context: Context, entry: Entry): void {
  if (context.json) {
    context.io.stdout.write(toJson(entry));
    return;
  }
  const t = (key: string) => context.t(key);
  writeLine(context.io.stdout, context.t('ledger.entry.header', { id: entry.id, date: entry.entry_date, summary: entry.summary }));
  context.io.stdout.write(
    renderTable(
      entry.lines,
      [
        { header: t('ledger.column.code'), value: (l) => l.account_code },
        { header: t('ledger.column.name'), value: (l) => l.account_name },
        { header: t('ledger.column.store'), value: (l) => l.store_code ?? '' },
        { header: t('ledger.column.debit'), value: (l) => (l.debit_fen ? formatFen(l.debit_fen) : ''), numeric: true },
        { header: t('ledger.column.credit'), value: (l) => (l.credit_fen ? formatFen(l.credit_fen) : ''), numeric: true },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}
