/**
 * Multiply-accumulates of the convolutions of a network, when every convolution records its output
 * channels: conv = n_out,h·n_out,w · c_out · (c_in / groups) · k_h·k_w; transposed convolution =
 * n_in,h·n_in,w · c_in · c_out · k_h·k_w. Channels flow through pooling, elementwise and neutral layers
 * unchanged and add up at a concatenation; the image has `inputChannels` (3 unless told).
 */
import type { Network, GraphNode } from './types.ts';
import { INPUT } from './types.ts';
import type { Evaluation } from './evaluate.ts';

export interface Macs {
  /** Per convolution node, in evaluation order. */
  layers: { name: string; macs: number }[];
  total: number;
}

/** MACs of every convolution, or null with the name of the first one whose channels are not known. */
export function convolutionMacs(
  net: Network,
  evaluation: Evaluation,
  inputChannels = 3,
): { macs: Macs; unknown: null } | { macs: null; unknown: string } {
  const byName = new Map<string, GraphNode>(net.nodes.map((n) => [n.name, n]));
  const channels = new Map<string, number | null>([[INPUT, inputChannels]]);
  const layers: Macs['layers'] = [];
  let total = 0;
  for (const state of evaluation.states) {
    if (state.name === INPUT) continue;
    const node = byName.get(state.name);
    if (node === undefined) continue;
    const layer = node.layer;
    const cIn = channels.get(node.inputs[0] ?? '') ?? null;
    let cOut: number | null;
    if (layer.op === 'conv' || layer.op === 'deconv') {
      cOut = layer.channels ?? null;
      if (cIn === null || cOut === null) return { macs: null, unknown: state.name };
      const taps = layer.kernel.h * layer.kernel.w;
      const groups = layer.op === 'conv' ? (layer.groups ?? 1) : 1;
      const source = evaluation.byName.get(node.inputs[0] ?? '');
      const positions =
        layer.op === 'conv' ? state.size.h * state.size.w : (source?.size.h ?? 0) * (source?.size.w ?? 0);
      const macs = positions * cOut * (cIn / groups) * taps;
      layers.push({ name: state.name, macs });
      total += macs;
    } else if (layer.op === 'concat') {
      const parts = node.inputs.map((n) => channels.get(n) ?? null);
      cOut = parts.some((c) => c === null) ? null : (parts as number[]).reduce((a, b) => a + b, 0);
    } else cOut = cIn;
    channels.set(state.name, cOut);
  }
  return { macs: { layers, total }, unknown: null };
}
