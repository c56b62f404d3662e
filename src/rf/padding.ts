/**
 * Resolving a padding mode to explicit per-side amounts on one axis. SAME modes depend on the input
 * size, so padding is resolved per layer from the actual feature-map size.
 */
import type { Axes, SidePad, Window } from './types.ts';
import { perAxis, type Axis } from './axes.ts';
import { effectiveKernel } from './op1d.ts';
import { mod } from './math.ts';

/**
 * TensorFlow SAME: total = max(k_eff − s, 0) if n mod s = 0 else max(k_eff − n mod s, 0);
 * before = ⌊total/2⌋ (top/left), after gets the extra pixel. Output size is then ⌈n/s⌉.
 */
export function tfSamePadding(n: number, kEff: number, s: number): SidePad {
  const rest = mod(n, s);
  const total = rest === 0 ? Math.max(kEff - s, 0) : Math.max(kEff - rest, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before };
}

/** PyTorch padding='same' (stride 1 only): total = k_eff − 1, before = ⌊total/2⌋, after = total − before. */
export function torchSamePadding(kEff: number): SidePad {
  const before = Math.floor((kEff - 1) / 2);
  return { before, after: kEff - 1 - before };
}

export type SidePadResult = { ok: true; pad: SidePad } | { ok: false; reason: string; stride: number };

/** Resolves a layer's padding on one axis for input size n (pixels of the layer's input map). */
export function resolveSidePad(window: Window, axis: Axis, n: number): SidePadResult {
  const { padding } = window;
  const kEff = effectiveKernel(window.kernel[axis], window.dilation[axis]);
  const s = window.stride[axis];
  switch (padding.mode) {
    case 'explicit':
      return { ok: true, pad: { before: padding[axis].before, after: padding[axis].after } };
    case 'valid':
      return { ok: true, pad: { before: 0, after: 0 } };
    case 'tf-same':
      return { ok: true, pad: tfSamePadding(n, kEff, s) };
    case 'torch-same':
      if (s !== 1)
        return {
          ok: false,
          reason: `padding 'same' requires stride 1 (got ${s}), as in PyTorch.`,
          stride: s,
        };
      return { ok: true, pad: torchSamePadding(kEff) };
  }
}

/** Resolves a layer's padding on both axes for input size nIn; SAME modes depend on nIn. */
export function resolvePadding(
  window: Window,
  nIn: Axes<number>,
): { ok: true; pads: Axes<SidePad> } | { ok: false; reason: string; stride: number } {
  const results = perAxis((axis) => resolveSidePad(window, axis, nIn[axis]));
  if (!results.h.ok) return results.h;
  if (!results.w.ok) return results.w;
  return { ok: true, pads: { h: results.h.pad, w: results.w.pad } };
}
