import type { Language } from './language.js';

export type Catalogue = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, unknown>>;

/** Replace `{name}` placeholders with the params; an unknown placeholder is left as written. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    name in params ? formatParam(params[name]) : whole,
  );
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
