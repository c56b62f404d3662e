/**
 * Exact 2-D sets of units (cells of a feature map), as the backward trace propagates them.
 *
 * Every op of the engine is separable: the cells a rectangle of output units reads form the product of
 * the per-axis windows (`preimage` on h × `preimage` on w). A union of windows of differently shaped
 * branches is not a product in general (an L, a cross), so the trace keeps the true 2-D set, not its
 * projections: a union of products propagates to the union of their preimages, and a product with an
 * empty axis (a gap row of a transposed convolution, a window lying in padding) is empty.
 *
 * Canonical form ("bands"): the set is cut into maximal runs of consecutive rows with the same columns.
 * Bands are sorted by row, disjoint, and two bands that touch have different column lists; each column
 * list is a non-empty normalised interval list. Every set has exactly one such form, and its size is
 * about the length of the set's boundary, not its area: a rectangle is one band, a cross three.
 * Column lists are never mutated, so bands may share them (a product of k row runs shares one list).
 */
import type { Axes } from './types.ts';
import { addExact, mulExact } from './math.ts';
import { normalizeIntervals, sameIntervals, unionIntervals, type Interval } from './intervals.ts';

/** An inclusive rectangle of cells: rows h.lo…h.hi × columns w.lo…w.hi. */
export type Rect = Axes<Interval>;

/** A run of consecutive rows sharing the same columns. */
export interface Band {
  h: Interval;
  w: readonly Interval[];
}

/** A 2-D set of cells in canonical band form (see the module comment). */
export type CellSet = readonly Band[];

/** The single cell (u.h, u.w). */
export function cellOf(unit: Axes<number>): CellSet {
  return [{ h: { lo: unit.h, hi: unit.h }, w: [{ lo: unit.w, hi: unit.w }] }];
}

/** rows × cols for normalised lists (empty if either is). */
export function productCells(rows: Interval[], cols: readonly Interval[]): CellSet {
  if (rows.length === 0 || cols.length === 0) return [];
  return rows.map((h) => ({ h: { lo: h.lo, hi: h.hi }, w: cols }));
}

/** Union of bands in any order, possibly overlapping (each with a normalised, non-empty column list). */
export function unionCells(parts: readonly CellSet[]): CellSet {
  if (parts.length === 2) {
    // The common case, two sets meeting at a merge: skip the sweep when one contains the other.
    const [a, b] = parts as [CellSet, CellSet];
    if (
      a.length === 0 ||
      sameCells(a, b) ||
      (a.length === 1 && b.length === 1 && coversBand(b[0] as Band, a[0] as Band))
    )
      return b;
    if (b.length === 0 || (a.length === 1 && b.length === 1 && coversBand(a[0] as Band, b[0] as Band)))
      return a;
  }
  const items: Band[] = [];
  for (const p of parts) for (const b of p) items.push(b);
  if (items.length <= 1) return items;
  items.sort((a, b) => a.h.lo - b.h.lo);
  // Already canonical (disjoint in rows, touching bands differ)? Then nothing to merge.
  let disjoint = true;
  for (let i = 1; i < items.length && disjoint; i++) {
    const prev = items[i - 1] as Band;
    const cur = items[i] as Band;
    if (cur.h.lo <= prev.h.hi || (cur.h.lo === prev.h.hi + 1 && sameIntervals(prev.w, cur.w)))
      disjoint = false;
  }
  if (disjoint) return items;
  // Sweep over the row boundaries: between two consecutive ones, the same bands are active.
  const bounds = new Set<number>();
  for (const b of items) {
    bounds.add(b.h.lo);
    bounds.add(b.h.hi + 1);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const out: Band[] = [];
  let active: Band[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i] as number;
    const hi = (cuts[i + 1] as number) - 1;
    while (next < items.length && (items[next] as Band).h.lo <= lo) active.push(items[next++] as Band);
    active = active.filter((b) => b.h.hi >= lo);
    const first = active[0];
    if (first === undefined) continue;
    let w = first.w;
    for (let k = 1; k < active.length; k++) w = unionIntervals(w, (active[k] as Band).w);
    const last = out[out.length - 1];
    if (last !== undefined && last.h.hi + 1 === lo && sameIntervals(last.w, w)) last.h.hi = hi;
    else out.push({ h: { lo, hi }, w });
  }
  return out;
}

/** Whether two canonical sets are equal. */
export function sameCells(a: CellSet, b: CellSet): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Band;
    const y = b[i] as Band;
    if (x.h.lo !== y.h.lo || x.h.hi !== y.h.hi || !sameIntervals(x.w, y.w)) return false;
  }
  return true;
}

/** Whether band `outer` holds every cell of band `inner` (its rows, and each of its column runs). */
function coversBand(outer: Band, inner: Band): boolean {
  if (inner.h.lo < outer.h.lo || inner.h.hi > outer.h.hi) return false;
  let k = 0;
  for (const x of inner.w) {
    while (k < outer.w.length && (outer.w[k] as Interval).hi < x.lo) k++;
    const y = outer.w[k];
    if (y === undefined || y.lo > x.lo || y.hi < x.hi) return false;
  }
  return true;
}

/**
 * The cells read by `set` through a separable op: the union over bands of rows(band rows) × cols(band
 * columns), where `rows` and `cols` map a normalised interval list to its per-axis preimage. Bands with
 * the same columns are mapped together (preimages distribute over unions), so a product costs one call
 * per axis whatever its number of row runs.
 */
export function preimageCells(
  set: CellSet,
  rows: (list: Interval[]) => Interval[],
  cols: (list: Interval[]) => Interval[],
): CellSet {
  if (set.length === 0) return [];
  let shared: readonly Interval[] | null = (set[0] as Band).w;
  for (const b of set) if (b.w !== shared) shared = null;
  if (shared !== null) {
    // One column list for every band (a product): no grouping needed.
    return productCells(rows(set.map((b) => b.h)), cols(shared as Interval[]));
  }
  // Group the bands by column list (by value: lists equal in value need not be shared).
  const groups = new Map<string, { w: readonly Interval[]; h: Interval[] }>();
  for (const b of set) {
    const key = b.w.map((x) => `${x.lo},${x.hi}`).join(';');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { w: b.w, h: [b.h] });
    else g.h.push(b.h);
  }
  const parts: CellSet[] = [];
  for (const g of groups.values()) parts.push(productCells(rows(g.h), cols(g.w as Interval[])));
  return unionCells(parts);
}

/** Exact per-axis projections: the rows and the columns that hold at least one cell of the set. */
export function projections(set: CellSet): Axes<Interval[]> {
  if (set.length === 0) return { h: [], w: [] };
  const h = normalizeIntervals(set.map((b) => b.h));
  const first = (set[0] as Band).w;
  const w = set.every((b) => b.w === first)
    ? first.map((x) => ({ lo: x.lo, hi: x.hi }))
    : normalizeIntervals(set.flatMap((b) => b.w));
  return { h, w };
}

/** The set as disjoint inclusive rectangles, sorted by row then column (one per band and column run). */
export function cellRects(set: CellSet): Rect[] {
  const out: Rect[] = [];
  for (const b of set)
    for (const w of b.w) out.push({ h: { lo: b.h.lo, hi: b.h.hi }, w: { lo: w.lo, hi: w.hi } });
  return out;
}

/** Bounding box of the set; null on both axes when it is empty. */
export function cellBox(set: CellSet): Axes<Interval | null> {
  const first = set[0];
  const last = set[set.length - 1];
  if (first === undefined || last === undefined) return { h: null, w: null };
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of set) {
    lo = Math.min(lo, (b.w[0] as Interval).lo);
    hi = Math.max(hi, (b.w[b.w.length - 1] as Interval).hi);
  }
  return { h: { lo: first.h.lo, hi: last.h.hi }, w: { lo, hi } };
}

/** Number of cells in the set. */
export function cellCount(set: CellSet): number {
  let n = 0;
  for (const b of set) {
    let cols = 0;
    for (const w of b.w) cols = addExact(cols, w.hi - w.lo + 1);
    n = addExact(n, mulExact(b.h.hi - b.h.lo + 1, cols));
  }
  return n;
}

/** Number of cells in a list of disjoint rectangles (such as `UnitTrace.cells`). */
export function rectsArea(rects: readonly Rect[]): number {
  return rects.reduce((sum, r) => sum + (r.h.hi - r.h.lo + 1) * (r.w.hi - r.w.lo + 1), 0);
}

/** Whether cell (row, col) lies in one of the rectangles. */
export function rectsContain(rects: readonly Rect[], row: number, col: number): boolean {
  return rects.some((r) => r.h.lo <= row && row <= r.h.hi && r.w.lo <= col && col <= r.w.hi);
}

/** Per-axis projections of a list of rectangles: the rows, and the columns, holding one of their cells. */
export function rectsProjections(rects: readonly Rect[]): Axes<Interval[]> {
  return { h: normalizeIntervals(rects.map((r) => r.h)), w: normalizeIntervals(rects.map((r) => r.w)) };
}
