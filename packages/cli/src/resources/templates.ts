import { readFileSync } from 'node:fs';
import type { Language } from '../i18n/index.js';

/** One column of a resource template: the field, its labels and the header aliases. */
export interface TemplateColumn {
  field: string;
  label: Record<Language, string>;
  aliases: string[];
  example?: unknown;
  read_only?: boolean;
}

/** A resource template from templates/resources/: titles, key, list columns and columns. */
export interface ResourceTemplate {
  resource: string;
  title: Record<Language, string>;
  /** The singular name used in messages: store, 门店. */
  name: Record<Language, string>;
  key: string[];
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
