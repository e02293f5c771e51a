// Words zod's issues (from the checks of mapping profiles and statement profiles) in the
// user's language with the type names people read (文本, 整数, 列表), not zod's `string`,
// `int` or `array`. Codes this file does not word fall back to zod's own locale. Loading this
// module configures zod, in the language set by `setZodLanguage` at the time of each issue.

import { z } from 'zod';
import { t, type Language } from './index.js';
import { choosePlurals } from './plural.js';
import { currentZodLanguage } from './zod-language.js';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['localeError']>>[0];

/** Names of JSON and zod types, as the server words them in `label.json_type.*`. */
const TYPE_NAMES: Record<Language, Record<string, string>> = {
  en: { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null', undefined: 'nothing', nan: 'NaN' },
  'zh-CN': { string: '文本', number: '数字', int: '整数', boolean: '布尔值（true 或 false）', object: '对象', array: '列表', null: '空值（null）', undefined: '空', nan: 'NaN' },
};

const TEXTS = {
  en: {
    type: 'expected {expected}, got {actual}',
    missing: 'missing; expected {expected}',
    value_one: 'expected {values}',
    value_many: 'expected one of {values}',
    string_min: 'must have at least {limit} {limit:character|characters}',
    string_max: 'must have at most {limit} {limit:character|characters}',
    string_empty: 'must not be empty',
    array_min: 'must have at least {limit} {limit:item|items}',
    array_max: 'must have at most {limit} {limit:item|items}',
    number_min: 'must be at least {limit}',
    number_above: 'must be greater than {limit}',
    number_max: 'must be at most {limit}',
    number_below: 'must be less than {limit}',
    unknown_keys: 'unknown {count:field|fields} {keys}; check the spelling',
    regex: 'must match the regular expression {pattern}',
    union: 'matches none of the allowed forms',
  },
  'zh-CN': {
    type: '类型应为{expected}，实际为{actual}',
    missing: '缺少此项，应为{expected}',
    value_one: '应为 {values}',
    value_many: '应为以下之一：{values}',
    string_min: '至少需要 {limit} 个字符',
    string_max: '最多 {limit} 个字符',
    string_empty: '不能为空',
    array_min: '至少需要 {limit} 项',
    array_max: '最多 {limit} 项',
    number_min: '不能小于 {limit}',
    number_above: '必须大于 {limit}',
    number_max: '不能大于 {limit}',
    number_below: '必须小于 {limit}',
    unknown_keys: '{keys} 不是已知字段，请检查拼写',
    regex: '应匹配正则表达式 {pattern}',
    union: '不符合任何一种允许的写法',
  },
} as const;

const fallbacks: Record<Language, NonNullable<z.core.$ZodConfig['localeError']>> = {
  en: z.locales.en().localeError!,
  'zh-CN': z.locales.zhCN().localeError!,
};

z.config({
  localeError: (issue) => {
    const language = currentZodLanguage();
    return zodIssueText(language, issue) ?? fallbacks[language](issue);
  },
});

/**
 * Return the error option of a schema's own check, worded from the CLI catalogue in the language
 * set by `setZodLanguage` when the check fails: `z.string().refine(isRegex, zodError('key'))`.
 */
export function zodError(messageKey: string): { error: () => string } {
  return { error: () => zodMessage(messageKey) };
}

/** Word a catalogue message in the language set by `setZodLanguage`, for `context.addIssue`. */
export function zodMessage(messageKey: string, params: Record<string, unknown> = {}): string {
  return t(currentZodLanguage(), messageKey, params);
}

/** Word one zod issue, or return undefined to leave it to zod's locale. */
export function zodIssueText(language: Language, issue: Issue): string | undefined {
  const say = (key: keyof (typeof TEXTS)['en'], params: Record<string, unknown> = {}): string => fill(TEXTS[language][key], params);
  const list = (values: readonly unknown[]): string => values.map((value) => (typeof value === 'string' ? JSON.stringify(value) : String(value))).join(language === 'zh-CN' ? '、' : ', ');

  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeName(language, issue.expected);
      if (issue.input === undefined) return say('missing', { expected });
      return say('type', { expected, actual: typeName(language, z.core.util.getParsedType(issue.input)) });
    }
    case 'invalid_value':
      return issue.values.length === 1 ? say('value_one', { values: list(issue.values) }) : say('value_many', { values: list(issue.values) });
    case 'too_small':
      return sizeText(say, 'min', issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return sizeText(say, 'max', issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'unrecognized_keys':
      return say('unknown_keys', { keys: list(issue.keys), count: issue.keys.length });
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? say('regex', { pattern: String(issue.pattern) }) : undefined;
    case 'invalid_union':
      return unionText(language, issue.errors, issue.input) ?? say('union');
    default:
      return undefined;
  }
}

function typeName(language: Language, type: string): string {
  return TYPE_NAMES[language][type] ?? type;
}

function sizeText(say: (key: keyof (typeof TEXTS)['en'], params?: Record<string, unknown>) => string, side: 'min' | 'max', origin: string, limit: number, inclusive: boolean): string | undefined {
  if (origin === 'string' && side === 'min' && limit === 1 && inclusive) return say('string_empty');
  if (origin === 'string') return say(side === 'min' ? 'string_min' : 'string_max', { limit });
  if (origin === 'array' || origin === 'set') return say(side === 'min' ? 'array_min' : 'array_max', { limit });
  if (origin === 'number' || origin === 'int') {
    if (side === 'min') return say(inclusive ? 'number_min' : 'number_above', { limit });
    return say(inclusive ? 'number_max' : 'number_below', { limit });
  }
  return undefined;
}

/**
 * Word a value that matched none of a union's options. When all options but one failed on the
 * value's type, the value was meant as that one, so its first problem is the useful one: it is
 * returned with its path inside the value. With the types alone, the expected types are listed.
 */
function unionText(language: Language, branches: readonly (readonly z.core.$ZodIssue[])[], input: unknown): string | undefined {
  const isTypeMismatch = (issues: readonly z.core.$ZodIssue[]): boolean => issues.length === 1 && issues[0]!.code === 'invalid_type' && issues[0]!.path.length === 0;
  const meant = branches.filter((issues) => !isTypeMismatch(issues));
  if (meant.length === 1) {
    const [first] = meant[0]!;
    if (first === undefined) return undefined;
    const colon = language === 'zh-CN' ? '：' : ': ';
    return first.path.length === 0 ? first.message : `${first.path.join('.')}${colon}${first.message}`;
  }
  if (meant.length > 0) return undefined;

  const expected = branches.map((issues) => typeName(language, (issues[0] as { expected?: string }).expected ?? ''));
  const joined = [...new Set(expected)].join(language === 'zh-CN' ? '或' : ' or ');
  if (input === undefined) return fill(TEXTS[language].missing, { expected: joined });
  return fill(TEXTS[language].type, { expected: joined, actual: typeName(language, z.core.util.getParsedType(input)) });
}

function fill(template: string, params: Record<string, unknown>): string {
  return choosePlurals(template, params).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
