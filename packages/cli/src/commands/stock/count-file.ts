import { formatReadIssue } from '../../files/messages.js';
import { openTable } from '../../files/open-table.js';
import type { Language } from '../../i18n/index.js';
import { describeCell } from '../../files/text.js';
import type { Cell } from '../../files/types.js';
import { ExitError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';

/** One counted item as read from a file. */
export interface CountedItem {
  item_code: string;
  quantity: number;
  unit?: string;
}

const COLUMNS = {
  item_code: ['item_code', '物料编码', '编码', '物料代码'],
  quantity: ['quantity', '数量', '盘点数量', '实盘数量'],
  unit: ['unit', '单位'],
} as const;

/**
 * Read counted quantities from a CSV or XLSX file whose first row names the columns, in English
 * or Chinese. Every bad row is reported (with its line) before anything is sent.
 */
export async function readCountFile(file: string, language: Language, translate: (key: string, params?: Record<string, unknown>) => string): Promise<CountedItem[]> {
  const table = await openTable(file);
  const items: CountedItem[] = [];
  const problems: string[] = [];
  let columns: Record<keyof typeof COLUMNS, number> | undefined;

  for await (const row of table.rows) {
    const text = row.cells.map((cell) => describeCell(cell).trim());
    if (!columns) {
      columns = findColumns(text, file);
      continue;
    }
    const code = text[columns.item_code] ?? '';
    const quantityCell: Cell | undefined = row.cells[columns.quantity];
    const quantity = typeof quantityCell === 'number' ? quantityCell : Number(String(quantityCell ?? '').replace(/,/g, '').trim());
    if (code === '' && (quantityCell === null || quantityCell === undefined || String(quantityCell).trim() === '')) continue;
    if (!Number.isFinite(quantity) || quantity < 0 || String(quantityCell ?? '').trim() === '') {
      problems.push(translate('stock.count.file_error', { file, line: row.line, message: translate('stock.count.file_bad_quantity', { value: describeCell(quantityCell ?? null) }) }));
      continue;
    }
    const unit = columns.unit >= 0 ? text[columns.unit] : undefined;
    items.push({ item_code: code, quantity, ...(unit ? { unit } : {}) });
  }
  for (const issue of table.issues) problems.push(`${file}: ${formatReadIssue(language, issue)}`);
  if (problems.length > 0) throw new ExitError(ExitCode.rowsRejected, 'stock.count.file_problems', { problems: problems.join('\n') });
  return items;
}

function findColumns(header: string[], file: string): Record<keyof typeof COLUMNS, number> {
  const find = (names: readonly string[]) => header.findIndex((cell) => names.includes(cell.toLowerCase()) || names.includes(cell));
  const result = { item_code: find(COLUMNS.item_code), quantity: find(COLUMNS.quantity), unit: find(COLUMNS.unit) };
  for (const column of ['item_code', 'quantity'] as const) {
    if (result[column] < 0) {
      throw new ExitError(ExitCode.usage, 'stock.count.file_missing_column', { file, column, names: COLUMNS[column].join(', ') });
    }
  }
  return result;
}
