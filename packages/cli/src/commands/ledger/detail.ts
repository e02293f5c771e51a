import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { writeLine } from '../../runtime/io.js';
import { periodOption } from '../finance-options.js';
import { checkFilterCodes } from '../filter-codes.js';

/** Print an account's ledger detail over every page: opening balance, lines, closing balance. */
export async function detail(context: Context, options: { account: string; period: string; to?: string; store?: string }): Promise<void> {
  const query = {
    account_code: options.account,
    period_from: periodOption('--period', options.period),
    ...(options.to ? { period_to: periodOption('--to', options.to) } : {}),
    ...(options.store ? { store_code: options.store } : {}),
    limit: 500,
  };
  const pages = [];
  for await (const page of context.client().ledger.detailPages(query)) pages.push(page);
  const first = pages[0]!;
  const lines = pages.flatMap((page) => page.data);
  if (lines.length === 0) await checkFilterCodes(context, { store: options.store });

  if (context.json) {
    context.io.stdout.write(toJson({ ...first, data: lines, next_cursor: null }));
    return;
  }
  const t = (key: string, params?: Record<string, unknown>) => context.t(key, params);
  const out = context.io.stdout;
  writeLine(out, `${first.account_code} ${first.account_name}  ${first.period_from} – ${first.period_to}`);
  writeLine(out, t('ledger.detail.opening', { amount: formatFen(first.opening_balance_fen) }));
  out.write(
    renderTable(
      lines,
      [
        { header: t('ledger.column.date'), value: (l) => l.entry_date },
        { header: t('ledger.column.entry'), value: (l) => String(l.entry_id), numeric: true },
        { header: t('ledger.column.code'), value: (l) => l.account_code },
        { header: t('ledger.column.store'), value: (l) => l.store_code ?? '' },
        { header: t('ledger.column.summary'), value: (l) => l.summary },
        { header: t('ledger.column.debit'), value: (l) => formatFen(l.debit_fen), numeric: true },
        { header: t('ledger.column.credit'), value: (l) => formatFen(l.credit_fen), numeric: true },
        { header: t('ledger.column.balance'), value: (l) => formatFen(l.balance_fen), numeric: true },
      ],
      Boolean(out.isTTY),
    ),
  );
  writeLine(out, t('ledger.detail.closing', { amount: formatFen(first.closing_balance_fen) }));
}
