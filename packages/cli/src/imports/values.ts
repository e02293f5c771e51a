import { parseAmountFen } from '../files/amount.js';
import { parseCode } from '../files/code.js';
import { parseDate, type DateOrder } from '../files/date.js';
import { parseLocalDateTime } from '../files/date-time.js';
import { excelNumberToDecimalText, percentToFractionText } from '../files/decimal.js';
import { describeCell, isBlankCell, normaliseText, rejectFormulaWithoutResult, toHalfWidth, trimText } from '../files/text.js';
import type { Cell } from '../files/types.js';
import type { Language } from '../i18n/index.js';
import { valueLabel } from '../resources/values.js';
import type { FieldSpec } from './field-spec.js';

/** A value read from a cell, or why it could not be: a message code and its params. */
export type ValueResult = { ok: true; value: unknown } | { ok: false; code: string; params: Record<string, string | number> };

export interface ReadSettings {
  unit?: 'fen' | 'yuan';
  dateOrder?: DateOrder;
  timeZone?: string;
}

const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '启用', '有效', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '错', '停用', '无效', 'off']);
const FORMULA_START = /^'(?=['=+\-@\t\r])/;
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** Remove the apostrophe that an export puts before a value starting with =, +, -, @, so a spreadsheet shows it as text. */
export function unescapeText(text: string): string {
  return text.replace(FORMULA_START, '');
}

/** Read one cell as the field's kind. A blank cell is null; the caller decides what null means. */
export function readValue(cell: Cell, spec: FieldSpec, settings: ReadSettings): ValueResult {
  if (cell === null || isBlankCell(cell)) return { ok: true, value: null };
  // U+FFFD is what the decoder put in place of bytes that are not valid in the file's encoding.
  if (typeof cell === 'string' && cell.includes('\uFFFD')) return { ok: false, code: 'encoding_invalid_cell', params: { value: cell } };
  if (typeof cell === 'object' && cell.kind === 'formula-without-result') return fromNormalised(rejectFormulaWithoutResult(cell));
  const value = describeCell(cell);

  switch (spec.kind) {
    case 'code':
      return fromNormalised(parseCode(typeof cell === 'string' ? unescapeText(cell) : cell));
    case 'text':
    case 'enum': {
      const text = normaliseText(cell);
      if (!text.ok) return fromNormalised(text);
      const result = unescapeText(text.value ?? '');
      return spec.kind === 'enum' ? readEnumValue(result, spec) : { ok: true, value: result };
    }
    case 'integer':
    case 'number':
      if (spec.durationUnit === 'hours') return readHours(cell, spec.kind, value);
      if (spec.rate) return readRate(cell, spec.kind, value);
      return readNumber(cell, spec.kind, value);
    case 'money':
      return readMoney(cell, settings.unit ?? spec.unit ?? 'fen', value);
    case 'boolean':
      return readBoolean(cell, value);
    case 'date':
      return fromNormalised(parseDate(cell, { order: settings.dateOrder ?? spec.dateOrder }));
    case 'datetime':
      return fromNormalised(parseLocalDateTime(cell, { order: settings.dateOrder ?? spec.dateOrder, timeZone: settings.timeZone }));
    case 'hour':
      return readHour(cell, value);
    case 'list':
      return readList(cell, spec, value);
  }
}

function fromNormalised(result: { ok: true; value: unknown } | { ok: false; issue: { code: string; params: Readonly<Record<string, string | number>> } }): ValueResult {
  return result.ok ? { ok: true, value: result.value } : { ok: false, code: result.issue.code, params: { ...result.issue.params } };
}

/**
 * Read an enumerated value by its API name, by its Chinese or English label (微信支付 → wechat) or
 * by a word the template lists for it (退单 → refund), ignoring case.
 */
export function readEnumValue(text: string, spec: FieldSpec): ValueResult {
  const allowed = spec.enum ?? [];
  const expected = text.toLowerCase();
  const found =
    allowed.find((option) => option.toLowerCase() === expected) ??
    allowed.find((option) => LANGUAGES.some((language) => valueLabel(option, language).toLowerCase() === expected)) ??
    allowed.find((option) => spec.enumAliases?.[option]?.some((word) => word.toLowerCase() === expected));
  if (found !== undefined) return { ok: true, value: found };
  return { ok: false, code: 'enum_invalid', params: { value: text, allowed: allowed.join(', ') } };
}

function decimalText(cell: Cell): string | undefined {
  if (typeof cell === 'number') return excelNumberToDecimalText(cell);
  if (typeof cell !== 'string') return undefined;
  const text = toHalfWidth(trimText(cell)).replace(/,(?=\d{3}(\D|$))/g, '');
  return DECIMAL.test(text) ? text : undefined;
}

function readNumber(cell: Cell, kind: 'integer' | 'number', value: string): ValueResult {
  const text = decimalText(cell);
  if (text === undefined) return { ok: false, code: 'number_invalid', params: { value } };
  const number = Number(text);
  if (kind === 'integer' && !Number.isInteger(number)) return { ok: false, code: 'integer_invalid', params: { value } };
  return { ok: true, value: number };
}

/**
 * Read a rate as a fraction: a number (0.05, or a cell Excel formats as 5%, which stores 0.05)
 * or a percentage written as text (`5%`, `5 %`, `５％`).
 */
function readRate(cell: Cell, kind: 'integer' | 'number', value: string): ValueResult {
  const fraction = typeof cell === 'string' ? percentToFractionText(cell) : undefined;
  if (fraction !== undefined) return { ok: true, value: Number(fraction) };
  return readNumber(cell, kind, value);
}

// Hours and minutes (and seconds) of a duration typed as text: `8:30`, `26:30`, `７:４５`.
const DURATION_TEXT = /^(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * Read hours worked from a number (8.5), a time or duration cell (8:30, or [h]:mm 26:30, which
 * Excel stores as 1.1041667 days), or duration text (`26:30`). Rosters record hours as h:mm.
 */
function readHours(cell: Cell, kind: 'integer' | 'number', value: string): ValueResult {
  if (typeof cell === 'object' && cell !== null && cell.kind === 'excel-date') {
    // A date, or a date and time, is no duration; a value below 1 is a time without a date.
    if (cell.serial < 1 || cell.timeOnly) return { ok: true, value: hoursOfTime(cell.serial) };
    return { ok: false, code: 'number_invalid', params: { value } };
  }
  const duration = typeof cell === 'string' ? DURATION_TEXT.exec(toHalfWidth(trimText(cell))) : null;
  if (duration) {
    const seconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3] ?? 0);
    return { ok: true, value: Math.round((seconds / 3600) * 1000) / 1000 };
  }
  return readNumber(cell, kind, value);
}

/**
 * Converts a time cell to hours, to the thousandth: 8:30 (0.354166… of a day) is 8.5. Rosters
 * record hours worked as h:mm, which Excel stores as a fraction of a day.
 */
function hoursOfTime(dayFraction: number): number {
  const seconds = Math.round(dayFraction * 86_400);
  return Math.round((seconds / 3600) * 1000) / 1000;
}

function readMoney(cell: Cell, unit: 'fen' | 'yuan', value: string): ValueResult {
  if (unit === 'yuan') return fromNormalised(parseAmountFen(cell));
  const text = decimalText(cell);
  if (text === undefined || !/^[-+]?\d+(\.0*)?$/.test(text)) return { ok: false, code: 'fen_invalid', params: { value } };
  return { ok: true, value: Number(text.replace(/\.0*$/, '')) };
}

function readBoolean(cell: Cell, value: string): ValueResult {
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  const word = toHalfWidth(trimText(value)).toLowerCase();
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, code: 'boolean_invalid', params: { value } };
}

// An hour is written `10`, `10:00`, `10:00:00`, `10时` or `10点`. A slot is two hours joined by a dash, ~, 至 or 到.
const HOUR_TEXT = String.raw`(\d{1,2})(?::00(?::00)?)?\s*[时点]?`;
const HOUR = new RegExp(`^${HOUR_TEXT}$`);
const HOUR_SLOT = new RegExp(`^${HOUR_TEXT}\\s*[-~至到]\\s*${HOUR_TEXT}$`);

/**
 * Read the hour of the day a value covers: a whole number, a time on the hour (`10:00`, `10时`),
 * or a one-hour slot (`10:00-11:00`, `23:00-24:00`), which counts as its starting hour. A
 * workbook time cell is read when it is on the hour. The range 0–23 is checked by the API.
 */
function readHour(cell: Cell, value: string): ValueResult {
  const invalid: ValueResult = { ok: false, code: 'hour_invalid', params: { value } };
  if (typeof cell === 'number') return Number.isInteger(cell) ? { ok: true, value: cell } : invalid;
  if (typeof cell === 'object' && cell !== null && cell.kind === 'excel-date') {
    // A time cell is a serial below 1 (00:00 is 0). A date cell without a time gives no hour.
    const secondOfDay = Math.round((cell.serial % 1) * 86_400);
    const isTime = cell.serial < 1 || secondOfDay !== 0;
    return isTime && secondOfDay % 3600 === 0 ? { ok: true, value: secondOfDay / 3600 } : invalid;
  }

  const text = toHalfWidth(trimText(value)).replace(/[\u2013\u2014]/g, '-');
  const hour = HOUR.exec(text);
  if (hour) return { ok: true, value: Number(hour[1]) };
  const slot = HOUR_SLOT.exec(text);
  if (!slot) return invalid;
  const start = Number(slot[1]);
  const end = Number(slot[2]);
  return end === start + 1 || (start === 23 && end === 0) ? { ok: true, value: start } : { ok: false, code: 'hour_slot_invalid', params: { value } };
}

/** Read a list as JSON (`[{"unit":"袋","factor":1000}]`) or in the short form `袋=1000;箱=12000`. */
function readList(cell: Cell, spec: FieldSpec, value: string): ValueResult {
  const text = trimText(value);
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return { ok: true, value: parsed };
    } catch {
      // Reported below with the expected forms.
    }
    return { ok: false, code: 'list_invalid', params: { value, example: exampleOf(spec) } };
  }
  if (!spec.listKeys) return { ok: false, code: 'list_invalid', params: { value, example: exampleOf(spec) } };

  const [nameKey, numberKey] = spec.listKeys;
  const items: Record<string, unknown>[] = [];
  for (const part of text.split(/[;；]/).map((item) => item.trim()).filter(Boolean)) {
    const match = /^(.+?)\s*[=:：]\s*(.+)$/.exec(part);
    const number = match ? Number(toHalfWidth(match[2]!)) : Number.NaN;
    if (!match || !Number.isFinite(number)) return { ok: false, code: 'list_invalid', params: { value, example: exampleOf(spec) } };
    items.push({ [nameKey]: match[1]!.trim(), [numberKey]: number });
  }
  return { ok: true, value: items };
}

function exampleOf(spec: FieldSpec): string {
  if (!spec.listKeys || !Array.isArray(spec.example)) return '[]';
  const [nameKey, numberKey] = spec.listKeys;
  return (spec.example as Record<string, unknown>[]).map((item) => `${String(item[nameKey])}=${String(item[numberKey])}`).join(';');
}
