import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Language } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import { UsageError } from '../../runtime/errors.js';
import type { FieldSchema } from '../../resources/contract-schema.js';
import { fieldLabel, type ResourceTemplate } from '../../resources/templates.js';

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
    const type = field.enum && !field.nullable ? t(language, 'help.choice_type') : field.enum ? field.enum.join('|') : field.type;
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
export function collectFields(options: Record<string, unknown>, fields: FieldSchema[], stdin: () => string): Record<string, unknown> {
  const body: Record<string, unknown> = options.fromJson ? readJson(String(options.fromJson), stdin) : {};
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
    throw new UsageError('error.read_file', { file, reason: (error as Error).message });
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError('error.invalid_json_option', { option: '--from-json', reason: (error as Error).message });
  }
}

function convert(raw: string, field: FieldSchema): unknown {
  const option = optionFlag(field.name);
  if (raw === 'null') {
    if (!field.nullable) throw new UsageError('error.not_nullable', { option });
    return null;
  }

  switch (field.type) {
    case 'integer':
      if (!/^-?\d+$/.test(raw.trim())) throw new UsageError('error.invalid_integer', { option, value: raw });
      return Number(raw);
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError('error.invalid_number', { option, value: raw });
      return value;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new UsageError('error.invalid_boolean', { option, value: raw });
      return raw === 'true';
    case 'array':
    case 'object':
      try {
        return JSON.parse(raw);
      } catch (error) {
        throw new UsageError('error.invalid_json_option', { option, reason: (error as Error).message });
      }
    default:
      return raw;
  }
}
