import type { MatchItem } from './item.js';
import type { Used } from './match-group.js';
import { pairedItem } from './match-state.js';
import type { LineRecord, MatchOptions, PosRecord } from './records.js';

/**
 * Match the lines still free to POS records of the same kind and amount within the time window,
 * nearest in time first (on a tie, the earlier POS record). The score falls from 99 at the same
 * second to 1 at the edge of the window; a match on ids scores 100.
 */
export function runWindowRule(lines: readonly LineRecord[], pos: readonly PosRecord[], options: MatchOptions, used: Used, items: MatchItem[]): void {
  const windowMs = options.windowSeconds * 1000;
  const buckets = new Map<string, PosRecord[]>();
  for (const record of pos) {
    if (used.has(record)) continue;
    const key = `${record.kind}:${record.amountFen}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(record);
    else buckets.set(key, [record]);
  }
  // POS records arrive sorted by time, so each bucket is sorted too.

  for (const line of lines) {
    if (used.has(line) || line.atMs === null) continue;
    const bucket = buckets.get(`${line.kind}:${line.amountFen}`);
    if (!bucket) continue;
    const best = nearest(bucket, line.atMs, windowMs, used);
    if (!best) continue;
    used.add(best);
    used.add(line);
    const distance = Math.abs(best.atMs - line.atMs);
    const score = windowMs === 0 ? 99 : Math.max(1, Math.round(99 - (98 * distance) / windowMs));
    items.push(pairedItem([best], [line], 'amount_time', score, options));
  }
}

function nearest(bucket: readonly PosRecord[], atMs: number, windowMs: number, used: Used): PosRecord | undefined {
  let low = 0;
  let high = bucket.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (bucket[middle]!.atMs < atMs - windowMs) low = middle + 1;
    else high = middle;
  }
  let best: PosRecord | undefined;
  let bestDistance = Infinity;
  for (let index = low; index < bucket.length; index++) {
    const record = bucket[index]!;
    if (record.atMs > atMs + windowMs) break;
    if (used.has(record)) continue;
    const distance = Math.abs(record.atMs - atMs);
    if (distance < bestDistance) {
      best = record;
      bestDistance = distance;
    }
  }
  return best;
}
