import type { Candidate } from './item.js';

interface Timed {
  readonly key: string;
  readonly kind: string;
  readonly amountFen: number;
  readonly atMs: number | null;
}

const MAX_CANDIDATES = 3;
const NEIGHBOURS = 25;

/**
 * Find, for an unmatched record, the nearest records of the same kind on the other side that are
 * unmatched too: closest in amount first, then in time. `pool` must be sorted by time (records
 * without a time last); only the neighbours in time are looked at, so this stays fast.
 */
export function nearestCandidates(record: Timed, pool: readonly Timed[]): Candidate[] {
  if (pool.length === 0) return [];
  const around = record.atMs === null ? pool.slice(0, NEIGHBOURS * 2) : neighbours(pool, record.atMs);
  return around
    .filter((other) => other.kind === record.kind)
    .map((other) => ({
      key: other.key,
      amountFen: other.amountFen,
      at: other.atMs === null ? null : new Date(other.atMs).toISOString(),
      differenceFen: other.amountFen - record.amountFen,
      seconds: other.atMs === null || record.atMs === null ? null : Math.round((other.atMs - record.atMs) / 1000),
    }))
    .sort((a, b) => Math.abs(a.differenceFen) - Math.abs(b.differenceFen) || Math.abs(a.seconds ?? Infinity) - Math.abs(b.seconds ?? Infinity) || (a.key < b.key ? -1 : 1))
    .slice(0, MAX_CANDIDATES);
}

function neighbours(pool: readonly Timed[], atMs: number): Timed[] {
  let low = 0;
  let high = pool.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const at = pool[middle]!.atMs;
    if (at !== null && at < atMs) low = middle + 1;
    else high = middle;
  }
  return pool.slice(Math.max(0, low - NEIGHBOURS), low + NEIGHBOURS);
}
