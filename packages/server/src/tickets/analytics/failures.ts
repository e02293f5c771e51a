/** A failure as the reliability figures see it: an asset, its model and store, and when it failed. */
export interface FailureRecord {
  ticketCode: string;
  assetCode: string;
  model: string | null;
  storeCode: string;
  at: number;
}

export interface RepeatPair {
  current: FailureRecord;
  previous: FailureRecord;
  days: number;
}

const DAY_MS = 86_400_000;

/** Failures of the same asset within `days` of its previous failure. */
export function sameAssetRepeats(failures: readonly FailureRecord[], days: number): RepeatPair[] {
  const byAsset = groupBy(failures, (f) => f.assetCode);
  const pairs: RepeatPair[] = [];
  for (const list of byAsset.values()) {
    for (let i = 1; i < list.length; i++) {
      const gap = (list[i]!.at - list[i - 1]!.at) / DAY_MS;
      if (gap <= days) pairs.push({ current: list[i]!, previous: list[i - 1]!, days: gap });
    }
  }
  return pairs.sort((a, b) => a.current.at - b.current.at || a.current.ticketCode.localeCompare(b.current.ticketCode));
}

/**
 * Failures of a model within `days` of a failure of the same model at another store: the latest
 * such earlier failure is named. A pattern across stores points at the model, not the site.
 */
export function sameModelRepeats(failures: readonly FailureRecord[], days: number): RepeatPair[] {
  const byModel = groupBy(
    failures.filter((f) => f.model !== null),
    (f) => f.model!,
  );
  const pairs: RepeatPair[] = [];
  for (const list of byModel.values()) {
    for (let i = 1; i < list.length; i++) {
      const current = list[i]!;
      for (let j = i - 1; j >= 0; j--) {
        const previous = list[j]!;
        const gap = (current.at - previous.at) / DAY_MS;
        if (gap > days) break;
        if (previous.storeCode !== current.storeCode) {
          pairs.push({ current, previous, days: gap });
          break;
        }
      }
    }
  }
  return pairs.sort((a, b) => a.current.at - b.current.at || a.current.ticketCode.localeCompare(b.current.ticketCode));
}

export interface ModelReliability {
  model: string;
  assets: number;
  failures: number;
  intervals: number;
  mtbfHours: number | null;
}

/**
 * Mean time between failures per model: the intervals between consecutive failures of each of
 * its assets, pooled (Σ intervals ÷ their count). An asset with one failure adds no interval.
 */
export function mtbfByModel(failures: readonly FailureRecord[]): ModelReliability[] {
  const byModel = groupBy(
    failures.filter((f) => f.model !== null),
    (f) => f.model!,
  );
  const result: ModelReliability[] = [];
  for (const [model, list] of byModel) {
    const byAsset = groupBy(list, (f) => f.assetCode);
    let total = 0;
    let intervals = 0;
    for (const assetFailures of byAsset.values()) {
      for (let i = 1; i < assetFailures.length; i++) {
        total += assetFailures[i]!.at - assetFailures[i - 1]!.at;
        intervals++;
      }
    }
    result.push({ model, assets: byAsset.size, failures: list.length, intervals, mtbfHours: intervals === 0 ? null : total / intervals / 3_600_000 });
  }
  return result.sort((a, b) => a.model.localeCompare(b.model));
}

// Groups keep the input's order within each group, and the input is sorted by time.
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const sorted = [...items].sort((a, b) => (a as FailureRecord).at - (b as FailureRecord).at);
  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const k = key(item);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(item);
  }
  return groups;
}
