import type { DateOrder } from '../files/date.js';
import type { Language } from '../i18n/index.js';
import { schemaFields, type FieldSchema } from '../resources/contract-schema.js';
import type { ResourceTemplate, TemplateColumn } from '../resources/templates.js';

/**
 * How a column's text becomes an API value. `code` keeps text exactly (leading zeros) and
 * rejects what Excel damaged. `money` reads yuan or fen into integer fen. `hour` reads an hour
 * of the day (10, 10:00, 10时) or a one-hour slot (10:00-11:00) as its starting hour. `list`
 * reads JSON or the short `a=1;b=2` form of packs and skills.
 */
export type FieldKind = 'code' | 'text' | 'integer' | 'number' | 'money' | 'boolean' | 'date' | 'datetime' | 'hour' | 'enum' | 'list';

/** A field an import can fill, with everything needed to read it from a cell. */
export interface FieldSpec {
  field: string;
  label: Record<Language, string>;
  /** Header texts that name the field, besides its labels and its API name. */
  aliases: string[];
  /** Header texts whose money values are in yuan rather than fen. */
  yuanAliases: string[];
  kind: FieldKind;
  required: boolean;
  nullable: boolean;
  enum?: string[];
  /** Other words a file may use for an enumerated value, by value. */
  enumAliases?: Record<string, string[]>;
  /** Money: the unit of values under the field's own labels. */
  unit?: 'fen' | 'yuan';
  dateOrder?: DateOrder;
  /** Numbers: a time cell (8:30) is a duration, read in this unit (8.5 hours). */
  durationUnit?: 'hours';
  /** Numbers: a rate sent as a fraction (0.05), which a file may also write as a percentage (5%, ５％). */
  rate?: true;
  /** For lists: the short form's item keys, `unit=factor` for packs. */
  listKeys?: [string, string];
  example?: unknown;
  note?: Record<Language, string>;
  /** Columns exported but never imported, such as `version`. */
  readOnly: boolean;
  /** For child lists stored one row per item (recipe lines): the list field and the item's key. */
  child?: { list: string; key: string };
}

/** The flat-file layout of a record with a child list, such as a menu item and its recipe lines. */
export interface ChildLayout {
  /** The API field of the list, `components`. */
  list: string;
  /** Child fields, each read from its own column on every line of the record. */
  fields: FieldSpec[];
}

/** The fields of a resource as an import reads them and an export writes them. */
export interface ResourceLayout {
  resource: string;
  template: ResourceTemplate;
  /** The record's own fields, in template order. */
  fields: FieldSpec[];
  children?: ChildLayout;
  /** Fields of the natural key. */
  key: string[];
}

const LIST_KEYS: Record<string, [string, string]> = {
  pack_units: ['unit', 'factor'],
  skills: ['skill', 'level'],
};

/** Build the layout of a resource from its contract schema and its template. */
export function resourceLayout(template: ResourceTemplate, createSchema: string | undefined): ResourceLayout {
  const schema = new Map<string, FieldSchema>((createSchema ? schemaFields(createSchema) : []).map((field) => [field.name, field]));
  const fields: FieldSpec[] = [];
  let children: ChildLayout | undefined;

  for (const column of template.columns) {
    if (column.children) {
      const list = column.field;
      children = { list, fields: column.children.map((child) => specOf(child, undefined, { list, key: child.field })) };
      continue;
    }
    fields.push(specOf(column, schema.get(column.field)));
  }
  return { resource: template.resource, template, fields, key: template.key, ...(children ? { children } : {}) };
}

function specOf(column: TemplateColumn, schema: FieldSchema | undefined, child?: FieldSpec['child']): FieldSpec {
  const aliases: string[] = [];
  const yuanAliases: string[] = [];
  for (const alias of column.aliases) {
    if (typeof alias === 'string') aliases.push(alias);
    else if (alias.unit === 'yuan') yuanAliases.push(alias.name);
    else aliases.push(alias.name);
  }
  const enumValues = column.enum ?? schema?.enum?.filter((value): value is string => value !== null);
  return {
    field: column.field,
    label: column.label,
    aliases,
    yuanAliases,
    kind: column.type ?? kindOf(column.field, schema),
    required: column.required ?? schema?.required ?? false,
    nullable: column.nullable ?? schema?.nullable ?? true,
    ...(enumValues ? { enum: enumValues } : {}),
    ...(column.enum_aliases ? { enumAliases: column.enum_aliases } : {}),
    ...(column.unit ? { unit: column.unit } : column.field.endsWith('_fen') ? { unit: 'fen' as const } : {}),
    ...(column.date_order ? { dateOrder: column.date_order } : {}),
    ...(column.duration_unit ? { durationUnit: column.duration_unit } : {}),
    ...(column.rate ? { rate: true as const } : {}),
    ...(LIST_KEYS[column.field] ? { listKeys: LIST_KEYS[column.field] } : {}),
    example: column.example,
    ...(column.note ? { note: column.note } : {}),
    readOnly: column.read_only === true,
    ...(child ? { child } : {}),
  };
}

function kindOf(field: string, schema: FieldSchema | undefined): FieldKind {
  if (field === 'code' || field.endsWith('_code')) return 'code';
  if (!schema) return 'text';
  if (schema.enum) return 'enum';
  if (field.endsWith('_fen')) return 'money';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'array' || schema.type === 'object') return 'list';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'datetime';
  return 'text';
}
