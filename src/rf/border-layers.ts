/**
 * Border and critical layers at the network's input size N (per axis), after Richter et al.,
 * "Receptive Field Analysis" (ICMLA 2021) and rfa_toolbox's `is_border` / critical-layer rules:
 * - on one axis a layer is at the border when every input already sees at least the image along its
 *   shortest path and the layer's own shortest-path RF exceeds it (minRf_in ≥ N and minRf > N), or
 *   when its window (k_eff > 1) covers the whole input map (n_in ≤ k_eff: it acts as fully connected);
 * - a border layer is at the border on both axes (an axis of one pixel always counts as at the border);
 * - a critical layer is not a border layer but crosses the image on some axis: its shortest-path RF
 *   exceeds N there, or it is at the border on that axis only.
 * Only layers with a window (convolution, pooling, transposed convolution) are classified.
 */
import type { Axes } from './types.ts';
import { AXES, perAxis } from './axes.ts';
import type { Evaluation, NodeState } from './evaluate.ts';
import type { PathRf } from './path-rf.ts';
import { effectiveKernel } from './op1d.ts';

export interface LayerBorder {
  name: string;
  /** Per axis: the layer can add no spatial context on this axis at this input size. */
  atBorder: Axes<boolean>;
  border: boolean;
  critical: boolean;
}

/** A node with a spatial window on some axis (its per-axis op is a window or a transposed window). */
export function isWindowNode(state: NodeState): boolean {
  return (
    state.ops !== null &&
    AXES.some((a) => state.ops?.[a].kind === 'window' || state.ops?.[a].kind === 'transposed')
  );
}

/** Smallest shortest-path RF over a node's local inputs, per axis (null when every input is global). */
export function inputMinRf(state: NodeState, paths: Map<string, PathRf>): Axes<number> | null {
  const local = state.inputs.map((n) => paths.get(n)).filter((p) => p !== undefined && !p.global);
  if (local.length === 0) return null;
  return perAxis((a) => Math.min(...local.map((p) => (p as PathRf).minRf[a])));
}

/** k_eff of a node's window on one axis (1 for other ops). */
export function windowExtent(state: NodeState, axis: 'h' | 'w'): number {
  const op = state.ops?.[axis];
  return op !== undefined && (op.kind === 'window' || op.kind === 'transposed')
    ? effectiveKernel(op.k, op.d)
    : 1;
}

/** Classifies every windowed local node at the input size of the evaluation. */
export function borderLayers(evaluation: Evaluation, paths: Map<string, PathRf>): LayerBorder[] {
  const image = (evaluation.states[0] as NodeState).size;
  const out: LayerBorder[] = [];
  for (const state of evaluation.states) {
    if (state.global || !isWindowNode(state)) continue;
    const own = paths.get(state.name);
    const inMin = inputMinRf(state, paths);
    const source = evaluation.byName.get(state.inputs[0] ?? '');
    if (own === undefined || inMin === null || source === undefined) continue;
    const atBorder = perAxis((a) => {
      if (image[a] === 1) return true;
      const byRf = inMin[a] >= image[a] && own.minRf[a] > image[a];
      const kEff = windowExtent(state, a);
      const fullyConnected = state.ops?.[a].kind === 'window' && kEff > 1 && source.size[a] <= kEff;
      return byRf || fullyConnected;
    });
    const border = AXES.every((a) => atBorder[a]);
    const critical = !border && AXES.some((a) => image[a] > 1 && (atBorder[a] || own.minRf[a] > image[a]));
    out.push({ name: state.name, atBorder, border, critical });
  }
  return out;
}
