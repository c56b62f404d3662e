/**
 * One draw of the ERF experiment on the cone of the centre unit: a real forward pass (for the
 * activation derivatives) and a real backward pass of the output gradient δ(centre unit, channel 0)
 * through multi-channel convolutions, in Float64. Tensors are [channel][row][column] over the
 * stored cone of ./cone-layout.ts.
 */
import type { Axes } from '../types';
import type { ResolvedErfConfig } from './config';
import { coneSteps, type AxisStep } from './cone-layout';
import { convBackward, convForward } from './conv-kernels';
import type { AxisGeometry, Interval } from './geometry';
import { fillNormal, type Rng } from './prng';

/** A network of fixed geometry with its work buffers, reused across draws. */
export interface ErfNetwork {
  /** Runs one draw and adds its per-pixel statistic (|g| or g², mean over input channels) into `sum` (row-major map). */
  accumulateDraw(rng: Rng, sum: Float64Array): void;
  /** The same draw in slices: yields after every layer of the forward and backward passes. */
  drawSlices(rng: Rng, sum: Float64Array): Generator<void, void>;
  /** Multiply–accumulates one draw performs: C²·k²·Σ_l |cone_l| per pass; two passes if nonlinear. */
  macsPerDraw: number;
}

/** Where a layer's cone sits in its stored interval on one axis: offset, cone length, stored length. */
interface StoredExtent {
  off: number;
  len: number;
  store: number;
}

/** Visits the cone part of a stored layer in [c][y][x] order: f(stored index, cone-compact index). */
function forCone(
  h: StoredExtent,
  w: StoredExtent,
  C: number,
  f: (stored: number, compact: number) => void,
): void {
  let compact = 0;
  for (let c = 0; c < C; c++) {
    for (let y = 0; y < h.len; y++) {
      const row = (c * h.store + y + h.off) * w.store + w.off;
      for (let x = 0; x < w.len; x++) f(row + x, compact++);
    }
  }
}

/** Builds the cone-restricted network for `config` and its geometry. */
export function createErfNetwork(config: ResolvedErfConfig, geometry: Axes<AxisGeometry>): ErfNetwork {
  const { layers: n, kernel: k, channels: C, activation, residual } = config;
  const steps = coneSteps(geometry, k);
  const last = steps[n - 1] as Axes<AxisStep>;
  // Stored and cone extents of every layer 0…n, per axis.
  const extent = (l: number, axis: 'h' | 'w'): StoredExtent => {
    const s = l < n ? (steps[l] as Axes<AxisStep>)[axis] : last[axis];
    return l < n
      ? { off: s.inConeOff, len: s.inConeLen, store: s.inLen }
      : { off: s.outOff, len: s.outLen, store: s.outStore };
  };
  const ext: Axes<StoredExtent>[] = Array.from({ length: n + 1 }, (_, l) => ({
    h: extent(l, 'h'),
    w: extent(l, 'w'),
  }));
  const stored = ext.map((e) => C * e.h.store * e.w.store);
  const linear = activation === 'none';
  const macsPerPass = steps.reduce((sum, s) => sum + C * C * k * k * s.h.outLen * s.w.outLen, 0);
  const maxSize = Math.max(...stored);
  const bufA = new Float64Array(maxSize);
  const bufB = new Float64Array(maxSize);
  const derivs = linear ? [] : ext.slice(1).map((e) => new Float64Array(C * e.h.len * e.w.len));
  const weights = Array.from({ length: n }, () => new Float64Array(C * C * k * k));
  const sigma = Math.sqrt((activation === 'relu' ? 2 : 1) / (C * k * k));
  if (config.weights === 'uniform') for (const w of weights) w.fill(1 / (C * k * k));
  const other = (buf: Float64Array): Float64Array => (buf.buffer === bufA.buffer ? bufB : bufA);

  /** Residual shortcut between stored layers l and l + 1: out[o] += in[s·o + skip] (or the transpose). */
  function shortcut(l: number, src: Float64Array, dst: Float64Array, transpose: boolean): void {
    const { h, w } = steps[l] as Axes<AxisStep>;
    for (let c = 0; c < C; c++) {
      for (let oy = 0; oy < h.outLen; oy++) {
        const outRow = (c * h.outStore + oy + h.outOff) * w.outStore + w.outOff;
        const inRow = (c * h.inLen + h.stride * oy + h.skip) * w.inLen + w.skip;
        for (let ox = 0; ox < w.outLen; ox++) {
          const i = inRow + w.stride * ox;
          const o = outRow + ox;
          if (transpose) dst[i] = (dst[i] as number) + (src[o] as number);
          else dst[o] = (dst[o] as number) + (src[i] as number);
        }
      }
    }
  }

  function* forward(rng: Rng): Generator<void, void> {
    let a: Float64Array = bufA.subarray(0, stored[0]);
    a.fill(0);
    const input = ext[0] as Axes<StoredExtent>;
    forCone(input.h, input.w, C, (i) => {
      a[i] = rng.normal();
    });
    for (let l = 0; l < n - 1; l++) {
      const z = other(a).subarray(0, stored[l + 1]);
      z.fill(0);
      convForward(steps[l] as Axes<AxisStep>, weights[l] as Float64Array, C, k, a, z);
      const d = derivs[l] as Float64Array;
      const e = ext[l + 1] as Axes<StoredExtent>;
      if (activation === 'relu') {
        forCone(e.h, e.w, C, (i, j) => {
          const v = z[i] as number;
          d[j] = v > 0 ? 1 : 0;
          if (!(v > 0)) z[i] = 0;
        });
      } else {
        forCone(e.h, e.w, C, (i, j) => {
          const t = Math.tanh(z[i] as number);
          d[j] = 1 - t * t;
          z[i] = t;
        });
      }
      if (residual) shortcut(l, a, z, false);
      a = z;
      yield;
    }
  }

  function* backward(sum: Float64Array): Generator<void, void> {
    let g: Float64Array = bufA.subarray(0, stored[n]);
    g.fill(0);
    const top = ext[n] as Axes<StoredExtent>;
    g[top.h.off * top.w.store + top.w.off] = 1; // the centre unit of output channel 0
    for (let l = n - 1; l >= 0; l--) {
      const prev = other(g).subarray(0, stored[l]);
      prev.fill(0);
      if (residual) shortcut(l, g, prev, true);
      if (!linear && l < n - 1) {
        const d = derivs[l] as Float64Array;
        const e = ext[l + 1] as Axes<StoredExtent>;
        forCone(e.h, e.w, C, (i, j) => {
          g[i] = (g[i] as number) * (d[j] as number);
        });
      }
      convBackward(steps[l] as Axes<AxisStep>, weights[l] as Float64Array, C, k, g, prev);
      g = prev;
      yield;
    }
    const input = ext[0] as Axes<StoredExtent>;
    const coneH = geometry.h.cones[0] as Interval;
    const coneW = geometry.w.cones[0] as Interval;
    const width = geometry.w.inputSize;
    const plane = input.h.store * input.w.store;
    const square = config.averaging === 'square';
    for (let y = 0; y < input.h.len; y++) {
      const mapRow = (coneH.lo + y) * width + coneW.lo;
      const storeRow = (y + input.h.off) * input.w.store + input.w.off;
      for (let x = 0; x < input.w.len; x++) {
        let acc = 0;
        for (let c = 0; c < C; c++) {
          const v = g[c * plane + storeRow + x] as number;
          acc += square ? v * v : Math.abs(v);
        }
        sum[mapRow + x] = (sum[mapRow + x] as number) + acc / C;
      }
    }
  }

  function* drawSlices(rng: Rng, sum: Float64Array): Generator<void, void> {
    if (config.weights === 'random') for (const w of weights) fillNormal(rng, w, sigma);
    if (!linear) yield* forward(rng);
    yield* backward(sum);
  }

  return {
    macsPerDraw: linear ? macsPerPass : 2 * macsPerPass,
    drawSlices,
    accumulateDraw(rng: Rng, sum: Float64Array): void {
      const slices = drawSlices(rng, sum);
      while (!slices.next().done) {
        // one layer per slice
      }
    },
  };
}
