// Texts of every quarantine reason, warning and error of the statement parsers, keyed by code.
// `{name}` is replaced by the parameter of that name, `{name:singular|plural}` by the word for it.

import { t, type NestedMessage } from '../i18n/index.js';
import { choosePlurals } from '../i18n/plural.js';

export const messages = {
  en: {
    // Quarantine: flagged rows, kept for a person to decide.
    'unknown-transaction-type':
      'Line {line}: transaction type "{type}" in column {column} is not known for this statement layout; the row is kept for review. Add the type to the layout if it is a sale, refund or transfer.',
    'unknown-flow-label':
      'Line {line}: column {column} says "{value}"; expected 收入, 支出 or a neutral label. The row is kept for review.',
    'foreign-currency':
      'Line {line}: the amount is in {currency}, not CNY; the row is kept for review and left out of the totals.',
    'status-needs-review':
      'Line {line}: status "{status}" needs review (for example a revoked payment); the row is kept for review.',
    // Quarantine: rejected rows, which could not be read.
    'amount-invalid': 'Line {line}: column {column} holds "{value}", which is not an amount.',
    'amount-too-precise':
      'Line {line}: column {column} holds "{value}", which has more decimal places than the amount allows.',
    'amount-out-of-range': 'Line {line}: column {column} holds "{value}", which is too large to be an amount.',
    'amount-negative': 'Line {line}: column {column} holds "{value}"; this column cannot be negative.',
    'amount-missing': 'Line {line}: no amount in column {column}.',
    'amount-ambiguous':
      'Line {line}: both the money-in column ({in}) and the money-out column ({out}) hold an amount; one of them must be empty or zero.',
    'date-invalid': 'Line {line}: column {column} holds "{value}", which is not a date in the expected format.',
    'time-invalid': 'Line {line}: column {column} holds "{value}", which is not a time of day.',
    'date-without-year':
      'Line {line}: date "{value}" has no year and the statement does not state its period; pass the period to the parser.',
    'required-column-missing':
      'Line {line}: the header has no column {column}, so the row cannot be read. Check whether the bill format changed.',
    'value-missing': 'Line {line}: column {column} is empty.',
    'id-too-long':
      'Line {line}: column {column} holds an id of {length} {length:character|characters}, but ids of at most {max} {max:character|characters} can be stored. Check that the column was exported as text and is not joined with the next one.',
    'extra-cells':
      'Line {line}: the row has {actual} cells with values but the header has {expected} {expected:column|columns}; an unquoted comma may have split a value.',
    'row-short':
      'Line {line}: the row ends after {actual} {actual:cell|cells} but the header has {expected} {expected:column|columns}, so column {column} is missing; the file may be truncated, or a line break inside a value split the row. Export the complete bill again.',
    // Warnings.
    'summary-mismatch':
      'The statement states {item} = {stated} on line {statedLine}, but its rows give {computed}. Check for edited or missing rows.',
    'summary-unreadable': 'Line {line}: the summary "{text}" could not be read.',
    'header-column-missing':
      'The header on line {line} has no column {column}; rows that need it are quarantined. Check whether the bill format changed.',
    'balance-unreadable':
      '{count} balance values could not be read (first on line {line}, "{value}"); balances are left out.',
    'duplicate-line': 'Line {line} repeats line {first} exactly; both are kept and get different fingerprints.',
    'layout-ambiguous':
      'The header matches layouts {chosen} and {other} equally well; {chosen} was used. Pass the layout to choose the other.',
    'no-data-rows': 'The statement has a header on line {line} but no transaction rows.',
    'file-read-issue':
      'Reading the file reported {issue} on line {line} (line 0 is the whole file); check the rows near it.',
    // Errors that stop the parse of a file.
    'layout-not-detected':
      'The statement layout was not recognised from its first {rows} {rows:row|rows}. Write a mapping profile for its columns (see templates/statements/README.md) and pass it with --mapping FILE (--statement-mapping FILE for boh month-end), or name the file or its folder in BOH_STATEMENT_PROFILES.',
    'layout-unknown': 'Layout "{layout}" is not known. Known layouts: {known}.',
    'channel-mismatch':
      'The file has the layout {layout}, which is a `{found}` statement, not a `{expected}` one. Reconcile it with `boh reconcile {found}`.',
    'header-not-found': 'No header row of layout {layout} was found in the first {rows} {rows:row|rows}.',
    'time-zone-invalid': 'Time zone "{zone}" is not valid; use an IANA name such as Asia/Shanghai or an offset such as +08:00.',
    'profile-invalid': 'Mapping profile {file} is invalid at {path}: {problem}',
    'profile-unreadable': 'Mapping profile {file}: {reason}.',
    'sheet-not-found': 'File {file} has no sheet {sheet}. Sheets: {sheets}.',
  },
  'zh-CN': {
    'unknown-transaction-type':
      '第 {line} 行：{column} 列的交易类型“{type}”不在该对账单格式的已知类型中，已留待人工核对。如属收款、退款或转账，请将该类型加入格式定义。',
    'unknown-flow-label': '第 {line} 行：{column} 列为“{value}”，应为收入、支出或不计收支类标记，已留待人工核对。',
    'foreign-currency': '第 {line} 行：金额币种为 {currency}，不是人民币，已留待人工核对，不计入合计。',
    'status-needs-review': '第 {line} 行：交易状态“{status}”需人工核对（例如已撤销的支付），已留待人工核对。',
    'amount-invalid': '第 {line} 行：{column} 列的“{value}”不是有效金额。',
    'amount-too-precise': '第 {line} 行：{column} 列的“{value}”小数位数超过该金额允许的位数。',
    'amount-out-of-range': '第 {line} 行：{column} 列的“{value}”超出金额范围。',
    'amount-negative': '第 {line} 行：{column} 列为“{value}”，该列不能为负数。',
    'amount-missing': '第 {line} 行：{column} 列没有金额。',
    'amount-ambiguous': '第 {line} 行：收入列（{in}）与支出列（{out}）同时有金额，其中一列应为空或零。',
    'date-invalid': '第 {line} 行：{column} 列的“{value}”不是预期格式的日期。',
    'time-invalid': '第 {line} 行：{column} 列的“{value}”不是有效时间。',
    'date-without-year': '第 {line} 行：日期“{value}”没有年份，对账单也未注明账单周期，请在解析时指定账单周期。',
    'required-column-missing': '第 {line} 行：表头缺少 {column} 列，无法读取该行。请检查账单格式是否变更。',
    'value-missing': '第 {line} 行：{column} 列为空。',
    'id-too-long': '第 {line} 行：{column} 列的编号有 {length} 个字符，但最多只能保存 {max} 个字符。请检查该列是否以文本导出，是否与下一列连在了一起。',
    'extra-cells': '第 {line} 行有 {actual} 个非空字段，而表头只有 {expected} 列；可能有未加引号的逗号把字段拆开了。',
    'row-short': '第 {line} 行只有 {actual} 个字段，而表头有 {expected} 列，缺少 {column} 列；文件可能被截断，或某个字段中的换行把该行拆开了。请重新导出完整的账单。',
    'summary-mismatch': '对账单第 {statedLine} 行注明{item}为 {stated}，但按明细计算为 {computed}。请检查是否有被修改或缺失的明细。',
    'summary-unreadable': '第 {line} 行：无法读取汇总“{text}”。',
    'header-column-missing': '第 {line} 行的表头缺少 {column} 列，需要该列的明细已隔离。请检查账单格式是否变更。',
    'balance-unreadable': '有 {count} 个余额无法读取（首个在第 {line} 行，“{value}”），余额不予采用。',
    'duplicate-line': '第 {line} 行与第 {first} 行完全相同；两行均保留，指纹不同。',
    'layout-ambiguous': '表头与格式 {chosen} 和 {other} 同样匹配，已按 {chosen} 解析。如需另一种，请指定格式。',
    'no-data-rows': '对账单第 {line} 行有表头，但没有交易明细。',
    'file-read-issue': '读取文件时在第 {line} 行报告了 {issue}（第 0 行指整个文件），请检查附近的明细。',
    'layout-not-detected':
      '无法根据前 {rows} 行识别对账单格式。请按其列名编写字段对应文件（见 templates/statements/README.zh-CN.md），并用 --mapping 文件（boh month-end 用 --statement-mapping 文件）传入，或在环境变量 BOH_STATEMENT_PROFILES 中指定该文件或其所在文件夹。',
    'layout-unknown': '未知的对账单格式“{layout}”。已知格式：{known}。',
    'channel-mismatch': '该文件的格式是 {layout}，属于 `{found}` 对账单，不是 `{expected}` 对账单。请用 `boh reconcile {found}` 对账。',
    'header-not-found': '在前 {rows} 行中没有找到格式 {layout} 的表头。',
    'time-zone-invalid': '时区“{zone}”无效，请使用 Asia/Shanghai 这样的 IANA 名称或 +08:00 这样的偏移。',
    'profile-invalid': '字段对应文件 {file} 的{path}无效：{problem}',
    'profile-unreadable': '字段对应文件 {file}：{reason}。',
    'sheet-not-found': '文件 {file} 中没有工作表 {sheet}。现有工作表：{sheets}。',
  },
} as const;

export type MessageCode = keyof (typeof messages)['en'];
export type Locale = keyof typeof messages;

/** A parameter of a message: a value shown as it is, or a CLI catalogue message worded with it. */
export type MessageParam = string | number | NestedMessage;

/** Renders a code's text in a locale, filling `{name}` placeholders from `params`. */
export function formatMessage(
  locale: Locale,
  code: MessageCode,
  params: Readonly<Record<string, MessageParam>>,
): string {
  const displayed = code === 'summary-mismatch' && typeof params.item === 'string' ? { ...params, item: summaryItemText(locale, params.item) } : params;
  return choosePlurals(messages[locale][code], displayed).replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = displayed[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? t(locale, value.messageKey, value.params) : String(value);
  });
}

/** Names of the flows whose totals a statement states, by the key the layouts check them under. */
const SUMMARY_GROUPS: Record<Locale, Record<string, string>> = {
  en: { in: 'income', out: 'expense', neutral: 'neutral', payments: 'payment', refunds: 'refund' },
  'zh-CN': { in: '收入', out: '支出', neutral: '不计收支', payments: '交易', refunds: '退款' },
};

/** Names of the totals of a WeChat Pay merchant bill; in Chinese, the bill's own column names. */
const BILL_TOTALS: Record<Locale, Record<string, string>> = {
  en: { gross: 'the settled order total', refund: 'the refund total', fee: 'the fee total', orderAmount: 'the order total' },
  'zh-CN': { gross: '应结订单总金额', refund: '退款总金额', fee: '手续费总金额', orderAmount: '订单总金额' },
};

/**
 * Names a summary figure in words: `count` is the number of rows, `in.count` the number of
 * income rows, `in.amount` the income total and `fee` a bill's fee total. An unknown key is
 * shown as it is.
 */
export function summaryItemText(locale: Locale, item: string): string {
  const zh = locale === 'zh-CN';
  if (item === 'count') return zh ? '笔数' : 'the number of rows';
  const total = BILL_TOTALS[locale][item];
  if (total !== undefined) return total;
  const [group = '', figure] = item.split('.');
  const name = SUMMARY_GROUPS[locale][group];
  if (name === undefined) return item;
  if (figure === 'count') return zh ? `${name}笔数` : `the number of ${name} rows`;
  if (figure === 'amount') return zh ? `${name}金额` : `the ${name} total`;
  return item;
}
