import type { Language } from './language.js';
import { CATALOGUES } from './catalogues.js';
import { createTranslator } from './format.js';

/** Translate a server message key into the given language. */
export const translate = createTranslator({
  en: Object.assign({}, ...CATALOGUES.map((c) => c.en)),
  'zh-CN': Object.assign({}, ...CATALOGUES.map((c) => c['zh-CN'])),
});

/** The name of a resource as users read it (`store` → 门店), from the `resource.<name>` keys. */
export function resourceName(language: Language, resource: string): string | undefined {
  const key = `resource.${resource}`;
  const name = translate(language, key);
  return name === key ? undefined : name;
}
