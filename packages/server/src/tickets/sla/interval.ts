/** A half-open span of time [start, end) in epoch milliseconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

// Every function here takes and returns intervals sorted by start, disjoint and non-empty,
// except `mergeIntervals`, which makes any list so.

/** Sort intervals and join those that overlap or touch; empty intervals are dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((interval) => interval.end > interval.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, interval.end) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** Return the parts of `a` that are also in `b`. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) result.push({ start, end });
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return result;
}

/** Return the parts of `a` that are not in `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && b[j]!.end <= start) j += 1;
    let k = j;
    while (k < b.length && b[k]!.start < x.end) {
      const cut = b[k]!;
      if (cut.start > start) result.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
      k += 1;
    }
    if (start < x.end) result.push({ start, end: x.end });
  }
  return result;
}

/** Return the parts of `intervals` within [start, end). */
export function clipIntervals(intervals: readonly Interval[], start: number, end: number): Interval[] {
  return intersectIntervals(intervals, end > start ? [{ start, end }] : []);
}

/** Sum the lengths of the intervals, in milliseconds. */
export function totalLength(intervals: readonly Interval[]): number {
  let total = 0;
  for (const interval of intervals) total += interval.end - interval.start;
  return total;
}
