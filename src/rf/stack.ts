/** Chains: a list of layers as a network, each node reading the previous one. */
import { INPUT, type Axes, type Layer, type Network } from './types.ts';

/** A short name stem for a layer: conv, pool, deconv, upsample, pad, the neutral/global kind, add… */
export function layerStem(layer: Layer): string {
  switch (layer.op) {
    case 'neutral':
      return /^[a-z][a-z0-9]*$/i.test(layer.kind) ? layer.kind : 'neutral';
    case 'global':
      return layer.kind === 'global-pool' ? 'gap' : layer.kind;
    default:
      return layer.op;
  }
}

/** Builds a chain input → layer 1 → layer 2 …; nodes are named stem + running count per stem (conv1, conv2, pool1). */
export function stackToNetwork(input: Axes<number>, layers: Layer[]): Network {
  const counts = new Map<string, number>();
  let previous = INPUT;
  const nodes = layers.map((layer) => {
    const stem = layerStem(layer);
    const count = (counts.get(stem) ?? 0) + 1;
    counts.set(stem, count);
    const node = { name: `${stem}${count}`, layer, inputs: [previous] };
    previous = node.name;
    return node;
  });
  return { input, nodes };
}
