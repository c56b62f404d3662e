/** Sorted lists of disjoint inclusive integer intervals: one axis of a trace (see cells.ts for 2-D sets). */
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

/** Whether two normalised lists hold the same integers (equal interval by interval). */
export function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Interval;
    const y = b[i] as Interval;
    if (x.lo !== y.lo || x.hi !== y.hi) return false;
  }
  return true;
}

/** Union of two normalised lists, merged in one pass (no sort); returns `a` or `b` when it holds the other. */
export function unionIntervals(a: readonly Interval[], b: readonly Interval[]): readonly Interval[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const next = y === undefined || (x !== undefined && x.lo <= y.lo) ? (i++, x) : (j++, y);
    if (next === undefined) break;
    const last = out[out.length - 1];
    if (last !== undefined && next.lo <= last.hi + 1) last.hi = Math.max(last.hi, next.hi);
    else out.push({ lo: next.lo, hi: next.hi });
  }
  if (sameIntervals(out, a)) return a;
  if (sameIntervals(out, b)) return b;
  return out;
}
