/**
 * The usable input sizes of a network, per axis: from the smallest size at which no layer is at the
 * border (see border-layers.ts) to the largest size its output still covers along its longest path
 * (maxRf of the output). rfa_toolbox's `input_resolution_range` bounds the same interval; where our
 * rule differs (the fully-connected test is applied to the lower bound too, the upper bound is the
 * output's RF) is documented in README.md.
 */
import type { Axes, Network } from './types.ts';
import { INPUT } from './types.ts';
import { AXES, perAxis, type Axis } from './axes.ts';
import type { Evaluation, NodeState } from './evaluate.ts';
import type { PathRf } from './path-rf.ts';
import { inputMinRf, isWindowNode } from './border-layers.ts';
import { topologicalOrder } from './graph.ts';
import { planLayer, isMergeOp } from './validate-layer.ts';
import { outputSize } from './recurrences.ts';

export interface InputRange {
  /** Smallest input size with no layer at the border on this axis (null: no size up to 2²⁴ works). */
  min: Axes<number | null>;
  /** Of it, what the shortest-path rule alone requires (rfa_toolbox's lower bound). */
  minByRf: Axes<number>;
  /** Largest input size the output's longest-path RF still covers. */
  max: Axes<number>;
  /** min > max (or no min): no input size satisfies both ends on this axis. */
  empty: Axes<boolean>;
}

const LIMIT = 1 << 24;

/** Smallest size R ≥ 1 at which the shortest-path rule puts no layer at the border on this axis. */
function rfBound(evaluation: Evaluation, paths: Map<string, PathRf>, axis: Axis): number {
  let bound = 1;
  for (const state of evaluation.states) {
    if (state.global || !isWindowNode(state)) continue;
    const own = paths.get(state.name);
    const inMin = inputMinRf(state, paths);
    if (own === undefined || inMin === null) continue;
    // At the border while R ≤ minRf_in and R < minRf: up to minRf_in when the layer grows the RF.
    bound = Math.max(bound, own.minRf[axis] > inMin[axis] ? inMin[axis] + 1 : inMin[axis]);
  }
  return bound;
}

type Plan = ReturnType<typeof planLayer>;

/**
 * The layers of `net` in topological order, each with its plan memoised by input size: the search
 * tries nearby sizes, which after a few strided layers give the same maps, so most plans are reused.
 */
function sizePlanner(net: Network) {
  const order = topologicalOrder(net.nodes).order.map((node) => ({ node, plans: new Map<string, Plan>() }));
  return {
    order,
    plan(entry: (typeof order)[number], size: Axes<number>): Plan {
      const key = `${size.h}x${size.w}`;
      let plan = entry.plans.get(key);
      if (plan === undefined) {
        plan = planLayer(entry.node.name, entry.node.layer, size);
        entry.plans.set(key, plan);
      }
      return plan;
    },
  };
}

/**
 * True when, at input size r on `axis` (the other axis as in `net`), every map is non-empty and no
 * window larger than one pixel covers its whole input map on that axis. Sizes only: no tracks.
 */
function noFullyConnected(
  net: Network,
  planner: ReturnType<typeof sizePlanner>,
  axis: Axis,
  r: number,
): boolean {
  const image = perAxis((a) => (a === axis ? r : net.input[a]));
  const sizes = new Map<string, { size: Axes<number>; global: boolean }>([
    [INPUT, { size: image, global: false }],
  ]);
  for (const entry of planner.order) {
    const node = entry.node;
    const sources = node.inputs.map((n) => sizes.get(n));
    const first = sources[0];
    if (first === undefined || sources.some((s) => s === undefined)) return false;
    const plan = planner.plan(entry, first.size);
    if (plan.ops === null) return false;
    const ops = plan.ops;
    const local = sources.filter((s) => s !== undefined && !s.global);
    const global = (ops.h.kind === 'global' && ops.w.kind === 'global') || local.length === 0;
    if (!global && ops[axis].kind === 'window') {
      const op = ops[axis];
      const kEff = op.kind === 'window' ? op.d * (op.k - 1) + 1 : 1;
      if (kEff > 1 && first.size[axis] <= kEff) return false;
    }
    const size = isMergeOp((node.layer as { op?: unknown }).op)
      ? (local[0] ?? first).size
      : perAxis((a) => outputSize(ops[a], first.size[a]));
    if (AXES.some((a) => size[a] < 1 || !Number.isSafeInteger(size[a]))) return false;
    sizes.set(node.name, { size, global });
  }
  return true;
}

/**
 * Smallest r ≥ from with pred(r), assuming pred is monotone (false … false true … true); null if none ≤ LIMIT.
 * A generator that pauses after each test of pred, so that a caller can spread the search over tasks.
 */
function* smallest(from: number, pred: (r: number) => boolean): Generator<void, number | null> {
  const test = function* (r: number): Generator<void, boolean> {
    const ok = pred(r);
    yield;
    return ok;
  };
  if (yield* test(from)) return from;
  let lo = from;
  let hi = Math.max(2 * from, 2);
  while (!(yield* test(hi))) {
    if (hi >= LIMIT) return null;
    lo = hi;
    hi = Math.min(2 * hi, LIMIT);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (yield* test(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The input-size range of a network whose evaluation and path RFs are given; `output` names its output.
 * A generator that pauses after each size it tries (`inputRange` runs it to the end).
 */
export function* inputRangeSteps(
  net: Network,
  evaluation: Evaluation,
  paths: Map<string, PathRf>,
  output: NodeState,
): Generator<void, InputRange> {
  const minByRf = perAxis((a) => rfBound(evaluation, paths, a));
  const planner = sizePlanner(net);
  // Sizes are monotone in the input size, so the fully-connected test flips once.
  const minH = yield* smallest(minByRf.h, (r) => noFullyConnected(net, planner, 'h', r));
  const minW = yield* smallest(minByRf.w, (r) => noFullyConnected(net, planner, 'w', r));
  const min: Axes<number | null> = { h: minH, w: minW };
  const outPath = paths.get(output.name);
  const max = perAxis((a) => outPath?.maxRf[a] ?? 0);
  const empty = perAxis((a) => {
    const lo = min[a];
    return lo === null || lo > max[a];
  });
  return { min, minByRf, max, empty };
}

/** The input-size range of a network whose evaluation and path RFs are given; `output` names its output. */
export function inputRange(
  net: Network,
  evaluation: Evaluation,
  paths: Map<string, PathRf>,
  output: NodeState,
): InputRange {
  return runSteps(inputRangeSteps(net, evaluation, paths, output));
}

/** Runs a generator of steps to its end and returns its result. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}
