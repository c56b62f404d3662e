/**
 * Specialised kernels for 3×3 convolutions (the common case, and Luo et al.'s Figure 1): all nine
 * taps of an output (forward) or of an input (backward, as a gather) are summed before one store.
 */
import type { Axes } from '../types';
import type { AxisStep } from './cone-layout';

/** 3×3 convolution with stride 1 along x: dst[co, o] += Σ_{ky,kx} w·src[ci, s·oy + d_y·ky, ox + d·kx]; each output loaded and stored once per (co, ci). */
export function forward3x3(
  step: Axes<AxisStep>,
  w: Float64Array,
  C: number,
  src: Float64Array,
  dst: Float64Array,
): void {
  const { h, w: x } = step;
  const inPlane = h.inLen * x.inLen;
  const outPlane = h.outStore * x.outStore;
  const d = x.dilation;
  const dy = h.dilation * x.inLen;
  for (let co = 0; co < C; co++) {
    for (let ci = 0; ci < C; ci++) {
      const wb = (co * C + ci) * 9;
      const w00 = w[wb] as number;
      const w01 = w[wb + 1] as number;
      const w02 = w[wb + 2] as number;
      const w10 = w[wb + 3] as number;
      const w11 = w[wb + 4] as number;
      const w12 = w[wb + 5] as number;
      const w20 = w[wb + 6] as number;
      const w21 = w[wb + 7] as number;
      const w22 = w[wb + 8] as number;
      for (let oy = 0; oy < h.outLen; oy++) {
        const r0 = ci * inPlane + h.stride * oy * x.inLen;
        const r1 = r0 + dy;
        const r2 = r1 + dy;
        const outRow = co * outPlane + (oy + h.outOff) * x.outStore + x.outOff;
        for (let ox = 0; ox < x.outLen; ox++) {
          dst[outRow + ox] =
            (dst[outRow + ox] as number) +
            w00 * (src[r0 + ox] as number) +
            w01 * (src[r0 + ox + d] as number) +
            w02 * (src[r0 + ox + 2 * d] as number) +
            w10 * (src[r1 + ox] as number) +
            w11 * (src[r1 + ox + d] as number) +
            w12 * (src[r1 + ox + 2 * d] as number) +
            w20 * (src[r2 + ox] as number) +
            w21 * (src[r2 + ox + d] as number) +
            w22 * (src[r2 + ox + 2 * d] as number);
        }
      }
    }
  }
}

/** Edge of a 3-tap transposed row: dst[at] += Σ_t w_t·g[gRow + ix − d·t] over taps with 0 ≤ ix − d·t < lo. */
function edge3(
  dst: Float64Array,
  at: number,
  g: Float64Array,
  gRow: number,
  ix: number,
  lo: number,
  d: number,
  w0: number,
  w1: number,
  w2: number,
): void {
  let acc = 0;
  if (ix < lo) acc += w0 * (g[gRow + ix] as number);
  if (ix >= d && ix - d < lo) acc += w1 * (g[gRow + ix - d] as number);
  if (ix >= 2 * d && ix - 2 * d < lo) acc += w2 * (g[gRow + ix - 2 * d] as number);
  dst[at] = (dst[at] as number) + acc;
}

/** One 3-tap transposed row: dst[inRow + ix] += Σ_t w_t·g[gRow + ix − d·t], ix ∈ [0, lo + 2d). */
export function row3(
  dst: Float64Array,
  inRow: number,
  g: Float64Array,
  gRow: number,
  lo: number,
  d: number,
  w0: number,
  w1: number,
  w2: number,
): void {
  const width = lo + 2 * d;
  const leftEnd = Math.min(2 * d, width);
  for (let ix = 0; ix < leftEnd; ix++) edge3(dst, inRow + ix, g, gRow, ix, lo, d, w0, w1, w2);
  for (let ix = 2 * d; ix < lo; ix++) {
    dst[inRow + ix] =
      (dst[inRow + ix] as number) +
      w0 * (g[gRow + ix] as number) +
      w1 * (g[gRow + ix - d] as number) +
      w2 * (g[gRow + ix - 2 * d] as number);
  }
  for (let ix = Math.max(lo, 2 * d); ix < width; ix++) edge3(dst, inRow + ix, g, gRow, ix, lo, d, w0, w1, w2);
}

/** 3×3 transposed convolution, stride 1 on both axes, as a gather: each stored input value is updated once per (co, ci). */
export function backward3x3(
  step: Axes<AxisStep>,
  w: Float64Array,
  C: number,
  g: Float64Array,
  dst: Float64Array,
): void {
  const { h, w: x } = step;
  const inPlane = h.inLen * x.inLen;
  const outPlane = h.outStore * x.outStore;
  const d = x.dilation;
  const e = h.dilation;
  const lo = x.outLen;
  const rows = h.outLen + 2 * e;
  for (let co = 0; co < C; co++) {
    const gBase = co * outPlane + h.outOff * x.outStore + x.outOff;
    for (let ci = 0; ci < C; ci++) {
      const wb = (co * C + ci) * 9;
      const w00 = w[wb] as number;
      const w01 = w[wb + 1] as number;
      const w02 = w[wb + 2] as number;
      const w10 = w[wb + 3] as number;
      const w11 = w[wb + 4] as number;
      const w12 = w[wb + 5] as number;
      const w20 = w[wb + 6] as number;
      const w21 = w[wb + 7] as number;
      const w22 = w[wb + 8] as number;
      for (let iy = 0; iy < rows; iy++) {
        const inRow = ci * inPlane + iy * x.inLen;
        // Output row iy − e·ky feeds input row iy through kernel row ky.
        const g0 = gBase + iy * x.outStore;
        const g1 = g0 - e * x.outStore;
        const g2 = g1 - e * x.outStore;
        const has0 = iy < h.outLen;
        const has1 = iy >= e && iy - e < h.outLen;
        const has2 = iy >= 2 * e && iy - 2 * e < h.outLen;
        if (has0 && has1 && has2) {
          const width = lo + 2 * d;
          const leftEnd = Math.min(2 * d, width);
          for (let ix = 0; ix < leftEnd; ix++) {
            edge3(dst, inRow + ix, g, g0, ix, lo, d, w00, w01, w02);
            edge3(dst, inRow + ix, g, g1, ix, lo, d, w10, w11, w12);
            edge3(dst, inRow + ix, g, g2, ix, lo, d, w20, w21, w22);
          }
          for (let ix = 2 * d; ix < lo; ix++) {
            dst[inRow + ix] =
              (dst[inRow + ix] as number) +
              w00 * (g[g0 + ix] as number) +
              w01 * (g[g0 + ix - d] as number) +
              w02 * (g[g0 + ix - 2 * d] as number) +
              w10 * (g[g1 + ix] as number) +
              w11 * (g[g1 + ix - d] as number) +
              w12 * (g[g1 + ix - 2 * d] as number) +
              w20 * (g[g2 + ix] as number) +
              w21 * (g[g2 + ix - d] as number) +
              w22 * (g[g2 + ix - 2 * d] as number);
          }
          for (let ix = Math.max(lo, 2 * d); ix < width; ix++) {
            edge3(dst, inRow + ix, g, g0, ix, lo, d, w00, w01, w02);
            edge3(dst, inRow + ix, g, g1, ix, lo, d, w10, w11, w12);
            edge3(dst, inRow + ix, g, g2, ix, lo, d, w20, w21, w22);
          }
        } else {
          if (has0) row3(dst, inRow, g, g0, lo, d, w00, w01, w02);
          if (has1) row3(dst, inRow, g, g1, lo, d, w10, w11, w12);
          if (has2) row3(dst, inRow, g, g2, lo, d, w20, w21, w22);
        }
      }
    }
  }
}
