import { formatMessage, isMessageCode, type Locale } from '../files/messages.js';
import { t, type Language } from '../i18n/index.js';
import { valueLabel } from '../resources/values.js';
import './messages.js';

/** The place a reason applies to: the line, and the column with its header when one column is meant. */
export interface Location {
  line: number;
  /** Every line the same reason applies to, `line` first, when there are several. */
  lines?: readonly number[];
  column?: number;
  header?: string;
}

/** Word a reading or value issue in the user's language, from the readers' catalogue or the import one. */
export function issueText(language: Language, code: string, params: Record<string, string | number>): string {
  if (isMessageCode(code)) return formatMessage(language as Locale, code, params);
  if (code === 'enum_invalid') return t(language, 'import.issue.enum_invalid', { ...params, allowed: labelledValues(language, String(params.allowed)) });
  return t(language, `import.issue.${code}`, params);
}

/** Allowed enum values (`wechat, alipay`) with their labels: `微信支付（wechat）、支付宝（alipay）`. */
function labelledValues(language: Language, allowed: string): string {
  const values = allowed.split(', ').filter((value) => value !== '');
  const labelled = values.map((value) => {
    const label = valueLabel(value, language);
    if (label === value) return value;
    return language === 'zh-CN' ? `${label}（${value}）` : `${value} (${label})`;
  });
  return labelled.join(language === 'zh-CN' ? '、' : ', ');
}

/** `第 3 行第 2 列（金额）` / `Line 3, column 2 (Amount)`, or `第 2、3 行…` / `Lines 2, 3, …` for several lines. */
export function locationText(language: Language, location: Location): string {
  if (location.lines !== undefined && location.lines.length > 1) {
    const lines = location.lines.join(language === 'zh-CN' ? '、' : ', ');
    if (location.column === undefined) return t(language, 'import.location.lines', { lines });
    if (!location.header) return t(language, 'import.location.lines_cell', { lines, column: location.column });
    return t(language, 'import.location.lines_field', { lines, column: location.column, field: location.header });
  }
  if (location.column === undefined) return formatMessage(language as Locale, 'location_line', { line: location.line });
  if (!location.header) return formatMessage(language as Locale, 'location_cell', { line: location.line, column: location.column });
  return formatMessage(language as Locale, 'location_field', { line: location.line, column: location.column, field: location.header });
}

/** Put a reason's location first, joined as the language writes it. */
export function locatedText(language: Language, location: Location, message: string): string {
  return language === 'zh-CN' ? `${locationText(language, location)}：${message}` : `${locationText(language, location)}: ${message}`;
}
