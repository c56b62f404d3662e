/**
 * The two convolution kernels of a draw, over the stored cone (no bounds checks needed):
 * forward z[co, o] += Σ w[co, ci, t]·a[ci, s·o + d·t], and its transpose (the backward pass)
 * g_in[ci, s·o + d·t] += w[co, ci, t]·g[co, o]. Rows are the unit of work; 3-tap rows with
 * stride 1 along x take an unrolled path (the transpose as a gather, so each output is stored once).
 */
import type { Axes } from '../types';
import { backward3x3, forward3x3, row3 } from './conv-3x3';
import type { AxisStep } from './cone-layout';

/** Forward: dst (layer l + 1 storage) += conv(src (layer l storage)); MACs = C²·k²·outLen_h·outLen_w. */
export function convForward(
  step: Axes<AxisStep>,
  w: Float64Array,
  C: number,
  k: number,
  src: Float64Array,
  dst: Float64Array,
): void {
  const { h, w: x } = step;
  const inPlane = h.inLen * x.inLen;
  const outPlane = h.outStore * x.outStore;
  const d = x.dilation;
  if (k === 3 && x.stride === 1) {
    forward3x3(step, w, C, src, dst);
    return;
  }
  for (let co = 0; co < C; co++) {
    for (let ci = 0; ci < C; ci++) {
      for (let ky = 0; ky < k; ky++) {
        const wb = ((co * C + ci) * k + ky) * k;
        for (let oy = 0; oy < h.outLen; oy++) {
          const inRow = ci * inPlane + (h.stride * oy + h.dilation * ky) * x.inLen;
          const outRow = co * outPlane + (oy + h.outOff) * x.outStore + x.outOff;
          for (let kx = 0; kx < k; kx++) {
            const wv = w[wb + kx] as number;
            const base = inRow + d * kx;
            for (let ox = 0; ox < x.outLen; ox++) {
              dst[outRow + ox] = (dst[outRow + ox] as number) + wv * (src[base + x.stride * ox] as number);
            }
          }
        }
      }
    }
  }
}

/** Backward: dst (layer l storage) += convᵀ(g (layer l + 1 storage, cone part)); same MAC count as forward. */
export function convBackward(
  step: Axes<AxisStep>,
  w: Float64Array,
  C: number,
  k: number,
  g: Float64Array,
  dst: Float64Array,
): void {
  const { h, w: x } = step;
  if (k === 3 && x.stride === 1 && h.stride === 1) {
    backward3x3(step, w, C, g, dst);
    return;
  }
  const inPlane = h.inLen * x.inLen;
  const outPlane = h.outStore * x.outStore;
  const fast = k === 3 && x.stride === 1;
  const d = x.dilation;
  for (let co = 0; co < C; co++) {
    for (let ci = 0; ci < C; ci++) {
      for (let ky = 0; ky < k; ky++) {
        const wb = ((co * C + ci) * k + ky) * k;
        for (let oy = 0; oy < h.outLen; oy++) {
          const gRow = co * outPlane + (oy + h.outOff) * x.outStore + x.outOff;
          const inRow = ci * inPlane + (h.stride * oy + h.dilation * ky) * x.inLen;
          if (fast) {
            row3(dst, inRow, g, gRow, x.outLen, d, w[wb] as number, w[wb + 1] as number, w[wb + 2] as number);
            continue;
          }
          for (let kx = 0; kx < k; kx++) {
            const wv = w[wb + kx] as number;
            const base = inRow + d * kx;
            for (let ox = 0; ox < x.outLen; ox++) {
              const j = base + x.stride * ox;
              dst[j] = (dst[j] as number) + wv * (g[gRow + ox] as number);
            }
          }
        }
      }
    }
  }
}
