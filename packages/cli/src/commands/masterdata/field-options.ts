import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Language } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import { UsageError } from '../../runtime/errors.js';
import type { FieldSchema } from '../../resources/contract-schema.js';
import { fieldLabel, type ResourceTemplate } from '../../resources/templates.js';
import { JsonTextError, parseJsonText } from '../../runtime/json-text.js';
import type { NestedMessage } from '../../i18n/index.js';

/** `area_m2` → `--area-m2`; commander stores it as `areaM2`. */
export function optionFlag(field: string): string {
  return `--${field.replace(/_/g, '-')}`;
}

function optionKey(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Add one `--field <value>` option per writable field of a contract schema. */
export function addFieldOptions(command: Command, fields: FieldSchema[], template: ResourceTemplate, language: Language): void {
  const requiredFirst = [...fields].sort((a, b) => Number(b.required) - Number(a.required));
  for (const field of requiredFirst) {
    const label = fieldLabel(template, field.name, language);
    const example = template.columns.find((column) => column.field === field.name)?.example;
    const type =
      field.enum && !field.nullable
        ? t(language, 'help.choice_type')
        : field.enum
          ? field.enum.join('|')
          : (field.type === 'array' || field.type === 'object') && example !== undefined
            ? t(language, 'help.json_type', { example: JSON.stringify(example) })
            : field.type;
    const key = field.nullable ? 'resource.option.field_nullable' : 'resource.option.field';
    const option = new Option(`${optionFlag(field.name)} <value>`, t(language, key, { label, type }));
    if (field.enum && !field.nullable) option.choices(field.enum);
    command.addOption(option);
  }
}

/**
 * Read the field options given on the command line into a request body, converting each value
 * to the contract's type. `--from-json` supplies a base body that the options override.
 */
export function collectFields(
  options: Record<string, unknown>,
  fields: FieldSchema[],
  stdin: () => string,
  readOnly: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const body: Record<string, unknown> = options.fromJson ? readJson(String(options.fromJson), stdin) : {};
  // A record printed by `get --json` carries fields no update may set (code, version, …); they
  // are dropped so the printed record can be edited and sent back.
  for (const name of readOnly) delete body[name];
  for (const field of fields) {
    const raw = options[optionKey(field.name)];
    if (raw === undefined) continue;
    body[field.name] = convert(String(raw), field);
  }
  return body;
}

function readJson(file: string, stdin: () => string): Record<string, unknown> {
  let text: string;
  try {
    text = file === '-' ? stdin() : readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError('error.read_file', { file, reason: fileErrorReason(error) });
  }
  let parsed: unknown;
  try {
    parsed = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new UsageError('error.invalid_json_option', { option: '--from-json', reason: error.reason });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError('error.json_not_object', { option: '--from-json' });
  }
  return parsed as Record<string, unknown>;
}

function convert(text: string, field: FieldSchema): unknown {
  const option = optionFlag(field.name);
  // Full-width digits and signs (８５，－３) are common in Chinese input methods.
  const raw = field.type === 'integer' || field.type === 'number' ? text.normalize('NFKC').trim() : text;
  if (raw === 'null') {
    if (!field.nullable) throw new UsageError('error.not_nullable', { option });
    return null;
  }

  switch (field.type) {
    case 'integer':
      if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
        throw new UsageError(field.name.endsWith('_fen') ? 'error.invalid_fen' : 'error.invalid_integer', { option, value: text });
      }
      return Number(raw);
    case 'number':
      // Plain decimals only: Number() would also take 0x10 and 1e3.
      if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new UsageError('error.invalid_number', { option, value: text });
      return Number(raw);
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new UsageError('error.invalid_boolean', { option, value: raw });
      return raw === 'true';
    case 'array':
    case 'object':
      try {
        return parseJsonText(raw);
      } catch (error) {
        if (!(error instanceof JsonTextError)) throw error;
        throw new UsageError('error.invalid_json_option', { option, reason: error.reason });
      }
    default:
      return raw;
  }
}

/** A file error's reason in the user's words, by its code; the system message otherwise. */
export function fileErrorReason(error: unknown): NestedMessage | string {
  if (error instanceof JsonTextError) return error.reason;
  const code = (error as NodeJS.ErrnoException).code;
  return code && ['ENOENT', 'EACCES', 'EISDIR', 'EPERM'].includes(code) ? { messageKey: `fs.${code}` } : (error as Error).message;
}
