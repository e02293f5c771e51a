// Texts of the file readers and value normalisers. Keys are the stable issue codes, plus
// `location_*` for the "line 2, column 3" prefix. Placeholders are `{name}`, and both
// languages have the same keys and placeholders (a test checks this).

import { choosePlurals } from '../i18n/plural.js';
import type { ReadIssue } from './types.js';

const en = {
  value_missing: 'The value is missing. Fill in the cell, or make the column optional.',
  formula_without_result:
    'Cell {ref} contains the formula ={formula} but no calculated result, because the program that wrote the file did not calculate it. Open the file in Excel or WPS, save it, and import it again.',
  formula_without_result_shared:
    'Cell {ref} copies the shared formula of cell {source} but contains no calculated result, because the program that wrote the file did not calculate it. Open the file in Excel or WPS, save it, and import it again.',
  number_invalid: '"{value}" is not a number.',

  amount_invalid:
    '"{value}" is not an amount in yuan. Write it as 1234.50 or ¥1,234.50, and a negative amount as -36.00 or (36.00).',
  amount_bad_grouping:
    '"{value}" has thousands separators in the wrong places. Put a comma every three digits (1,234,567.89) or none, and use a point for decimals.',
  amount_too_many_decimals:
    '"{value}" has {decimals} decimal places, but at most {max} are allowed. Correct the amount, or choose a rounding rule for this column.',
  amount_too_large: '"{value}" is too large for an amount. Check which column is mapped to the amount.',

  date_invalid: '"{value}" is not a date. Write it as 2024-01-05, 2024/1/5 or 2024年1月5日.',
  date_nonexistent: '"{value}" is not a real calendar date. Check the day and the month.',
  date_ambiguous:
    '"{value}" can be read as {dayFirst} (day first) or {monthFirst} (month first). Declare the date order of this column (DMY or MDY) and import again.',
  date_two_digit_year:
    '"{value}" has a two-digit year and the column has no declared date order. Declare the order (DMY, MDY or YMD), or export four-digit years.',
  date_order_mismatch: '"{value}" does not match the declared date order {order}. Check the order declared for this column.',
  date_time_only: '"{value}" is a time of day without a date. Format the column as a date in Excel, or export dates with the times.',
  date_serial_out_of_range: '{value} is outside the dates Excel can show (1900-01-01 to 9999-12-31).',
  time_invalid: '"{value}" has an invalid time. Write the time as hh:mm or hh:mm:ss, with hours from 0 to 23.',
  date_time_invalid: '"{value}" is not a date and time. Write it as 2024-01-05 12:30:11.',
  date_time_missing_time:
    '"{value}" has a date but no time. This column needs a date and a time, such as 2024-01-05 12:30:11.',
  date_time_nonexistent:
    '"{value}" does not exist in time zone {timeZone}, because the clocks skip it for daylight saving time. Check the time, or the time zone of the import.',
  time_zone_unknown: 'Time zone "{timeZone}" is not an IANA time zone. Use a name such as Asia/Shanghai.',

  code_invalid: '"{value}" is not a valid code. Codes and ids must be text.',
  code_became_date:
    'Excel has turned the code "{value}" into a date. Format the column as Text in Excel, enter the codes again, and export the file again.',
  code_scientific_notation:
    '"{value}" is an id that Excel has shown in scientific notation, so its last digits are lost. Export the column as text from the source system again, and do not open and save the CSV file in Excel before importing it.',
  code_number_not_integer: '"{value}" is a decimal number, not a code. Format the column as Text in Excel and export it again.',
  code_number_too_long:
    'The id {value} is stored as a number, and Excel keeps only {digits} digits, so its last digits may be lost. Format the column as Text in Excel, enter or export the ids as text, and import again.',

  csv_field_count:
    'expected {expected} fields, got {actual}, so the row was not imported. A comma inside a value splits it unless the value is in double quotes.',
  csv_invalid_quote:
    'a quoted field in this row goes on after its closing double quote, so the rest of the file could not be read. Put the whole value in double quotes and write a double quote inside it as two ("").',
  csv_unclosed_quote:
    'a double quote opened in this row is never closed, so the rest of the file could not be read. Close or remove the quote and import again.',
  csv_record_too_large:
    'the row starting here is longer than {maxChars} {maxChars:character|characters}, usually because a double quote is not closed, so the rest of the file was not read. Check the quotes in this row.',
  csv_parse_error: 'the row could not be read as CSV ({reason}) and was skipped.',
  encoding_invalid_cell:
    '"{value}" contains bytes that are not valid in the file\'s encoding (shown as �), so the row was not imported. Correct the cell in the source system or the file, save the file as UTF-8, and import it again.',
  encoding_invalid_bytes:
    'the file contains bytes that are not valid {encoding}, and they were replaced by �. Check the file, or give its encoding explicitly (utf-8, gbk, gb18030, utf-16le).',
  encoding_bom_mismatch:
    'the file starts with a {bom} byte order mark but is read as {encoding}. Check the encoding given for this import.',
  sheet_error_cell:
    'cell {ref} shows the Excel error {error}, which is imported as that text. Correct the formula in the workbook and export it again.',

  file_not_found: 'File {path} was not found. Check the path.',
  file_is_folder: '{path} is a folder, not a file. Give the path of a file in it.',
  file_empty: 'File {path} is empty.',
  file_unsupported_format: 'File {path} is not a CSV, XLSX or XLS table. Save it from Excel or WPS as .xlsx or .csv.',
  file_encrypted:
    'File {path} is protected by a password. Remove the password in Excel (File > Info > Protect Workbook), save the file, and import it again.',
  file_unreadable: 'File {path} could not be read as {format}: {reason}. Open it in Excel or WPS and save it again as .xlsx.',
  file_damaged:
    'File {path} is damaged or incomplete, so it could not be read as XLSX ({reason}). Open it in Excel or WPS and save it again as .xlsx, or copy the file again from its source.',
  sheet_part_missing:
    'Workbook {path} lists sheet "{sheet}" but does not contain its cells ({part}), so the file is damaged. Open it in Excel or WPS and save it again as .xlsx.',
  encoding_unknown: 'Encoding "{encoding}" is not known. Use utf-8, gbk, gb18030, utf-16le or utf-16be.',
  sheet_not_found: 'Sheet "{sheet}" was not found. The workbook has: {sheets}.',
  sheet_missing: 'Workbook {path} has no visible sheet.',
  delimiter_invalid: 'Delimiter "{delimiter}" is not supported. Use a comma, a semicolon, a TAB or |.',

  location_line: 'Line {line}',
  location_cell: 'Line {line}, column {column}',
  location_field: 'Line {line}, column {column} ({field})',
} as const;

type Catalogue = { readonly [K in keyof typeof en]: string };

const zhCN: Catalogue = {
  value_missing: '缺少值。请填写该单元格，或将此列设为可选。',
  formula_without_result:
    '单元格 {ref} 是公式 ={formula}，但文件中没有计算结果，因为生成文件的程序没有计算公式。请用 Excel 或 WPS 打开文件并保存，然后重新导入。',
  formula_without_result_shared:
    '单元格 {ref} 沿用单元格 {source} 的共享公式，但文件中没有计算结果，因为生成文件的程序没有计算公式。请用 Excel 或 WPS 打开文件并保存，然后重新导入。',
  number_invalid: '“{value}”不是数字。',

  amount_invalid: '“{value}”不是以元为单位的金额。请写成 1234.50 或 ¥1,234.50，负数写成 -36.00 或 (36.00)。',
  amount_bad_grouping:
    '金额“{value}”的千位分隔符位置不对。请每三位加一个逗号（1,234,567.89）或不加逗号，小数点用“.”。',
  amount_too_many_decimals: '金额“{value}”有 {decimals} 位小数，最多允许 {max} 位。请更正金额，或为此列选择舍入规则。',
  amount_too_large: '金额“{value}”过大。请检查哪一列被对应到了金额。',

  date_invalid: '“{value}”不是日期。请写成 2024-01-05、2024/1/5 或 2024年1月5日。',
  date_nonexistent: '日期“{value}”不存在。请检查日和月。',
  date_ambiguous:
    '日期“{value}”既可理解为 {dayFirst}（日在前），也可理解为 {monthFirst}（月在前）。请为此列声明日期顺序（DMY 或 MDY）后重新导入。',
  date_two_digit_year: '日期“{value}”只有两位年份，而此列没有声明日期顺序。请声明日期顺序（DMY、MDY 或 YMD），或导出四位年份。',
  date_order_mismatch: '日期“{value}”与声明的日期顺序 {order} 不符。请检查此列声明的日期顺序。',
  date_time_only: '“{value}”只有时间，没有日期。请在 Excel 中把此列设为日期格式，或导出带日期的时间。',
  date_serial_out_of_range: '{value} 超出了 Excel 能表示的日期范围（1900-01-01 至 9999-12-31）。',
  time_invalid: '“{value}”中的时间无效。请写成 时:分 或 时:分:秒，小时为 0 到 23。',
  date_time_invalid: '“{value}”不是日期时间。请写成 2024-01-05 12:30:11 的格式。',
  date_time_missing_time: '“{value}”只有日期，没有时间。此列需要日期和时间，例如 2024-01-05 12:30:11。',
  date_time_nonexistent:
    '时间“{value}”在时区 {timeZone} 中不存在，因为夏令时调整跳过了这段时间。请检查时间或此次导入的时区。',
  time_zone_unknown: '时区“{timeZone}”不是 IANA 时区名称。请使用 Asia/Shanghai 这样的名称。',

  code_invalid: '“{value}”不是有效的编码。编码和单号必须是文本。',
  code_became_date: 'Excel 已把编码“{value}”转成了日期。请在 Excel 中把此列设为“文本”格式，重新输入编码后再导出。',
  code_scientific_notation:
    '单号“{value}”被 Excel 显示成了科学计数法，末尾的数字已经丢失。请从原系统重新导出并把此列导出为文本，导入前不要用 Excel 打开并保存 CSV 文件。',
  code_number_not_integer: '“{value}”是小数，不是编码。请在 Excel 中把此列设为“文本”格式后重新导出。',
  code_number_too_long:
    '单号 {value} 以数字形式保存，而 Excel 只保留 {digits} 位有效数字，末尾的数字可能已经丢失。请在 Excel 中把此列设为“文本”格式，以文本输入或导出单号后重新导入。',

  csv_field_count: '应有 {expected} 个字段，实际有 {actual} 个，此行未导入。值中的逗号会把值拆开，除非该值用英文双引号括起来。',
  csv_invalid_quote:
    '此行一个带引号的字段在右引号之后还有内容，文件的其余部分无法读取。请用英文双引号把整个值括起来，值中的双引号写成两个（""）。',
  csv_unclosed_quote: '此行开始的双引号一直没有闭合，文件的其余部分无法读取。请补上或删除这个引号后重新导入。',
  csv_record_too_large:
    '从此行开始的记录超过 {maxChars} 个字符，通常是因为双引号没有闭合，文件的其余部分没有读取。请检查此行的引号。',
  csv_parse_error: '此行无法按 CSV 读取（{reason}），已跳过。',
  encoding_invalid_cell: '“{value}”中有不符合文件编码的字节（显示为 �），此行未导入。请在源系统或文件中更正该单元格，将文件另存为 UTF-8 后重新导入。',
  encoding_invalid_bytes:
    '文件中有不符合 {encoding} 编码的字节，已替换为 �。请检查文件，或明确指定编码（utf-8、gbk、gb18030、utf-16le）。',
  encoding_bom_mismatch: '文件以 {bom} 字节顺序标记（BOM）开头，却按 {encoding} 读取。请检查此次导入指定的编码。',
  sheet_error_cell: '单元格 {ref} 显示 Excel 错误 {error}，按该文本导入。请在工作簿中更正公式后重新导出。',

  file_not_found: '找不到文件 {path}。请检查路径。',
  file_is_folder: '{path} 是文件夹，不是文件。请给出其中某个文件的路径。',
  file_empty: '文件 {path} 是空的。',
  file_unsupported_format: '文件 {path} 不是 CSV、XLSX 或 XLS 表格。请用 Excel 或 WPS 另存为 .xlsx 或 .csv。',
  file_encrypted: '文件 {path} 设置了密码。请在 Excel 中取消密码（文件 > 信息 > 保护工作簿），保存后重新导入。',
  file_unreadable: '文件 {path} 无法按 {format} 读取：{reason}。请用 Excel 或 WPS 打开后另存为 .xlsx。',
  file_damaged: '文件 {path} 已损坏或不完整，无法按 XLSX 读取（{reason}）。请用 Excel 或 WPS 打开后另存为 .xlsx，或从来源处重新复制该文件。',
  sheet_part_missing: '工作簿 {path} 列出了工作表“{sheet}”，但文件中没有它的单元格（{part}），文件已损坏。请用 Excel 或 WPS 打开后另存为 .xlsx。',
  encoding_unknown: '不认识编码“{encoding}”。请使用 utf-8、gbk、gb18030、utf-16le 或 utf-16be。',
  sheet_not_found: '找不到工作表“{sheet}”。工作簿中有：{sheets}。',
  sheet_missing: '工作簿 {path} 中没有可见的工作表。',
  delimiter_invalid: '不支持分隔符“{delimiter}”。请使用逗号、分号、TAB 或 |。',

  location_line: '第 {line} 行',
  location_cell: '第 {line} 行第 {column} 列',
  location_field: '第 {line} 行第 {column} 列（{field}）',
};

export const messages = { en, 'zh-CN': zhCN } as const;

export type Locale = keyof typeof messages;
export type MessageCode = keyof typeof en;

/** The line, column and field of an issue, shown before its message. */
export interface IssueLocation {
  readonly line: number;
  readonly column?: number;
  /** The column's header, when known. */
  readonly field?: string;
}

/** Fills a message's `{name}` placeholders; unknown placeholders stay as written. */
export function formatMessage(
  locale: Locale,
  code: MessageCode,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template: string = choosePlurals(messages[locale][code], params);
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Formats an issue with its location first: `第 2 行第 3 列（金额）：金额“12.345”有 3 位小数…`. */
export function formatIssue(
  locale: Locale,
  issue: { readonly code: MessageCode; readonly params: Readonly<Record<string, string | number>> },
  location?: IssueLocation,
): string {
  const message = formatMessage(locale, issue.code, issue.params);
  if (location === undefined) return message;
  let prefixCode: MessageCode = 'location_field';
  if (location.column === undefined) prefixCode = 'location_line';
  else if (location.field === undefined) prefixCode = 'location_cell';
  const prefix = formatMessage(locale, prefixCode, {
    line: location.line,
    ...(location.column === undefined ? {} : { column: location.column }),
    ...(location.field === undefined ? {} : { field: location.field }),
  });
  return locale === 'zh-CN' ? `${prefix}：${message}` : `${prefix}: ${message}`;
}

/** Checks whether a string is a code of this catalogue, since reading issues carry their code as a plain string. */
export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(en, code);
}

/** Formats a reading issue (types.ts) with its line and column; line 0 concerns the whole file. */
export function formatReadIssue(locale: Locale, issue: ReadIssue): string {
  if (!isMessageCode(issue.code)) return `${issue.code} ${JSON.stringify(issue.params)}`;
  if (issue.line === 0) {
    const message = formatMessage(locale, issue.code, issue.params);
    return message.charAt(0).toUpperCase() + message.slice(1);
  }
  const location: IssueLocation =
    issue.column === undefined ? { line: issue.line } : { line: issue.line, column: issue.column };
  return formatIssue(locale, { code: issue.code, params: issue.params }, location);
}
