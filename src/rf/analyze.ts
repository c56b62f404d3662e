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

/** Converts an evaluated node into its table row; `rows` holds the rows of the nodes before it. */
export function layerResult(state: NodeState, rows?: Map<string, LayerResult>): LayerResult {
  const aligned = state.global || (state.tracks.h.length <= 1 && state.tracks.w.length <= 1);
  let notApplicable: NotApplicable | null = null;
  if (state.global) {
    const upstream = state.inputs.map((i) => rows?.get(i)?.notApplicable).find((x) => x != null);
    notApplicable = { reason: 'global', from: upstream?.from ?? state.name };
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

/** Analyses a network: validation issues, one row per evaluated node, and the output row. Never throws. */
export function analyze(net: Network, options: { at?: string } = {}): Analysis {
  const evaluation = evaluate(net);
  const issues = evaluation.issues.slice();
  const rows = new Map<string, LayerResult>();
  const layers = evaluation.states.map((state) => {
    const row = layerResult(state, rows);
    rows.set(row.name, row);
    return row;
  });
  let output: LayerResult | null;
  if (options.at !== undefined) {
    output = layers.find((l) => l.name === options.at) ?? null;
    if (output === null)
      issues.push(error('unknown-node', options.at, 'at', null, 'no evaluated node has this name.'));
  } else {
    output = [...layers].reverse().find((l) => !l.global) ?? null;
  }
  const ok = issues.every((i) => i.severity !== 'error');
  return new NetworkAnalysis(evaluation, rows, { ok, issues, layers, output: ok ? output : null });
}
