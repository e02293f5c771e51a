import { readFileSync } from 'node:fs';
import type { Language } from '../i18n/index.js';

/** A header alias; the object form marks a money column whose values are in yuan. */
export type TemplateAlias = string | { name: string; unit: 'yuan' | 'fen' };

/**
 * One column of a resource template: the field, its labels and the header aliases, with hints
 * for imports where the contract says too little (the kind of value, a money unit, a date
 * order, the values of an enumeration, a note for the import template).
 */
export interface TemplateColumn {
  field: string;
  label: Record<Language, string>;
  aliases: TemplateAlias[];
  example?: unknown;
  read_only?: boolean;
  type?: 'code' | 'text' | 'integer' | 'number' | 'money' | 'boolean' | 'date' | 'datetime' | 'hour' | 'enum' | 'list';
  unit?: 'fen' | 'yuan';
  date_order?: 'DMY' | 'MDY' | 'YMD';
  /** Numbers: a time cell (8:30) is a duration, read in this unit (8.5 hours). */
  duration_unit?: 'hours';
  /** Numbers: a rate sent as a fraction (0.05), which a file may also write as a percentage (5%). */
  rate?: boolean;
  enum?: string[];
  /** Other words a file may use for an enumerated value, by value: `{"refund": ["退单", "退货"]}`. */
  enum_aliases?: Record<string, string[]>;
  required?: boolean;
  nullable?: boolean;
  note?: Record<Language, string>;
  /** For a list stored one line per item in flat files (recipe lines): the item's columns. */
  children?: TemplateColumn[];
}

/** A resource template from templates/resources/: titles, key, list columns and columns. */
export interface ResourceTemplate {
  resource: string;
  /** The contract schema that creates a record; absent for kinds the API cannot import yet. */
  create_schema?: string;
  title: Record<Language, string>;
  /** The singular name used in messages: store, 门店. */
  name: Record<Language, string>;
  key: string[];
  /**
   * The fields that gather rows into one record when they differ from `key`. A list in place of
   * a field stands for the first of its fields that is filled.
   */
  record_key?: (string | string[])[];
  /**
   * True when rows may be refunds of records of the same file (sales orders): those rows are
   * sent after all the others, so a refund finds its order whatever its place in the file.
   */
  refund_rows?: boolean;
  list_columns: string[];
  columns: TemplateColumn[];
}

/** The templates folder: $BOH_TEMPLATES_DIR, else templates/ at the root of the repository. */
export function templatesDir(env: NodeJS.ProcessEnv = process.env): URL {
  if (env.BOH_TEMPLATES_DIR) return new URL(`file://${env.BOH_TEMPLATES_DIR.replace(/\/?$/, '/')}`);
  return new URL('../../../../templates/', import.meta.url);
}

const cache = new Map<string, ResourceTemplate>();

export function loadTemplate(resource: string): ResourceTemplate {
  let template = cache.get(resource);
  if (!template) {
    const url = new URL(`resources/${resource}.json`, templatesDir());
    template = JSON.parse(readFileSync(url, 'utf8')) as ResourceTemplate;
    cache.set(resource, template);
  }
  return template;
}

/** The label of a field in the language, or the field name when the template has none. */
export function fieldLabel(template: ResourceTemplate, field: string, language: Language): string {
  return template.columns.find((column) => column.field === field)?.label[language] ?? field;
}
