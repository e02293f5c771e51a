import { interpolate } from '../../i18n/format.js';
import type { Language } from '../../i18n/language.js';
import { messages, type SlaMessageKey } from './messages.js';

// Params that carry a code of this module are shown in the reader's language.
const LOCALISED_PARAMS: Readonly<Record<string, string>> = {
  reason: 'pause.',
  state: 'state.',
  clock: 'clock.',
  status: 'status.',
};

/** Render an SLA message in the given language, translating pause reasons, states and clock names. */
export function formatSlaMessage(language: Language, key: SlaMessageKey, params: Record<string, unknown> = {}): string {
  const catalogue: Readonly<Record<string, string>> = messages[language];
  const localised: Record<string, unknown> = { ...params };

  for (const [name, prefix] of Object.entries(LOCALISED_PARAMS)) {
    const value = params[name];
    if (typeof value !== 'string') continue;
    const label = catalogue[`${prefix}${value}`];
    if (label !== undefined) localised[name] = label;
  }
  return interpolate(catalogue[key] ?? key, localised);
}
