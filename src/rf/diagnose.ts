/**
 * diagnose(): the receptive-field analysis of Richter et al. (ICMLA 2021; rfa_toolbox) on top of the
 * exact engine: per layer the shortest- and longest-path RF, the border and critical layers at the
 * network's input size, the usable input-size range and the share of multiply-accumulates spent in
 * border layers. Evaluates the network once (plus size-only passes for the range). Never throws.
 */
import type { Axes, Network } from './types.ts';
import { error, type RfIssue } from './issues.ts';
import { evaluate, type NodeState } from './evaluate.ts';
import { evaluationOf } from './analysis.ts';
import type { Analysis } from './analyze.ts';
import { pathRfs, type PathRf } from './path-rf.ts';
import { borderLayers } from './border-layers.ts';
import { inputRangeSteps, runSteps, type InputRange } from './input-range.ts';
import { convolutionMacs } from './macs.ts';

export interface LayerDiagnosis {
  name: string;
  op: string;
  minRf: Axes<number>;
  maxRf: Axes<number>;
  global: boolean;
  border: boolean;
  critical: boolean;
  /** Per axis: at the border on this axis (null for layers without a window). */
  atBorder: Axes<boolean> | null;
  /** Multiply-accumulates (convolutions with known channels), else null. */
  macs: number | null;
}

export interface Diagnosis {
  ok: boolean;
  issues: RfIssue[];
  layers: LayerDiagnosis[];
  borderLayers: string[];
  criticalLayers: string[];
  inputRange: InputRange | null;
  /** Convolution MACs in total and in border layers; null (with the reason) when channels are unknown. */
  macs: { total: number; border: number; share: number } | null;
  macsUnknown: string | null;
  /** The node the range's upper end refers to (options.at, else the last local node). */
  output: string | null;
}

export interface DiagnoseOptions {
  at?: string;
  inputChannels?: number;
  /** What `analyze(net)` returned for this very network: its evaluation is used instead of a new one. */
  analysis?: Analysis;
}

/** Runs the analysis at the network's own input size; `at` names the output node. */
export function diagnose(net: Network, options: DiagnoseOptions = {}): Diagnosis {
  return runSteps(diagnoseSteps(net, options));
}

/**
 * diagnose() as a generator that pauses between its stages and after each input size the range
 * search tries, so that a page can spread a long network's diagnosis over several short tasks.
 */
export function* diagnoseSteps(net: Network, options: DiagnoseOptions = {}): Generator<void, Diagnosis> {
  const evaluation =
    (options.analysis === undefined ? null : evaluationOf(options.analysis)) ?? evaluate(net);
  yield;
  const issues = evaluation.issues.slice();
  const failed = (more: RfIssue[] = []): Diagnosis => ({
    ok: false,
    issues: [...issues, ...more],
    layers: [],
    borderLayers: [],
    criticalLayers: [],
    inputRange: null,
    macs: null,
    macsUnknown: null,
    output: null,
  });
  if (issues.some((i) => i.severity === 'error')) return failed();
  let paths: PathRf[];
  try {
    paths = pathRfs(evaluation);
  } catch {
    return failed([
      error(
        'too-large',
        net.nodes[0]?.name ?? 'input',
        null,
        null,
        'the network has too many distinct paths to enumerate.',
      ),
    ]);
  }
  yield;
  const byName = new Map(paths.map((p) => [p.name, p]));
  const output: NodeState | undefined =
    options.at !== undefined
      ? evaluation.byName.get(options.at)
      : [...evaluation.states].reverse().find((s) => !s.global);
  if (output === undefined)
    return failed([
      error('unknown-node', options.at ?? 'input', 'at', null, 'no evaluated node has this name.'),
    ]);
  const borders = new Map(borderLayers(evaluation, byName).map((b) => [b.name, b]));
  const counted = convolutionMacs(net, evaluation, options.inputChannels);
  const macsOf = new Map(counted.macs?.layers.map((l) => [l.name, l.macs]) ?? []);
  const layers = evaluation.states.map((state): LayerDiagnosis => {
    const path = byName.get(state.name) as PathRf;
    const b = borders.get(state.name);
    return {
      name: state.name,
      op: state.op,
      minRf: path.minRf,
      maxRf: path.maxRf,
      global: state.global,
      border: b?.border ?? false,
      critical: b?.critical ?? false,
      atBorder: b?.atBorder ?? null,
      macs: macsOf.get(state.name) ?? null,
    };
  });
  const inputRange = yield* inputRangeSteps(net, evaluation, byName, output);
  let macs: Diagnosis['macs'] = null;
  if (counted.macs !== null && counted.macs.total > 0) {
    const border = layers.reduce((sum, l) => sum + (l.border ? (l.macs ?? 0) : 0), 0);
    macs = { total: counted.macs.total, border, share: border / counted.macs.total };
  }
  return {
    ok: true,
    issues,
    layers,
    borderLayers: layers.filter((l) => l.border).map((l) => l.name),
    criticalLayers: layers.filter((l) => l.critical).map((l) => l.name),
    inputRange,
    macs,
    macsUnknown: counted.unknown,
    output: output.name,
  };
}
