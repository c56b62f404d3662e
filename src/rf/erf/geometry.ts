/**
 * Spatial geometry of the simulated network, one axis at a time: layer sizes, padding, the theoretical
 * RF, and the cone of the centre output unit (the units it depends on) at every layer. Only the cone
 * is ever computed: the gradient of the centre unit is exactly zero outside it.
 */
import type { Axes } from '../types';
import type { ResolvedErfConfig } from './config';

/** One layer on one axis: unit i reads input indices stride·i − pad + dilation·t, t = 0…k−1. */
export interface AxisLayer {
  inSize: number;
  outSize: number;
  stride: number;
  dilation: number;
  /** Zero padding before the first input (0 for valid convolutions, ⌊d(k − 1)/2⌋ for 'same'). */
  pad: number;
}

/** Closed index interval [lo, hi] of one layer's cone on one axis. */
export interface Interval {
  lo: number;
  hi: number;
}

/** The full geometry of one axis. */
export interface AxisGeometry {
  layers: AxisLayer[];
  /** cones[l] is the cone at layer l (0 = input, n = output, a single unit). */
  cones: Interval[];
  /** Theoretical RF of the centre unit, pixels: 1 + Σ_l d_l·(k − 1)·Π_{m<l} s_m. */
  theoreticalRf: number;
  /** Input size on this axis (pixels). */
  inputSize: number;
  /** Input pixel treated as the centre: ⌊(lo₀ + hi₀) / 2⌋ of the input cone. */
  centre: number;
}

/** Theoretical RF (pixels) = 1 + Σ_l d_l·(k − 1)·Π_{m<l} s_m. */
export function theoreticalRf(
  kernel: number,
  stride: readonly number[],
  dilation: readonly number[],
): number {
  let rf = 1;
  let jump = 1;
  for (let l = 0; l < stride.length; l++) {
    rf += (dilation[l] ?? 1) * (kernel - 1) * jump;
    jump *= stride[l] ?? 1;
  }
  return rf;
}

/** Axis geometry for an input of `inputSize` pixels ('auto' = the RF, valid convolutions; else 'same' zero padding). */
export function axisGeometry(config: ResolvedErfConfig, inputSize: number | 'auto'): AxisGeometry {
  const { kernel, stride, dilation } = config;
  const rf = theoreticalRf(kernel, stride, dilation);
  const valid = inputSize === 'auto';
  const layers: AxisLayer[] = [];
  let size = valid ? rf : inputSize;
  for (let l = 0; l < config.layers; l++) {
    const s = stride[l] ?? 1;
    const span = (dilation[l] ?? 1) * (kernel - 1);
    const pad = valid ? 0 : Math.floor(span / 2);
    const outSize = valid ? Math.floor((size - span - 1) / s) + 1 : Math.floor((size - 1) / s) + 1;
    layers.push({
      inSize: size,
      outSize,
      stride: s,
      dilation: dilation[l] ?? 1,
      pad,
    });
    size = outSize;
  }
  const centreOut = Math.floor(size / 2);
  const cones: Interval[] = new Array<Interval>(config.layers + 1);
  cones[config.layers] = { lo: centreOut, hi: centreOut };
  for (let l = config.layers - 1; l >= 0; l--) {
    const layer = layers[l] as AxisLayer;
    const out = cones[l + 1] as Interval;
    const lo = out.lo * layer.stride - layer.pad;
    const hi = out.hi * layer.stride - layer.pad + layer.dilation * (kernel - 1);
    cones[l] = { lo: Math.max(0, lo), hi: Math.min(layer.inSize - 1, hi) };
  }
  const input = cones[0] as Interval;
  return {
    layers,
    cones,
    theoreticalRf: rf,
    inputSize: valid ? rf : inputSize,
    centre: Math.floor((input.lo + input.hi) / 2),
  };
}

/** Geometry of both axes: { h, w }, each computed by {@link axisGeometry}. */
export function networkGeometry(config: ResolvedErfConfig): Axes<AxisGeometry> {
  const size = config.inputSize;
  return {
    h: axisGeometry(config, size === 'auto' ? 'auto' : size.h),
    w: axisGeometry(config, size === 'auto' ? 'auto' : size.w),
  };
}

/** Number of units in a cone interval: hi − lo + 1. */
export function coneLength(interval: Interval): number {
  return interval.hi - interval.lo + 1;
}
