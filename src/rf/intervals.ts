/** Sorted lists of disjoint inclusive integer intervals: the exact unit sets of a trace. */
export interface Interval {
  lo: number;
  hi: number;
}

/** Sorts and merges overlapping or touching intervals ([0,2] ∪ [3,5] = [0,5]). */
export function normalizeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter((x) => x.lo <= x.hi).sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  const out: Interval[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && x.lo <= last.hi + 1) last.hi = Math.max(last.hi, x.hi);
    else out.push({ lo: x.lo, hi: x.hi });
  }
  return out;
}

/** Intersection with [0, n − 1]. */
export function clipIntervals(list: Interval[], n: number): Interval[] {
  const out: Interval[] = [];
  for (const x of list) {
    const lo = Math.max(x.lo, 0);
    const hi = Math.min(x.hi, n - 1);
    if (lo <= hi) out.push({ lo, hi });
  }
  return out;
}

/** Bounding box of a normalised list, or null when empty. */
export function boundingBox(list: Interval[]): Interval | null {
  const first = list[0];
  const last = list[list.length - 1];
  return first === undefined || last === undefined ? null : { lo: first.lo, hi: last.hi };
}

/** Number of integers in a normalised list. */
export function countIntervals(list: Interval[]): number {
  return list.reduce((sum, x) => sum + x.hi - x.lo + 1, 0);
}
