// The cover facts (period, stores, generation time and user, time zone) as label and value
// pairs, so the XLSX cover sheet and the HTML page show the same facts.

import type { ReportDocument } from './document.js';
import { DEFAULT_TIME_ZONE } from './document.js';
import { renderLabel } from './labels.js';
import { instantMilliseconds } from './values/cell-value.js';
import { formatWallClock, wallClockAt } from './values/wall-clock.js';

export interface CoverEntry {
  readonly label: string;
  readonly value: string;
}

/** Stores named on the cover before the list is shortened to "… and N more". */
export const MAX_STORES_NAMED = 10;

export function documentTimeZone(document: ReportDocument): string {
  return document.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Return the cover entries in display order, in the document's language. */
export function coverEntries(document: ReportDocument): CoverEntry[] {
  const language = document.language;
  const { period, generatedBy } = document.parameters;
  const periodText =
    period.from === period.to
      ? period.from
      : renderLabel(language, 'periodRange', { from: period.from, to: period.to });

  return [
    { label: renderLabel(language, 'period'), value: periodText },
    { label: renderLabel(language, 'stores'), value: describeStores(document) },
    { label: renderLabel(language, 'generatedAt'), value: formatGeneratedAt(document) },
    { label: renderLabel(language, 'generatedBy'), value: generatedBy },
    { label: renderLabel(language, 'timeZone'), value: documentTimeZone(document) },
  ];
}

/** Return the generation instant as wall-clock time with seconds in the document's time zone. */
export function formatGeneratedAt(document: ReportDocument): string {
  const milliseconds = instantMilliseconds(document.parameters.generatedAt);
  if (milliseconds === undefined) {
    throw new Error(`parameters.generatedAt is not a valid instant: ${String(document.parameters.generatedAt)}`);
  }
  return formatWallClock(wallClockAt(milliseconds, documentTimeZone(document)), true);
}

function describeStores(document: ReportDocument): string {
  const language = document.language;
  const stores = document.parameters.stores;
  if (stores === 'all') return renderLabel(language, 'allStores');

  const separator = language === 'zh-CN' ? '、' : ', ';
  const named = stores
    .slice(0, MAX_STORES_NAMED)
    .map((store) => renderLabel(language, 'storeWithCode', { name: store.name, code: store.code }))
    .join(separator);
  if (stores.length <= MAX_STORES_NAMED) {
    return renderLabel(language, 'storeList', { names: named, count: stores.length });
  }
  return renderLabel(language, 'storeListShortened', {
    names: named,
    rest: stores.length - MAX_STORES_NAMED,
    count: stores.length,
  });
}
