import { readFileSync } from 'node:fs';
import type { Language } from '../i18n/index.js';
import { templatesDir } from './templates.js';

let labels: Record<string, Record<Language, string>> | undefined;

function allLabels(): Record<string, Record<Language, string>> {
  labels ??= (JSON.parse(readFileSync(new URL('values.json', templatesDir()), 'utf8')) as { values: Record<string, Record<Language, string>> }).values;
  return labels;
}

/** The label of an enumerated value in the language (`operating` → 运营); the value itself when unknown. */
export function valueLabel(value: string, language: Language): string {
  return allLabels()[value]?.[language] ?? value;
}
