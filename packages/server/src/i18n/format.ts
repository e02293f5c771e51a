import type { Language } from './language.js';

export type Catalogue = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, unknown>>;

/**
 * Replace `{name}` placeholders with the params, and `{name:singular|plural}` with the word the
 * number in `name` takes in English (`{count} {count:order|orders}`). A placeholder without its
 * param is left as written. Chinese has no plural, so zh-CN templates need no such placeholder.
 */
export function interpolate(template: string, params: Params = {}): string {
  return choosePlurals(template, params).replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    name in params ? formatParam(params[name]) : whole,
  );
}

const PLURAL = /\{([A-Za-z0-9_]+):([^|{}]*)\|([^{}]*)\}/g;

/** Replace each `{name:singular|plural}` by the singular when the param is 1, else by the plural. */
export function choosePlurals(template: string, params: Params): string {
  return template.replace(PLURAL, (whole, name: string, singular: string, plural: string) => {
    if (!(name in params)) return whole;
    return Number(params[name]) === 1 ? singular : plural;
  });
}

function formatParam(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatParam).join(', ');
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Build a translator over per-language catalogues. A key missing in the requested language falls
 * back to English, then to the key itself, so a gap shows up as text instead of a crash.
 */
export function createTranslator(catalogues: Readonly<Record<Language, Catalogue>>) {
  return function translate(language: Language, key: string, params?: Params): string {
    const template = catalogues[language][key] ?? catalogues.en[key] ?? key;
    return interpolate(template, params);
  };
}
