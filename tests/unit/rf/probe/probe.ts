/**
 * Gradient probing versus the engine: back-propagate a one-hot gradient from one unit, read off the
 * support (non-zero entries) at every upstream node, and compare it with `traceUnit` (the exact 2-D
 * sets and their per-axis projections) and with `unitRegion` (the input bounding box and pixel count).
 */
import { analyze, traceUnit, unitRegion, type Interval, type Rect } from '../../../../src/rf/index.ts';
import { INPUT, type Axes, type Network } from '../../../../src/rf/types.ts';
import { backward, type TensorNet } from './tensor-net.ts';

/** The support of a gradient map: the cells, their per-axis projections and their number. */
export interface Support {
  /** Row-major indicator of the non-zero cells (index = row·w + col). */
  cells: Uint8Array;
  rows: Interval[];
  cols: Interval[];
  count: number;
  /** Smallest non-zero magnitude (to show that nothing came close to underflow). */
  min: number;
  /** Problems with the values themselves (negative, NaN, infinite). */
  bad: string[];
}

export function intervalsOf(flags: Uint8Array): Interval[] {
  const out: Interval[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] !== 1) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.hi === i - 1) last.hi = i;
    else out.push({ lo: i, hi: i });
  }
  return out;
}

export function supportOf(g: Float64Array, h: number, w: number): Support {
  const rows = new Uint8Array(h);
  const cols = new Uint8Array(w);
  const cells = new Uint8Array(h * w);
  let count = 0;
  let min = Infinity;
  const bad: string[] = [];
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      const v = g[r * w + c] as number;
      if (!Number.isFinite(v) || v < 0) {
        if (bad.length < 3) bad.push(`value ${v} at (${r}, ${c})`);
        continue;
      }
      if (v === 0) continue;
      rows[r] = 1;
      cols[c] = 1;
      cells[r * w + c] = 1;
      count++;
      min = Math.min(min, v);
    }
  return { cells, rows: intervalsOf(rows), cols: intervalsOf(cols), count, min, bad };
}

const measure = (list: Interval[]) => list.reduce((acc, x) => acc + x.hi - x.lo + 1, 0);
const same = (a: Interval[], b: Interval[]) =>
  a.length === b.length && a.every((x, i) => x.lo === b[i]?.lo && x.hi === b[i]?.hi);
export const showIntervals = (list: Interval[]) =>
  list.length === 0 ? '∅' : list.map((x) => (x.lo === x.hi ? `${x.lo}` : `${x.lo}..${x.hi}`)).join(',');
const bbox = (list: Interval[]): Interval | null =>
  list.length === 0 ? null : { lo: (list[0] as Interval).lo, hi: (list[list.length - 1] as Interval).hi };
const showBox = (b: Interval | null) => (b === null ? '∅' : `${b.lo}..${b.hi}`);
/** A few cells of a row-major indicator, as "(r, c)" (at most three, then an ellipsis). */
function showCells(list: number[], w: number): string {
  const shown = list.slice(0, 3).map((i) => `(${Math.floor(i / w)}, ${i % w})`);
  return `${shown.join(' ')}${list.length > 3 ? ` … (${list.length})` : ''}`;
}

/**
 * Draws the engine's rectangles into a row-major indicator; rectangles that leave the map or overlap
 * (the trace promises disjoint rectangles inside the map) are reported.
 */
export function rasterize(
  rects: readonly Rect[],
  h: number,
  w: number,
): { cells: Uint8Array; bad: string[] } {
  const cells = new Uint8Array(h * w);
  const bad: string[] = [];
  for (const r of rects) {
    if (r.h.lo > r.h.hi || r.w.lo > r.w.hi || r.h.lo < 0 || r.w.lo < 0 || r.h.hi >= h || r.w.hi >= w) {
      bad.push(`rectangle ${JSON.stringify(r)} is empty or leaves the ${h}×${w} map`);
      continue;
    }
    for (let y = r.h.lo; y <= r.h.hi; y++)
      for (let x = r.w.lo; x <= r.w.hi; x++) {
        if (cells[y * w + x] === 1) bad.push(`rectangles overlap at (${y}, ${x})`);
        cells[y * w + x] = 1;
      }
  }
  return { cells, bad: bad.slice(0, 3) };
}

export interface ProbeResult {
  /** Every disagreement with the engine in which it misses cells (or is wrong otherwise), and bad gradient values. */
  problems: string[];
  /**
   * Disagreements in which the engine OVER-reports: its set strictly contains the probe's support (or
   * its box the probe's box). Kept apart from `problems` only to say which way a disagreement goes;
   * the engine's trace is exact in 2-D, so the tests require both lists to be empty.
   */
  overReport: { node: string; message: string }[];
  /**
   * Nodes where the support is NOT the product of its per-axis projections (an L or a cross: the
   * union of differently shaped windows at a merge). Not a disagreement: the engine's 2-D sets must
   * reproduce them exactly; listed to show that the probes exercise such sets.
   */
  nonProduct: string[];
  /** Number of upstream nodes compared (the node itself included). */
  nodes: number;
  /** Support of the input gradient, and the engine's clipped input box. */
  input: Support;
  region: Axes<Interval | null>;
  minValue: number;
}

/** Supports of every gradient map of a backward pass, and the nodes where a support is not a product. */
function cone(tn: TensorNet, grads: Map<string, Float64Array>, where: string) {
  const supports = new Map<string, Support>();
  const nonProduct: string[] = [];
  for (const [name, g] of grads) {
    const n = tn.byName.get(name);
    if (n === undefined) continue;
    const s = supportOf(g, n.h, n.w);
    supports.set(name, s);
    const product = measure(s.rows) * measure(s.cols);
    if (s.count !== product)
      nonProduct.push(
        `${where} → ${name}: support has ${s.count} cells, not the product of its projections (${product}): rows ${showIntervals(s.rows)} cols ${showIntervals(s.cols)}`,
      );
  }
  return { supports, nonProduct };
}

/** Checks that every map of the executor has the engine's size (once per network). */
export function compareSizes(net: Network, tn: TensorNet): string[] {
  const analysis = analyze(net);
  const problems: string[] = [];
  if (!analysis.ok) return [`engine rejects the network: ${analysis.issues.map((i) => i.code).join(', ')}`];
  for (const layer of analysis.layers) {
    const node = tn.byName.get(layer.name);
    if (node === undefined) problems.push(`${layer.name}: not executed`);
    else if (node.h !== layer.size.h || node.w !== layer.size.w)
      problems.push(`${layer.name}: size ${node.h}×${node.w}, engine ${layer.size.h}×${layer.size.w}`);
  }
  return problems;
}

/**
 * Probes one unit. At every node, the support must EQUAL the engine's 2-D set (`traceUnit(...).cells`,
 * cell by cell) and its per-axis projections the engine's `nodes` (both empty when the set is), and
 * values must be finite and ≥ 0. Then, with paths through global layers detached, the input support
 * must match `unitRegion`: its bounding box is `clipped` (null on both axes when empty), its size
 * `pixels`, and `filled`/`contiguous` say whether it is a rectangle and whether its projections are
 * single intervals.
 */
export function probeUnit(net: Network, tn: TensorNet, node: string, unit: Axes<number>): ProbeResult {
  const where = `${node}@(${unit.h},${unit.w})`;
  const problems: string[] = [];
  const overReport: ProbeResult['overReport'] = [];
  const full = cone(tn, backward(tn, node, unit), where);
  const trace = traceUnit(net, node, unit);
  if (!trace.ok)
    problems.push(`${where}: traceUnit failed: ${trace.issues.map((i) => i.message).join('; ')}`);
  const names = new Set<string>([
    ...full.supports.keys(),
    ...Object.keys(trace.nodes),
    ...Object.keys(trace.cells),
  ]);
  let minValue = Infinity;
  let compared = 0;
  for (const name of names) {
    const n = tn.byName.get(name);
    if (n === undefined) {
      problems.push(`${where}: engine traces unknown node ${name}`);
      continue;
    }
    const s = full.supports.get(name) ?? supportOf(new Float64Array(n.h * n.w), n.h, n.w);
    minValue = Math.min(minValue, s.min);
    compared++;
    for (const b of s.bad) problems.push(`${where} → ${name}: ${b}`);
    // The 2-D set, cell by cell.
    const engine = rasterize(trace.cells[name] ?? [], n.h, n.w);
    for (const b of engine.bad) problems.push(`${where} → ${name}: ${b}`);
    const missing: number[] = [];
    const extra: number[] = [];
    for (let i = 0; i < engine.cells.length; i++) {
      if (s.cells[i] === 1 && engine.cells[i] !== 1) missing.push(i);
      if (s.cells[i] !== 1 && engine.cells[i] === 1) extra.push(i);
    }
    if (missing.length > 0 || extra.length > 0) {
      const message = `${where} → ${name}: probe ${s.count} cells (rows ${showIntervals(s.rows)} cols ${showIntervals(s.cols)}), engine misses ${missing.length === 0 ? 'none' : showCells(missing, n.w)}, adds ${extra.length === 0 ? 'none' : showCells(extra, n.w)}`;
      if (missing.length === 0) overReport.push({ node: name, message });
      else problems.push(message);
    }
    // The per-axis projections.
    const t = trace.nodes[name] ?? { h: [], w: [] };
    if (!same(s.rows, t.h) || !same(s.cols, t.w))
      problems.push(
        `${where} → ${name}: probe projections rows ${showIntervals(s.rows)} cols ${showIntervals(s.cols)}, engine nodes rows ${showIntervals(t.h)} cols ${showIntervals(t.w)}`,
      );
  }
  const input = full.supports.get(INPUT) ?? supportOf(new Float64Array(0), 0, 0);
  const region = unitRegion(net, node, unit);
  const image = tn.byName.get(INPUT);
  let local = input;
  if (tn.order.some((n) => n.global) && image !== undefined) {
    const c = cone(tn, backward(tn, node, unit, { local: true }), where);
    local = c.supports.get(INPUT) ?? supportOf(new Float64Array(image.h * image.w), image.h, image.w);
  }
  const probeBox = { h: bbox(local.rows), w: bbox(local.cols) };
  for (const axis of ['h', 'w'] as const) {
    const a = probeBox[axis];
    const b = region.clipped[axis];
    if (a?.lo === b?.lo && a?.hi === b?.hi) continue;
    const message = `${where}: input box on ${axis} ${showBox(a)} (probe, global paths detached) vs unitRegion.clipped ${showBox(b)}`;
    if (b !== null && (a === null || (b.lo <= a.lo && a.hi <= b.hi)))
      overReport.push({ node: INPUT, message });
    else problems.push(message);
  }
  const boxArea =
    (probeBox.h === null ? 0 : probeBox.h.hi - probeBox.h.lo + 1) *
    (probeBox.w === null ? 0 : probeBox.w.hi - probeBox.w.lo + 1);
  const expected = {
    pixels: local.count,
    filled: local.count > 0 && local.count === boxArea,
    contiguous: { h: local.rows.length === 1, w: local.cols.length === 1 },
  };
  const got = { pixels: region.pixels, filled: region.filled, contiguous: region.contiguous };
  if (JSON.stringify(got) !== JSON.stringify(expected))
    problems.push(
      `${where}: unitRegion ${JSON.stringify(got)}, probe (global paths detached) ${JSON.stringify(expected)}`,
    );
  return {
    problems,
    overReport,
    nonProduct: full.nonProduct,
    nodes: compared,
    input,
    region: region.clipped,
    minValue,
  };
}
