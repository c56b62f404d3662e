/** Small layer builders for hand-written fixtures (square unless per-axis values are given). */
import type { Axes, Layer, Network, Padding, SidePad } from '../../../src/rf/types.ts';
import { INPUT } from '../../../src/rf/types.ts';

type PerAxis = number | Axes<number>;
const ax = (v: PerAxis): Axes<number> => (typeof v === 'number' ? { h: v, w: v } : v);
const sym = (p: PerAxis): Padding => {
  const a = ax(p);
  return { mode: 'explicit', h: { before: a.h, after: a.h }, w: { before: a.w, after: a.w } };
};

export function conv(k: PerAxis, s: PerAxis = 1, p: PerAxis | Padding = 0, d: PerAxis = 1): Layer {
  return {
    op: 'conv',
    kernel: ax(k),
    stride: ax(s),
    dilation: ax(d),
    padding: typeof p === 'object' && 'mode' in p ? p : sym(p),
  };
}

export function pool(k: number, s: number, p: number | Padding = 0, ceil = false): Layer {
  return {
    op: 'pool',
    kind: 'max',
    ceil,
    kernel: ax(k),
    stride: ax(s),
    dilation: ax(1),
    padding: typeof p === 'number' ? sym(p) : p,
  };
}

export function deconv(k: number, s: number, p = 0, outputPadding = 0, d = 1): Layer {
  return {
    op: 'deconv',
    kernel: ax(k),
    stride: ax(s),
    dilation: ax(d),
    padding: sym(p),
    outputPadding: ax(outputPadding),
  };
}

export const upsample = (f: number, mode: 'nearest' | 'bilinear' = 'nearest'): Layer => ({
  op: 'upsample',
  factor: ax(f),
  mode,
});
export const gap: Layer = { op: 'global', kind: 'global-pool' };
export const relu: Layer = { op: 'neutral', kind: 'relu' };
export const sides = (h: SidePad, w: SidePad): Padding => ({ mode: 'explicit', h, w });

/** A chain named l1, l2, … */
export function chain(n: PerAxis, layers: Layer[]): Network {
  return {
    input: ax(n),
    nodes: layers.map((layer, i) => ({ name: `l${i + 1}`, layer, inputs: [i === 0 ? INPUT : `l${i}`] })),
  };
}
