import { en } from './en.js';
import { choosePlurals } from './plural.js';
import { zhCN } from './zh-CN.js';

export type Language = 'en' | 'zh-CN';
export type MessageKey = keyof typeof en;

const catalogues: Record<Language, Record<string, string>> = { en, 'zh-CN': zhCN };

/** Extra catalogues of modules that keep their own messages (file readers, statement parsers). */
export function registerMessages(extra: { en: Record<string, string>; 'zh-CN': Record<string, string> }): void {
  Object.assign(catalogues.en, extra.en);
  Object.assign(catalogues['zh-CN'], extra['zh-CN']);
}

/** Map a tag or locale (`zh_CN.UTF-8`, `en-US`) to a supported language; undefined for others. */
export function matchLanguage(tag: string | undefined): Language | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_.@]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

/** The language of the user's locale (LC_ALL, LC_MESSAGES, LANG), English when it is neither. */
export function localeLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const language = matchLanguage(env[name]);
    if (language) return language;
    if (env[name]) return 'en';
  }
  return 'en';
}

/** Translate a message key with `{name}` placeholders. */
export function t(language: Language, key: string, params: Record<string, unknown> = {}): string {
  const template = choosePlurals(catalogues[language][key] ?? catalogues.en[key] ?? key, params);
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    if (isMessage(value)) return t(language, value.messageKey, value.params);
    return Array.isArray(value) ? value.join(', ') : String(value ?? '');
  });
}

/** A message used as a parameter of another message, translated with it. */
export interface NestedMessage {
  messageKey: string;
  params?: Record<string, unknown>;
}

function isMessage(value: unknown): value is NestedMessage {
  return typeof value === 'object' && value !== null && typeof (value as NestedMessage).messageKey === 'string';
}
