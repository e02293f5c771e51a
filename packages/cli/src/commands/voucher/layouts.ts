import type { components } from '@boh/sdk';
import { t, type Language } from '../../i18n/index.js';
import { fenToDecimal } from '../../output/money.js';

type VoucherLine = components['schemas']['VoucherLine'];

// Column layouts of the voucher export. The Kingdee and Yonyou layouts follow the columns their
// general-ledger voucher imports (金蝶 KIS/K3/云星空 凭证引入, 用友 U8/T+ 凭证导入) read, with
// Chinese headers whatever the CLI's language, since the importers match headers by name. The
// store is the auxiliary accounting item (核算项目 / 辅助核算), kept as a department there.

export type VoucherLayoutName = 'kingdee' | 'yonyou' | 'csv';
export const VOUCHER_LAYOUTS: readonly VoucherLayoutName[] = ['kingdee', 'yonyou', 'csv'];

/** The kind of a cell: text, a whole number, an amount in yuan (from fen), or a date. */
export type CellKind = 'text' | 'integer' | 'amount' | 'date';

export interface VoucherColumn {
  /** The header, or a CLI message key when `localised`. */
  header: string;
  kind: CellKind;
  width: number;
  /** The cell's value; `language` is the language of the texts a person reads. */
  value(line: VoucherLine, language: Language): string | number | null;
}

export interface VoucherLayout {
  name: VoucherLayoutName;
  format: 'xlsx' | 'csv';
  sheetName: string;
  /** Headers are CLI message keys in the user's language (csv) rather than fixed Chinese text. */
  localised: boolean;
  columns: VoucherColumn[];
}

const col = (header: string, kind: CellKind, width: number, value: VoucherColumn['value']): VoucherColumn => ({ header, kind, width, value });
const year = (line: VoucherLine) => Number(line.period.slice(0, 4));
const month = (line: VoucherLine) => Number(line.period.slice(5, 7));
const amount = (line: VoucherLine) => line.debit_fen + line.credit_fen;

/** The entry's id, source type and reference as stable codes, for an importer that stores them as an id. */
const reference = (line: VoucherLine) => `BOH#${line.entry_id} ${line.source_type}${line.source_ref ? ` ${line.source_ref}` : ''}`;

/**
 * Word a source reference for a person: a sales posting's `batch:12` is 批次 12 (batch 12). Other
 * references (document numbers, ticket codes, reconciliation ids) are shown as they are.
 */
export function sourceRefText(ref: string | null, language: Language): string | null {
  const batch = ref === null ? null : /^batch:(\d+)$/.exec(ref);
  return batch ? t(language, 'voucher.source_ref.batch', { id: batch[1] }) : ref;
}

/** Write the entry's id, then its source and reference as a person reads them (BOH#12 销售 批次 3). */
const readableReference = (line: VoucherLine, language: Language) => {
  const ref = sourceRefText(line.source_ref, language);
  return `BOH#${line.entry_id} ${line.source_label}${ref ? ` ${ref}` : ''}`;
};

const kingdee: VoucherLayout = {
  name: 'kingdee',
  format: 'xlsx',
  sheetName: '凭证',
  localised: false,
  columns: [
    col('凭证日期', 'date', 12, (l) => l.entry_date),
    col('会计年度', 'integer', 9, year),
    col('会计期间', 'integer', 9, month),
    col('凭证字', 'text', 7, (l) => l.voucher_word),
    col('凭证号', 'integer', 8, (l) => l.voucher_number),
    col('分录序号', 'integer', 9, (l) => l.line_number),
    col('摘要', 'text', 36, (l) => l.summary),
    col('科目代码', 'text', 12, (l) => l.account_code),
    col('科目名称', 'text', 24, (l) => l.account_name),
    col('币别', 'text', 7, () => '人民币'),
    col('汇率', 'integer', 6, () => 1),
    col('原币金额', 'amount', 14, (l) => amount(l)),
    col('借方金额', 'amount', 14, (l) => l.debit_fen),
    col('贷方金额', 'amount', 14, (l) => l.credit_fen),
    // NOTE: the type---code---name form comes from commonly shared K/3 voucher sheets, not from
    // a Kingdee specification. docs/en/close.md has users compare it with their own export.
    col('核算项目', 'text', 28, (l) => (l.store_code ? `部门---${l.store_code}---${l.store_name ?? l.store_code}` : null)),
    col('附件数', 'integer', 7, (l) => l.attachments),
    col('制单人', 'text', 12, (l) => l.prepared_by),
    col('参考信息', 'text', 24, readableReference),
  ],
};

const yonyou: VoucherLayout = {
  name: 'yonyou',
  format: 'xlsx',
  sheetName: '凭证',
  localised: false,
  columns: [
    col('制单日期', 'date', 12, (l) => l.entry_date),
    col('凭证类别字', 'text', 10, (l) => l.voucher_word),
    col('凭证号', 'integer', 8, (l) => l.voucher_number),
    col('附单据数', 'integer', 9, (l) => l.attachments),
    col('分录行号', 'integer', 9, (l) => l.line_number),
    col('摘要', 'text', 36, (l) => l.summary),
    col('科目编码', 'text', 12, (l) => l.account_code),
    col('科目名称', 'text', 24, (l) => l.account_name),
    col('借方金额', 'amount', 14, (l) => l.debit_fen),
    col('贷方金额', 'amount', 14, (l) => l.credit_fen),
    col('币种', 'text', 7, () => '人民币'),
    col('汇率', 'integer', 6, () => 1),
    col('部门编码', 'text', 10, (l) => l.store_code),
    col('部门名称', 'text', 16, (l) => l.store_name),
    col('制单人', 'text', 12, (l) => l.prepared_by),
    col('外部凭证号', 'text', 24, reference),
  ],
};

const csv: VoucherLayout = {
  name: 'csv',
  format: 'csv',
  sheetName: 'vouchers',
  localised: true,
  columns: [
    col('voucher.column.period', 'text', 0, (l) => l.period),
    col('voucher.column.voucher_word', 'text', 0, (l) => l.voucher_word),
    col('voucher.column.voucher_number', 'integer', 0, (l) => l.voucher_number),
    col('voucher.column.entry_date', 'text', 0, (l) => l.entry_date),
    col('voucher.column.line_number', 'integer', 0, (l) => l.line_number),
    col('voucher.column.summary', 'text', 0, (l) => l.summary),
    col('voucher.column.account_code', 'text', 0, (l) => l.account_code),
    col('voucher.column.account_name', 'text', 0, (l) => l.account_name),
    col('voucher.column.debit', 'amount', 0, (l) => l.debit_fen),
    col('voucher.column.credit', 'amount', 0, (l) => l.credit_fen),
    col('voucher.column.store_code', 'text', 0, (l) => l.store_code),
    col('voucher.column.store_name', 'text', 0, (l) => l.store_name),
    col('voucher.column.attachments', 'integer', 0, (l) => l.attachments),
    col('voucher.column.prepared_by', 'text', 0, (l) => l.prepared_by),
    col('voucher.column.entry_id', 'integer', 0, (l) => l.entry_id),
    col('voucher.column.source_type', 'text', 0, (l) => l.source_label),
    col('voucher.column.source_ref', 'text', 0, (l, language) => sourceRefText(l.source_ref, language)),
    // The codes come last, after the columns people read, for a program that filters by them.
    col('voucher.column.source_code', 'text', 0, (l) => l.source_type),
    col('voucher.column.source_ref_code', 'text', 0, (l) => l.source_ref),
  ],
};

export const LAYOUTS: Record<VoucherLayoutName, VoucherLayout> = { kingdee, yonyou, csv };

/** Format an amount cell's text: fen as yuan with two decimals. */
export function amountText(fen: number): string {
  return fenToDecimal(fen);
}
