/**
 * analyze(): the per-layer table of a network, exact, in both conventions (lecture: n, j, r, start;
 * Distill: S, P). All lengths are in input pixels; pixel i spans [i, i + 1), so start₀ = ½.
 */
import type { Axes, Network } from './types.ts';
import { error, type RfIssue } from './issues.ts';
import type { Ratio } from './ratio.ts';
import { evaluate, type Misalignment, type MisalignmentSource, type NodeState } from './evaluate.ts';
import { NetworkAnalysis } from './analysis.ts';
import type { UnitTrace } from './trace.ts';
import type { UnitRegion } from './unit-region.ts';

export type { Misalignment, MisalignmentSource } from './evaluate.ts';

/**
 * Why a layer has no effective stride and padding: after a global layer every unit sees the whole input,
 * so there is no grid of windows to step along. `from` is the global layer that made it so.
 */
export interface NotApplicable {
  reason: 'global';
  from: string;
}

export interface LayerResult {
  name: string;
  op: string;
  inputs: string[];
  /** n: features per axis. */
  size: Axes<number>;
  /** j: distance between consecutive feature centres, input pixels (Distill's S). */
  jump: Axes<Ratio>;
  /** r: largest unclipped RF extent over this map's units, input pixels (the whole input when global). */
  rf: Axes<number>;
  /** Centre of feature 0 in input coordinates (pixel i spans [i, i+1)). */
  start: Axes<Ratio>;
  /** Distill effective stride S (= jump); null when not applicable (global layers, see `notApplicable`). */
  stride: Axes<Ratio> | null;
  /** Distill effective padding P: unit u spans [u·S − P, u·S − P + r − 1] when uniform; null when global. */
  padding: Axes<Ratio> | null;
  /** Why `stride` and `padding` are null; null when they apply. */
  notApplicable: NotApplicable | null;
  /** This layer's resolved padding before (top/left), SAME modes resolved; null for layers without padding. */
  paddingBefore: Axes<number> | null;
  /** Every unit depends on the whole input (after global pooling, flatten, fc). */
  global: boolean;
  /** Local RF reported, but a path through a global layer also feeds the node (squeeze-and-excitation). */
  globalContext: boolean;
  /** All paths into the node agree on effective stride and centre. */
  aligned: boolean;
  /** Disagreements first arising at this node. */
  misalignments: Misalignment[];
  /** When not aligned: the earliest merge upstream (or this node) where paths disagree; else null. */
  misalignedAt: MisalignmentSource | null;
  /** When globalContext: the earliest local node upstream (or this one) that a global layer feeds; else null. */
  globalContextFrom: string | null;
  /** Per axis: every unit's region is [u·S − P, u·S − P + r − 1] exactly. */
  uniform: Axes<boolean>;
}

/**
 * The result of one evaluation. The data fields are plain (they survive structured cloning); the
 * methods answer per-unit questions from the same evaluation, without evaluating again.
 */
export interface Analysis {
  /** False when any issue has severity 'error'. */
  ok: boolean;
  issues: RfIssue[];
  /** Topological order, the input first; nodes downstream of an error are absent. */
  layers: LayerResult[];
  /** The node named by options.at, else the last non-global node; null when !ok. */
  output: LayerResult | null;
  /** The row of an evaluated node, or null. */
  layer(name: string): LayerResult | null;
  /**
   * What `unit` of `node` depends on, per upstream node (as `traceUnit`). `clip: false` keeps the
   * virtual cells of the unbounded grid (padding); `windows: true` (clipped) adds the cells of each
   * node's padded map that the windows read. Cached: asking again costs nothing.
   */
  trace(node: string, unit: Axes<number>, options?: TraceOptions): UnitTrace;
  /** The input region of `unit` of `node`, clipped and unclipped (as `unitRegion`). Cached. */
  region(node: string, unit: Axes<number>): UnitRegion;
}

export interface TraceOptions {
  /** Keep only real units (default) or reach into padding as virtual units of the unbounded grid. */
  clip?: boolean;
  /** With clip: also record, per node, the cells of its padded map that the windows read. */
  windows?: boolean;
}

/**
 * Converts an evaluated node into its table row; `globalFrom` names, for the global nodes before it,
 * the global layer their n/a comes from.
 */
function layerResult(state: NodeState, globalFrom: Map<string, string>): LayerResult {
  const aligned = state.global || (state.tracks.h.length <= 1 && state.tracks.w.length <= 1);
  let notApplicable: NotApplicable | null = null;
  if (state.global) {
    const upstream = state.inputs.map((i) => globalFrom.get(i)).find((x) => x !== undefined);
    notApplicable = { reason: 'global', from: upstream ?? state.name };
    globalFrom.set(state.name, notApplicable.from);
  }
  const parts = rowParts(state);
  return {
    name: state.name,
    op: state.op,
    inputs: state.inputs,
    size: state.size,
    jump: parts.jump,
    rf: parts.rf,
    start: parts.start,
    stride: parts.stride,
    padding: parts.padding,
    notApplicable,
    paddingBefore: state.paddingBefore,
    global: state.global,
    globalContext: state.globalContext,
    aligned,
    misalignments: state.misalignments,
    misalignedAt: aligned ? null : (state.misalignedAt ?? { node: state.name, axis: 'h', kind: 'stride' }),
    globalContextFrom: state.globalContext && !state.global ? (state.globalContextFrom ?? state.name) : null,
    uniform: parts.uniform,
  };
}

type RowParts = Pick<LayerResult, 'jump' | 'rf' | 'start' | 'stride' | 'padding' | 'uniform'>;

/** Row fields derived from a summary, shared by the rows of nodes that share it (chains of activations). */
const partsOf = new WeakMap<NodeState['summary'], RowParts>();

function rowParts(state: NodeState): RowParts {
  const cached = partsOf.get(state.summary);
  if (cached !== undefined) return cached;
  const { h, w } = state.summary;
  const parts: RowParts = {
    jump: { h: h.jump, w: w.jump },
    rf: { h: h.rf, w: w.rf },
    start: { h: h.start, w: w.start },
    stride: state.global ? null : { h: h.stride, w: w.stride },
    padding: state.global ? null : { h: h.padding, w: w.padding },
    uniform: { h: h.uniform, w: w.uniform },
  };
  partsOf.set(state.summary, parts);
  return parts;
}

/** The rows of an evaluation, made as they are read (each pass makes them afresh, in order). */
function rowsOf(states: NodeState[]): Iterable<LayerResult> {
  return {
    *[Symbol.iterator]() {
      const globalFrom = new Map<string, string>();
      for (const state of states) yield layerResult(state, globalFrom);
    },
  };
}

/**
 * An analysis whose rows are not kept: `rows` makes them on each pass over it. For reports of very
 * large graphs (10^6 nodes), where the kept rows would take hundreds of megabytes; `analyze` is the
 * same evaluation with the rows kept.
 */
export interface RowStream {
  ok: boolean;
  issues: RfIssue[];
  /** The rows in topological order, the input first (re-iterable). */
  rows: Iterable<LayerResult>;
  /** The node named by options.at, else the last non-global node; null when !ok. */
  output: LayerResult | null;
  /** The last row (null for no rows). */
  last: LayerResult | null;
}

function outputOf(
  rows: Iterable<LayerResult>,
  at: string | undefined,
  issues: RfIssue[],
): { output: LayerResult | null; last: LayerResult | null } {
  let output: LayerResult | null = null;
  let last: LayerResult | null = null;
  for (const row of rows) {
    last = row;
    if (at === undefined ? !row.global : row.name === at && output === null) output = row;
  }
  if (at !== undefined && output === null)
    issues.push(error('unknown-node', at, 'at', null, 'no evaluated node has this name.'));
  return { output, last };
}

/**
 * Analyses a network like `analyze`, without keeping the rows (see `RowStream`). With `consume`, the
 * caller hands the network over (see `EvaluateOptions`). Never throws.
 */
export function analyzeRows(net: Network, options: { at?: string; consume?: boolean } = {}): RowStream {
  const evaluation = evaluate(net, { consume: options.consume === true });
  const issues = evaluation.issues.slice();
  const rows = rowsOf(evaluation.states);
  const { output, last } = outputOf(rows, options.at, issues);
  const ok = issues.every((i) => i.severity !== 'error');
  return { ok, issues, rows, output: ok ? output : null, last };
}

/** Analyses a network: validation issues, one row per evaluated node, and the output row. Never throws. */
export function analyze(net: Network, options: { at?: string } = {}): Analysis {
  const evaluation = evaluate(net);
  const issues = evaluation.issues.slice();
  const rows = new Map<string, LayerResult>();
  const layers: LayerResult[] = [];
  for (const row of rowsOf(evaluation.states)) {
    rows.set(row.name, row);
    layers.push(row);
  }
  const { output } = outputOf(layers, options.at, issues);
  const ok = issues.every((i) => i.severity !== 'error');
  return new NetworkAnalysis(evaluation, rows, { ok, issues, layers, output: ok ? output : null });
}
