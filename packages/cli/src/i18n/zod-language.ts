import type { Language } from './index.js';

// The language of zod's messages, kept apart from zod-locale.ts so that commands that check
// nothing with zod, such as `boh serve`, set it without loading zod
// (about 14 MB of resident memory in Node.js 20).

let zodLanguage: Language = 'en';

/** Set the language of zod's messages for every schema checked in this process. */
export function setZodLanguage(language: Language): void {
  zodLanguage = language;
}

/** Return the language set by `setZodLanguage`, or English before it is called. */
export function currentZodLanguage(): Language {
  return zodLanguage;
}
