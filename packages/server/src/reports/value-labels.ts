// Display labels of enumerated values (channels, payment methods, reconciliation states …) in
// report documents, read from `templates/values.json` (or $BOH_TEMPLATES_DIR/values.json), the
// file the CLI labels the same values with.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportLanguage } from './render/document.js';

type Labels = Record<string, Partial<Record<ReportLanguage, string>>>;

let cache: { file: string; labels: Labels } | undefined;

function valuesFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BOH_TEMPLATES_DIR) return join(env.BOH_TEMPLATES_DIR, 'values.json');
  return fileURLToPath(new URL('../../../../templates/values.json', import.meta.url));
}

function labels(): Labels {
  const file = valuesFile();
  if (!cache || cache.file !== file) {
    const parsed = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { values?: Labels }) : {};
    cache = { file, labels: parsed.values ?? {} };
  }
  return cache.labels;
}

/** Return the label of an enumerated value in `language` (`dine_in` → 堂食), or the value itself when it has none. */
export function valueLabel(value: string, language: ReportLanguage): string {
  return labels()[value]?.[language] ?? value;
}
