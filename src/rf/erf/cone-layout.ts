/**
 * Memory layout of the cone, per layer and axis. Layer l's values are stored over a storage
 * interval S_l that holds every input any computed unit of layer l + 1 reads, so convolution taps
 * never need bounds checks: S_l = [s·lo_{l+1} − pad, s·hi_{l+1} − pad + d(k − 1)] ⊇ cone_l, with
 * zeros (padding) where S_l leaves the layer. Layer n (the output) is stored as its cone.
 */
import type { Axes } from '../types';
import { coneLength, type AxisGeometry, type AxisLayer, type Interval } from './geometry';

/** How layer l + 1 reads layer l on one axis (all indices relative to the stored intervals). */
export interface AxisStep {
  stride: number;
  dilation: number;
  /** Stored length of the layer read (|S_l|). */
  inLen: number;
  /** Offset of cone_l inside S_l, and its length (the values that are real units). */
  inConeOff: number;
  inConeLen: number;
  /** Computed units of layer l + 1 (|cone_{l+1}|), stored at outOff inside S_{l+1} of length outStore. */
  outLen: number;
  outOff: number;
  outStore: number;
  /** Tap t of unit o reads stored index stride·o + dilation·t; the shortcut reads stride·o + skip, skip = ⌊d(k − 1)/2⌋ (window centre). */
  skip: number;
}

/** The storage interval S_l (see the file comment). */
function storage(geometry: AxisGeometry, l: number, kernel: number): Interval {
  const n = geometry.layers.length;
  if (l === n) return geometry.cones[n] as Interval;
  const layer = geometry.layers[l] as AxisLayer;
  const out = geometry.cones[l + 1] as Interval;
  return {
    lo: layer.stride * out.lo - layer.pad,
    hi: layer.stride * out.hi - layer.pad + layer.dilation * (kernel - 1),
  };
}

/** Per-layer read steps of one axis, l = 0 … n − 1. */
export function axisSteps(geometry: AxisGeometry, kernel: number): AxisStep[] {
  const steps: AxisStep[] = [];
  for (let l = 0; l < geometry.layers.length; l++) {
    const layer = geometry.layers[l] as AxisLayer;
    const inStore = storage(geometry, l, kernel);
    const outStore = storage(geometry, l + 1, kernel);
    const inCone = geometry.cones[l] as Interval;
    const outCone = geometry.cones[l + 1] as Interval;
    steps.push({
      stride: layer.stride,
      dilation: layer.dilation,
      inLen: coneLength(inStore),
      inConeOff: inCone.lo - inStore.lo,
      inConeLen: coneLength(inCone),
      outLen: coneLength(outCone),
      outOff: outCone.lo - outStore.lo,
      outStore: coneLength(outStore),
      skip: Math.floor((layer.dilation * (kernel - 1)) / 2),
    });
  }
  return steps;
}

/** Read steps of both axes, layer by layer. */
export function coneSteps(geometry: Axes<AxisGeometry>, kernel: number): Axes<AxisStep>[] {
  const h = axisSteps(geometry.h, kernel);
  const w = axisSteps(geometry.w, kernel);
  return h.map((step, l) => ({ h: step, w: w[l] as AxisStep }));
}
