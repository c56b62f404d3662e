/**
 * Brute-force reference for the RF engine, written from the definitions only (it imports nothing but
 * the layer vocabulary). On one axis it enumerates every output unit and every kernel tap, keeps
 * explicit sets of input pixel indices, counts feature-map sizes by counting windows or positions,
 * and tracks centres as exact fractions. Slow on purpose, small inputs only.
 */
import { INPUT, type Layer, type Network } from '../../../src/rf/types.ts';

type Axis = 'h' | 'w';

/** An exact fraction [num, den], den > 0, reduced. */
export type Frac = readonly [number, number];
const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
export const frac = (n: number, d = 1): Frac => {
  const g = gcd(n, d) || 1;
  const s = d < 0 ? -1 : 1;
  return [(s * n) / g + 0, (s * d) / g];
};
const fadd = (a: Frac, b: Frac): Frac => frac(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const fmul = (a: Frac, b: Frac): Frac => frac(a[0] * b[0], a[1] * b[1]);
const fsub = (a: Frac, b: Frac): Frac => fadd(a, [-b[0], b[1]]);
const feq = (a: Frac, b: Frac): boolean => a[0] === b[0] && a[1] === b[1];

interface Pads {
  before: number;
  after: number;
}

/** Per-axis reading of a layer, with SAME padding from TensorFlow's documented definition. */
function pads(layer: Layer, axis: Axis, n: number): Pads {
  if (layer.op !== 'conv' && layer.op !== 'pool' && layer.op !== 'deconv') return { before: 0, after: 0 };
  const k = layer.kernel[axis];
  const s = layer.stride[axis];
  const d = layer.dilation[axis];
  const span = d * (k - 1) + 1;
  const p = layer.padding;
  if (p.mode === 'explicit') return p[axis];
  if (p.mode === 'valid') return { before: 0, after: 0 };
  if (p.mode === 'torch-same')
    return { before: Math.floor((span - 1) / 2), after: span - 1 - Math.floor((span - 1) / 2) };
  // TF: the output has ceil(n / s) units and the padding is whatever makes the last window fit.
  let out = 0;
  while (out * s < n) out++;
  const total = Math.max((out - 1) * s + span - n, 0);
  return { before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
}

export interface OracleNode {
  name: string;
  size: number;
  global: boolean;
  /** Centre functions c(u) = c0 + u·j, one per class of paths with distinct (c0, j). */
  centres: { c0: Frac; j: Frac }[];
  /**
   * Input pixels unit u depends on; clip = only real units at every layer; local = ignore every path
   * through a global layer (the local RF that is reported next to the globalContext flag); leaf =
   * the node whose units are collected instead of the input's (for traces through every layer).
   */
  deps(u: number, clip: boolean, local?: boolean, leaf?: string): Set<number>;
}

export interface OracleResult {
  /** null when some map vanishes or merge sizes disagree (the network is invalid). */
  nodes: Map<string, OracleNode> | null;
  problem: string | null;
}

/** Evaluates a network on one axis (nodes in any order; cycles and unknown inputs are left out). */
export function oracle(net: Network, axis: Axis): OracleResult {
  const N = net.input[axis];
  const nodes = new Map<string, OracleNode>();
  nodes.set(INPUT, {
    name: INPUT,
    size: N,
    global: false,
    centres: [{ c0: frac(1, 2), j: frac(1) }],
    deps: (u, _clip, _local, leaf = INPUT) => (leaf === INPUT ? new Set([u]) : new Set()),
  });
  // Place nodes once all their inputs are placed (simple repeated scan; graphs here are tiny).
  const ordered: typeof net.nodes = [];
  const placed = new Set<string>([INPUT]);
  for (let progress = true; progress;) {
    progress = false;
    for (const node of net.nodes)
      if (!placed.has(node.name) && node.inputs.every((x) => placed.has(x))) {
        ordered.push(node);
        placed.add(node.name);
        progress = true;
      }
  }
  for (const node of ordered) {
    const ins = node.inputs.map((x) => nodes.get(x));
    if (ins.some((x) => x === undefined)) return { nodes: null, problem: `missing ${node.name}` };
    const inputs = ins as OracleNode[];
    const src = inputs[0] as OracleNode;
    const layer = node.layer;
    const memo = new Map<string, Set<number>>();
    const cached =
      (f: (u: number, clip: boolean, local: boolean, leaf: string) => Set<number>) =>
      (u: number, clip: boolean, local = false, leaf: string = INPUT) => {
        if (leaf === node.name) return new Set([u]);
        const key = `${u}|${clip}|${local}|${leaf}`;
        let v = memo.get(key);
        if (v === undefined) {
          v = f(u, clip, local, leaf);
          memo.set(key, v);
        }
        return v;
      };
    const union = (parts: Iterable<Set<number>>): Set<number> => {
      const out = new Set<number>();
      for (const p of parts) for (const x of p) out.add(x);
      return out;
    };
    const local = inputs.filter((x) => !x.global);
    let made: OracleNode;
    const nIn = src.size;
    // Centre of a (possibly fractional) unit position x of the source, for each path class.
    const mapCentres = (pos: (u: number) => Frac): { c0: Frac; j: Frac }[] =>
      src.centres.map(({ c0, j }) => {
        const at = (u: number) => fadd(c0, fmul(pos(u), j));
        return { c0: at(0), j: fsub(at(1), at(0)) };
      });
    const merge = layer.op === 'add' || layer.op === 'mul' || layer.op === 'concat';
    const isGlobal = layer.op === 'global' || local.length === 0;
    if (layer.op === 'global') {
      // A global layer reads every real unit of its input.
      const everything = (clip: boolean, leaf: string) =>
        union(Array.from({ length: nIn }, (_, i) => src.deps(i, clip, false, leaf)));
      made = {
        name: node.name,
        size: 1,
        global: true,
        centres: [],
        // Every unit of a global map sees the same set: memoise it once, not per unit.
        deps: (
          (whole) =>
          (u: number, clip: boolean, local = false, leaf: string = INPUT) =>
            leaf === node.name ? new Set([u]) : whole(0, clip, local, leaf)
        )(cached((_u, clip, _local, leaf) => everything(clip, leaf))),
      };
    } else if (merge) {
      const size = (local[0] as OracleNode).size;
      for (const x of inputs)
        if (x.size !== size && !(x.global && x.size === 1 && layer.op !== 'concat'))
          return { nodes: null, problem: `mismatch ${node.name}` };
      const centres: { c0: Frac; j: Frac }[] = [];
      for (const x of local)
        for (const c of x.centres)
          if (!centres.some((y) => feq(y.c0, c.c0) && feq(y.j, c.j))) centres.push(c);
      made = {
        name: node.name,
        size,
        global: false,
        centres,
        // A global input of size 1 is broadcast: every unit reads its unit 0.
        deps: cached((u, clip, local, leaf) =>
          union(inputs.map((x) => x.deps(x.global && x.size === 1 ? 0 : u, clip, local, leaf))),
        ),
      };
    } else {
      const size = sizeOf(layer, axis, nIn);
      if (size < 1) return { nodes: null, problem: `vanishing ${node.name}` };
      const p = pads(layer, axis, nIn);
      const inRange = (i: number) => i >= 0 && i < nIn;
      let reads: (u: number, clip: boolean) => number[];
      let pos: (u: number) => Frac;
      if (layer.op === 'conv' || layer.op === 'pool') {
        const k = layer.kernel[axis];
        const s = layer.stride[axis];
        const d = layer.dilation[axis];
        reads = (u, clip) => {
          const out: number[] = [];
          for (let t = 0; t < k; t++) {
            const i = u * s - p.before + t * d;
            if (!clip || inRange(i)) out.push(i);
          }
          return out;
        };
        // Midpoint of the first and last tap.
        pos = (u) => frac(2 * (u * s - p.before) + (k - 1) * d, 2);
      } else if (layer.op === 'deconv') {
        const k = layer.kernel[axis];
        const s = layer.stride[axis];
        const d = layer.dilation[axis];
        reads = (u, clip) => {
          const out: number[] = [];
          const reach = Math.abs(u) + Math.abs(p.before) + k * d + 2;
          for (let i = -reach; i <= reach; i++)
            for (let t = 0; t < k; t++)
              if (i * s - p.before + t * d === u && (!clip || inRange(i))) out.push(i);
          return out;
        };
        // Continuous x with u = x·s − p_before + (k − 1)·d/2.
        pos = (u) => frac(2 * (u + p.before) - (k - 1) * d, 2 * s);
      } else if (layer.op === 'upsample') {
        const f = layer.factor[axis];
        if (layer.mode === 'nearest') {
          reads = (u) => [Math.floor(u / f)];
        } else {
          reads = (u, clip) => {
            const x = frac(2 * u + 1 - f, 2 * f);
            const lo = Math.floor(x[0] / x[1]);
            const raw = x[1] === 1 ? [lo] : [lo, lo + 1];
            return clip ? raw.map((i) => Math.min(Math.max(i, 0), nIn - 1)) : raw;
          };
        }
        pos = (u) => frac(2 * u + 1 - f, 2 * f);
      } else if (layer.op === 'pad') {
        const q = layer.pads[axis];
        reads = (u, clip) => (!clip || inRange(u - q.before) ? [u - q.before] : []);
        pos = (u) => frac(u - q.before);
      } else {
        reads = (u) => [u];
        pos = (u) => frac(u);
      }
      made = {
        name: node.name,
        size,
        global: false,
        centres: mapCentres(pos),
        deps: cached((u, clip, local, leaf) =>
          union(reads(u, clip).map((i) => src.deps(i, clip, local, leaf))),
        ),
      };
    }
    if (isGlobal) {
      // Past a global layer only the global flag matters; the local RF (local = true) is empty.
      const full = made.deps;
      made = {
        ...made,
        global: true,
        centres: [],
        deps: (u, clip, local = false, leaf = INPUT) =>
          leaf === node.name ? new Set([u]) : local ? new Set() : full(u, clip, false, leaf),
      };
    }
    nodes.set(node.name, made);
  }
  return { nodes, problem: null };
}

/** Feature count by counting windows / positions (not by the closed-form formulas). */
export function sizeOf(layer: Layer, axis: Axis, n: number): number {
  const p = pads(layer, axis, n);
  switch (layer.op) {
    case 'conv':
    case 'pool': {
      const k = layer.kernel[axis];
      const s = layer.stride[axis];
      const d = layer.dilation[axis];
      const lastPadded = n - 1 + p.after;
      const ceil = layer.op === 'pool' && layer.ceil;
      let count = 0;
      for (let o = 0; o < 100000; o++) {
        const first = o * s - p.before;
        const last = first + (k - 1) * d;
        // Floor mode: the window fits the padded input. Ceil mode: it may overhang by less than a
        // stride, but must start inside the input or the left padding (PyTorch).
        const fits = ceil ? last - lastPadded < s && first < n : last <= lastPadded;
        if (!fits) break;
        count++;
      }
      return count;
    }
    case 'deconv': {
      const k = layer.kernel[axis];
      const s = layer.stride[axis];
      const d = layer.dilation[axis];
      let last = -1;
      for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) last = Math.max(last, i * s + t * d);
      return last + 1 + layer.outputPadding[axis] - p.before - p.after;
    }
    case 'upsample': {
      let count = 0;
      while (Math.floor(count / layer.factor[axis]) < n) count++;
      return count;
    }
    case 'pad': {
      const q = layer.pads[axis];
      let count = 0;
      while (count - q.before < n + q.after) count++;
      return count;
    }
    case 'global':
      return 1;
    default:
      return n;
  }
}

/** Bounding box of a set, or null when empty. */
export function box(set: Set<number>): { lo: number; hi: number } | null {
  if (set.size === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of set) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return { lo, hi };
}

/** A set as sorted disjoint inclusive intervals. */
export function toIntervals(set: Set<number>): { lo: number; hi: number }[] {
  const xs = [...set].sort((a, b) => a - b);
  const out: { lo: number; hi: number }[] = [];
  for (const x of xs) {
    const last = out[out.length - 1];
    if (last !== undefined && x === last.hi + 1) last.hi = x;
    else out.push({ lo: x, hi: x });
  }
  return out;
}
