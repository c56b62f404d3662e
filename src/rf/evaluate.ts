/**
 * Evaluates a network node by node in topological order: validation, sizes, tracks and flags.
 * Shared by analyze (tables) and traceUnit/unitRegion (per-unit sets). Never throws.
 */
import { INPUT, type Axes, type GraphNode, type Network } from './types.ts';
import { AXES, perAxis, type Axis } from './axes.ts';
import { error, issue, show, type RfIssue } from './issues.ts';
import type { Op1D } from './op1d.ts';
import { RatioOverflow, ratioEquals, type Ratio } from './ratio.ts';
import { outputSize } from './recurrences.ts';
import { MAX_EXACT } from './math.ts';
import { globalSummary, summarizeTracks, type AxisSummary } from './summary.ts';
import { addTrack, inputTrack, trackThrough, type Track } from './tracks.ts';
import { topologicalOrder } from './graph.ts';
import { isMergeOp, planLayer } from './validate-layer.ts';

/** Paths into a merge disagree on one axis: on effective stride, or (same stride) on the centre of unit 0. */
export interface Misalignment {
  node: string;
  axis: Axis;
  kind: 'stride' | 'centre';
  inputs: { input: string; stride: Ratio; start: Ratio; rf: number; padding: Ratio }[];
}

/** Where a disagreement of paths into a node first arises: the merge, its axis and kind. */
export interface MisalignmentSource {
  node: string;
  axis: Axis;
  kind: 'stride' | 'centre';
}

export interface NodeState {
  name: string;
  /** Position in topological order (the input is 0). */
  index: number;
  op: string;
  inputs: string[];
  /** Per-axis operation (identity for merges), null for the input. */
  ops: Axes<Op1D> | null;
  size: Axes<number>;
  paddingBefore: Axes<number> | null;
  tracks: Axes<Track[]>;
  summary: Axes<AxisSummary>;
  global: boolean;
  globalContext: boolean;
  misalignments: Misalignment[];
  /** The earliest merge (topological order) upstream or here whose local paths disagree; null if none. */
  misalignedAt: MisalignmentSource | null;
  /** The earliest local node upstream or here that a global layer feeds directly; null if none. */
  globalContextFrom: string | null;
}

export interface Evaluation {
  states: NodeState[];
  byName: Map<string, NodeState>;
  issues: RfIssue[];
}

/** The too-large message: names the limit (2^53 − 1, the largest integer computed exactly). */
export const TOO_LARGE = `its sizes, RF or offsets would exceed ${MAX_EXACT} (2^53 − 1), the largest integer the engine computes exactly.`;

/** Shared by every node where no paths disagree (an empty list per node adds up on large graphs). */
const NO_MISALIGNMENTS = Object.freeze([]) as unknown as Misalignment[];

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;

export interface EvaluateOptions {
  /**
   * The caller hands the network over: its node list is emptied, its nodes (plain data of the
   * caller's making) are used without copies and each is let go once evaluated, so that on graphs
   * of 10^6 nodes the whole network and the whole evaluation are not in memory together.
   */
  consume?: boolean;
}

/** Evaluates every node whose inputs evaluated cleanly; the rest are skipped (their cause is an issue). */
export function evaluate(net: Network, options: EvaluateOptions = {}): Evaluation {
  const issues: RfIssue[] = [];
  const states: NodeState[] = [];
  let byName: Map<string, NodeState> | null = null;
  // The name index is built when asked for (traces, regions): the table does without it, and on
  // 10^6-node graphs it is a map of 10^6 entries. Evaluation looks states up by topological position.
  const result = (): Evaluation => ({
    states,
    get byName() {
      return (byName ??= new Map(states.map((s) => [s.name, s])));
    },
    issues,
  });
  try {
    const raw = net as unknown as Record<string, unknown> | null;
    const inputSize = (typeof raw === 'object' && raw !== null ? raw['input'] : undefined) as
      Record<string, unknown> | undefined;
    const h = inputSize?.['h'];
    const w = inputSize?.['w'];
    if (!isSize(h) || !isSize(w)) {
      issues.push(
        error(
          'bad-input-size',
          INPUT,
          'input',
          null,
          `the input size must be integers ≥ 1 (got ${show(inputSize)}).`,
        ),
      );
      return result();
    }
    const image = { h, w };
    const input: NodeState = {
      name: INPUT,
      index: 0,
      op: INPUT,
      inputs: [],
      ops: null,
      size: image,
      paddingBefore: null,
      tracks: perAxis(() => [inputTrack()]),
      summary: perAxis(() => summarizeTracks([inputTrack()], 1)),
      global: false,
      globalContext: false,
      misalignments: NO_MISALIGNMENTS,
      misalignedAt: null,
      globalContextFrom: null,
    };
    states.push(input);

    const consume = options.consume === true;
    const sorted = topologicalOrder(raw?.['nodes'], !consume);
    if (consume && raw !== null) raw['nodes'] = [];
    const stateAt: (NodeState | undefined)[] = new Array<NodeState | undefined>(sorted.position.size);
    const lookup = (name: string): NodeState | undefined => {
      if (name === INPUT) return input;
      const at = sorted.position.get(name);
      return at === undefined ? undefined : stateAt[at];
    };
    issues.push(...sorted.issues);
    const order: (GraphNode | undefined)[] = sorted.order;
    for (let k = 0; k < order.length; k++) {
      const node = order[k]!;
      if (consume) order[k] = undefined;
      const sources = node.inputs.map(lookup);
      if (sources.some((s) => s === undefined)) continue; // upstream failed, already reported
      try {
        const state = evaluateNode(node, sources as NodeState[], image, issues, states.length, lookup);
        if (state === null) continue;
        states.push(state);
        stateAt[sorted.position.get(state.name)!] = state;
      } catch (e) {
        if (!(e instanceof RatioOverflow)) throw e;
        issues.push(error('too-large', node.name, null, null, e.reason ?? TOO_LARGE));
      }
    }
  } catch (e) {
    issues.push(
      error(
        'internal-error',
        INPUT,
        null,
        null,
        `the analysis failed unexpectedly (${show(e instanceof Error ? e.message : e)}).`,
      ),
    );
  }
  return result();
}

function evaluateNode(
  node: GraphNode,
  sources: NodeState[],
  image: Axes<number>,
  issues: RfIssue[],
  index: number,
  lookup: (name: string) => NodeState | undefined,
): NodeState | null {
  const order = (name: string) => lookup(name)?.index ?? Infinity;
  const layer = node.layer as unknown;
  const op =
    typeof layer === 'object' && layer !== null ? (layer as Record<string, unknown>)['op'] : undefined;
  const merge = isMergeOp(op);
  const first = sources[0];
  if (first === undefined || (!merge && sources.length !== 1)) {
    const want = merge ? 'at least one input' : 'exactly one input';
    issues.push(
      error(
        'wrong-input-count',
        node.name,
        'inputs',
        null,
        `a ${show(op)} layer needs ${want} (got ${sources.length}).`,
        { count: sources.length },
      ),
    );
    return null;
  }
  const plan = planLayer(node.name, layer, first.size);
  issues.push(...plan.issues);
  const ops = plan.ops;
  if (ops === null) return null;
  const local = sources.filter((s) => !s.global);
  const global = (ops.h.kind === 'global' && ops.w.kind === 'global') || local.length === 0;

  let size: Axes<number>;
  if (merge) {
    const reference = local[0] ?? first;
    let ok = true;
    for (const axis of AXES)
      for (const s of sources) {
        const broadcast = s.global && s.size[axis] === 1 && op !== 'concat';
        if (s.size[axis] !== reference.size[axis] && !broadcast) {
          issues.push(
            error(
              'size-mismatch',
              node.name,
              'inputs',
              axis,
              `inputs "${reference.name}" and "${s.name}" differ in size on axis ${axis} (${reference.size[axis]} vs ${s.size[axis]}).`,
              { a: reference.name, b: s.name, sizeA: reference.size[axis], sizeB: s.size[axis] },
            ),
          );
          ok = false;
        }
      }
    if (!ok) return null;
    size = reference.size;
  } else {
    size = perAxis((axis) => outputSize(ops[axis], first.size[axis]));
    let ok = true;
    for (const axis of AXES) {
      if (!Number.isSafeInteger(size[axis])) throw new RatioOverflow();
      if (size[axis] < 1) {
        issues.push(
          error(
            'vanishing-map',
            node.name,
            'size',
            axis,
            `the output size on axis ${axis} is ${size[axis]} (input ${first.size[axis]}): the feature map vanishes.`,
            { size: size[axis], input: first.size[axis] },
          ),
        );
        ok = false;
      }
    }
    if (!ok) return null;
  }

  if (global) {
    return {
      // Explicit fields, not an object spread: spreading here made analysis several times slower.
      name: node.name,
      index,
      op: String(op),
      inputs: node.inputs,
      ops,
      paddingBefore: plan.paddingBefore,
      size,
      tracks: perAxis(() => []),
      summary: perAxis((axis) => globalSummary(image[axis])),
      global: true,
      globalContext: false,
      misalignments: NO_MISALIGNMENTS,
      misalignedAt: null,
      globalContextFrom: null,
    };
  }
  if (!merge && ops.h.kind === 'identity' && ops.w.kind === 'identity') {
    // Nothing changes on either axis: share the input's size, tracks and summary (they are never
    // mutated) instead of copying them, which keeps long chains of activations small in memory.
    for (const axis of AXES) if (first.summary[axis].rf === 0) issues.push(emptyField(node.name, axis));
    return {
      name: node.name,
      index,
      op: String(op),
      inputs: node.inputs,
      ops,
      paddingBefore: plan.paddingBefore,
      size: first.size,
      tracks: first.tracks,
      summary: first.summary,
      global: false,
      globalContext: first.globalContext,
      misalignments: NO_MISALIGNMENTS,
      misalignedAt: first.misalignedAt,
      globalContextFrom: first.globalContextFrom,
    };
  }
  const tracks = perAxis((axis) => {
    let list: Track[] = [];
    for (const s of local) for (const t of s.tracks[axis]) list = addTrack(list, trackThrough(t, ops[axis]));
    return list;
  });
  const summary = perAxis((axis) => summarizeTracks(tracks[axis], size[axis]));
  const misalignments: Misalignment[] = [];
  if (local.length > 1)
    for (const axis of AXES) {
      const ref = local[0]?.summary[axis];
      if (ref === undefined) continue;
      const strideDiffers = local.some((s) => !ratioEquals(s.summary[axis].stride, ref.stride));
      const centreDiffers = local.some((s) => !ratioEquals(s.summary[axis].start, ref.start));
      if (strideDiffers || centreDiffers)
        misalignments.push({
          node: node.name,
          axis,
          kind: strideDiffers ? 'stride' : 'centre',
          inputs: local.map((s) => ({
            input: s.name,
            stride: s.summary[axis].stride,
            start: s.summary[axis].start,
            rf: s.summary[axis].rf,
            padding: s.summary[axis].padding,
          })),
        });
    }
  for (const axis of AXES) if (summary[axis].rf === 0) issues.push(emptyField(node.name, axis));
  const here = misalignments[0];
  return {
    // Explicit fields, not an object spread: spreading here made analysis several times slower.
    name: node.name,
    index,
    op: String(op),
    inputs: node.inputs,
    ops,
    paddingBefore: plan.paddingBefore,
    size,
    tracks,
    summary,
    global: false,
    globalContext: sources.some((s) => s.global || s.globalContext),
    misalignments: misalignments.length === 0 ? NO_MISALIGNMENTS : misalignments,
    misalignedAt: earliest(
      local.map((s) => s.misalignedAt),
      here === undefined ? null : { node: node.name, axis: here.axis, kind: here.kind },
      (m) => order(m.node),
    ),
    globalContextFrom: earliest(
      local.map((s) => s.globalContextFrom),
      sources.some((s) => s.global) ? node.name : null,
      order,
    ),
  };
}

function emptyField(node: string, axis: Axis): RfIssue {
  return issue(
    'warning',
    'empty-field',
    node,
    'rf',
    axis,
    `no unit on axis ${axis} reads any input pixel (a transposed convolution with kernel < stride leaves gaps).`,
  );
}

/**
 * The candidate named by the node earliest in topological order: the inputs' candidates (nodes upstream,
 * ordered by their index) before this node's own, which comes last in the order.
 */
function earliest<T>(upstream: (T | null)[], own: T | null, indexOf: (value: T) => number): T | null {
  let best: T | null = null;
  let bestIndex = Infinity;
  for (const value of upstream) {
    if (value === null) continue;
    const index = indexOf(value);
    if (index < bestIndex) {
      best = value;
      bestIndex = index;
    }
  }
  return best ?? own;
}
