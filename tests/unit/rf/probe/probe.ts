/**
 * Gradient probing versus the engine: back-propagate a one-hot gradient from one unit, read off the
 * support (non-zero entries) at every upstream node, and compare it with `traceUnit` (exact sets, per
 * axis) and with `unitRegion(...).clipped` (the input bounding box).
 */
import { analyze, traceUnit, unitRegion, type Interval } from '../../../../src/rf/index.ts';
import { INPUT, type Axes, type Network } from '../../../../src/rf/types.ts';
import { backward, type TensorNet } from './tensor-net.ts';

/** The support of a gradient map: per-axis projections and the number of non-zero cells. */
export interface Support {
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
      count++;
      min = Math.min(min, v);
    }
  return { rows: intervalsOf(rows), cols: intervalsOf(cols), count, min, bad };
}

const measure = (list: Interval[]) => list.reduce((acc, x) => acc + x.hi - x.lo + 1, 0);
const same = (a: Interval[], b: Interval[]) =>
  a.length === b.length && a.every((x, i) => x.lo === b[i]?.lo && x.hi === b[i]?.hi);
export const showIntervals = (list: Interval[]) =>
  list.length === 0 ? '∅' : list.map((x) => (x.lo === x.hi ? `${x.lo}` : `${x.lo}..${x.hi}`)).join(',');
/** Every unit of `inner` is in `outer`. */
const contains = (outer: Interval[], inner: Interval[]) =>
  inner.every((x) => outer.some((y) => y.lo <= x.lo && x.hi <= y.hi));
const bbox = (list: Interval[]): Interval | null =>
  list.length === 0 ? null : { lo: (list[0] as Interval).lo, hi: (list[list.length - 1] as Interval).hi };
const showBox = (b: Interval | null) => (b === null ? '∅' : `${b.lo}..${b.hi}`);

export interface ProbeResult {
  /** Disagreements with the engine that no known limitation explains, and bad gradient values. */
  problems: string[];
  /**
   * Nodes where the support is NOT the product of its per-axis projections (an L or a cross: the
   * union of differently shaped windows at a merge). The engine's per-axis trace cannot express such
   * a set; it reports its projections, whose product strictly contains the true support.
   */
  nonProduct: string[];
  /**
   * Disagreements where the engine OVER-reports (its per-axis sets contain the probe's projections) and
   * the cone of the probed unit shows why a per-axis union must over-report:
   * - `empty-axis`: a dead edge (a layer with a non-zero gradient that hands nothing to its input,
   *   because on one axis every window of the supported units lies in padding or in a transposed-conv
   *   gap). Its contribution is empty, yet its other axis is non-empty and is merged into the union.
   * - `non-product`: the support is not a product at some node, so the engine carries the product of
   *   the projections, and pieces of it that die on one axis further up still count on the other.
   * Kept apart from `problems` so that the tests can pin these and still fail on anything else.
   */
  overReport: { cause: 'empty-axis' | 'non-product'; message: string }[];
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
 * Probes one unit. Compares, at every node: the support's per-axis projections with the engine's trace
 * (EQUAL sets), and that values are finite and ≥ 0; then the bounding box of the input support, with
 * paths through global layers detached, with `unitRegion(...).clipped`. Over-reports that the cone
 * explains go to `overReport`, everything else to `problems`.
 */
export function probeUnit(net: Network, tn: TensorNet, node: string, unit: Axes<number>): ProbeResult {
  const where = `${node}@(${unit.h},${unit.w})`;
  const problems: string[] = [];
  const overReport: ProbeResult['overReport'] = [];
  const deadEdges: string[] = [];
  const full = cone(tn, backward(tn, node, unit, { deadEdges }), where);
  const cause = (dead: string[], nonProduct: string[]) =>
    nonProduct.length > 0 ? ('non-product' as const) : dead.length > 0 ? ('empty-axis' as const) : null;
  const fullCause = cause(deadEdges, full.nonProduct);
  // The same pass with every set replaced by the product of its projections, as a per-axis trace holds it.
  const rect =
    fullCause === 'non-product' ? cone(tn, backward(tn, node, unit, { rectangular: true }), where) : null;
  const trace = traceUnit(net, node, unit);
  if (!trace.ok)
    problems.push(`${where}: traceUnit failed: ${trace.issues.map((i) => i.message).join('; ')}`);
  const names = new Set<string>([...full.supports.keys(), ...Object.keys(trace.nodes)]);
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
    const t = trace.nodes[name] ?? { h: [], w: [] };
    // An empty axis means an empty set of units (the product is empty).
    const empty = t.h.length === 0 || t.w.length === 0;
    const th = empty ? [] : t.h;
    const tw = empty ? [] : t.w;
    if (same(s.rows, th) && same(s.cols, tw)) continue;
    const message = `${where} → ${name}: probe rows ${showIntervals(s.rows)} cols ${showIntervals(s.cols)}, engine rows ${showIntervals(th)} cols ${showIntervals(tw)}`;
    const r = rect?.supports.get(name);
    // A non-product over-report must match the rectangular pass exactly unless a dead edge is involved.
    const matchesRect = r !== undefined && (deadEdges.length > 0 || (same(r.rows, th) && same(r.cols, tw)));
    if (fullCause === 'empty-axis' && contains(th, s.rows) && contains(tw, s.cols))
      overReport.push({ cause: fullCause, message });
    else if (fullCause === 'non-product' && matchesRect && contains(th, s.rows) && contains(tw, s.cols))
      overReport.push({
        cause: fullCause,
        message: `${message} (rectangular pass: rows ${showIntervals(r.rows)} cols ${showIntervals(r.cols)})`,
      });
    else problems.push(message);
  }
  const input = full.supports.get(INPUT) ?? supportOf(new Float64Array(0), 0, 0);
  const region = unitRegion(net, node, unit);
  const image = tn.byName.get(INPUT);
  let local = { input, cause: fullCause };
  if (tn.order.some((n) => n.global) && image !== undefined) {
    const dead: string[] = [];
    const c = cone(tn, backward(tn, node, unit, { local: true, deadEdges: dead }), where);
    local = {
      input: c.supports.get(INPUT) ?? supportOf(new Float64Array(image.h * image.w), image.h, image.w),
      cause: cause(dead, c.nonProduct),
    };
  }
  const probeBox = { h: bbox(local.input.rows), w: bbox(local.input.cols) };
  const emptyA = probeBox.h === null || probeBox.w === null;
  const emptyB = region.clipped.h === null || region.clipped.w === null;
  for (const axis of ['h', 'w'] as const) {
    const a = probeBox[axis];
    const b = region.clipped[axis];
    const ok = emptyA || emptyB ? emptyA === emptyB : a?.lo === b?.lo && a?.hi === b?.hi;
    if (ok) continue;
    const inside = emptyA || (!emptyB && a !== null && b !== null && b.lo <= a.lo && a.hi <= b.hi);
    const message = `${where}: input box on ${axis} ${showBox(emptyA ? null : a)} (probe, global paths detached) vs unitRegion.clipped ${showBox(b)}`;
    if (inside && local.cause !== null) overReport.push({ cause: local.cause, message });
    else problems.push(message);
  }
  return {
    problems,
    nonProduct: full.nonProduct,
    overReport,
    nodes: compared,
    input,
    region: region.clipped,
    minValue,
  };
}
