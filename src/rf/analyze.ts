/**
 * analyze(): the per-layer table of a network, exact, in both conventions (lecture: n, j, r, start;
 * Distill: S, P). All lengths are in input pixels; pixel i spans [i, i + 1), so start₀ = ½.
 */
import type { Axes, Network } from './types.ts';
import { error, type RfIssue } from './issues.ts';
import type { Ratio } from './ratio.ts';
import { evaluate, type Misalignment, type NodeState } from './evaluate.ts';

export type { Misalignment } from './evaluate.ts';

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
  /** Distill effective stride S (= jump). */
  stride: Axes<Ratio>;
  /** Distill effective padding P: unit u spans [u·S − P, u·S − P + r − 1] when uniform. */
  padding: Axes<Ratio>;
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
  /** Per axis: every unit's region is [u·S − P, u·S − P + r − 1] exactly. */
  uniform: Axes<boolean>;
}

export interface Analysis {
  /** False when any issue has severity 'error'. */
  ok: boolean;
  issues: RfIssue[];
  /** Topological order, the input first; nodes downstream of an error are absent. */
  layers: LayerResult[];
  /** The node named by options.at, else the last non-global node; null when !ok. */
  output: LayerResult | null;
}

/** Converts an evaluated node into its table row. */
export function layerResult(state: NodeState): LayerResult {
  const { h, w } = state.summary;
  return {
    name: state.name,
    op: state.op,
    inputs: state.inputs,
    size: state.size,
    jump: { h: h.jump, w: w.jump },
    rf: { h: h.rf, w: w.rf },
    start: { h: h.start, w: w.start },
    stride: { h: h.stride, w: w.stride },
    padding: { h: h.padding, w: w.padding },
    paddingBefore: state.paddingBefore,
    global: state.global,
    globalContext: state.globalContext,
    aligned: state.global || (state.tracks.h.length <= 1 && state.tracks.w.length <= 1),
    misalignments: state.misalignments,
    uniform: { h: h.uniform, w: w.uniform },
  };
}

/** Analyses a network: validation issues, one row per evaluated node, and the output row. Never throws. */
export function analyze(net: Network, options: { at?: string } = {}): Analysis {
  const evaluation = evaluate(net);
  const issues = evaluation.issues.slice();
  const layers = evaluation.states.map(layerResult);
  let output: LayerResult | null;
  if (options.at !== undefined) {
    output = layers.find((l) => l.name === options.at) ?? null;
    if (output === null)
      issues.push(error('unknown-node', options.at, 'at', null, 'no evaluated node has this name.'));
  } else {
    output = [...layers].reverse().find((l) => !l.global) ?? null;
  }
  const ok = issues.every((i) => i.severity !== 'error');
  return { ok, issues, layers, output: ok ? output : null };
}
