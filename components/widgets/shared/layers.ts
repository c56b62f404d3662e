/**
 * Layers built from the few numbers a lesson speaks of (kernel k, stride s, padding p, dilation d).
 * The engine is 2-D: a square window has the same k, s, p and d on both axes; a 1-D layer is a layer
 * of height 1, and the widgets that draw one row work on its w axis.
 */
import type { ConvLayer, Window } from '../../../src/rf';

export interface WindowSpec {
  k: number;
  /** Stride (default 1). */
  s?: number;
  /** Padding on every side (default 0). */
  p?: number;
  /** Dilation (default 1). */
  d?: number;
}

/** A k × k window of stride s and dilation d, padded by p on every side. */
export function squareWindow({ k, s = 1, p = 0, d = 1 }: WindowSpec): Window {
  return {
    kernel: { h: k, w: k },
    stride: { h: s, w: s },
    dilation: { h: d, w: d },
    padding: { mode: 'explicit', h: { before: p, after: p }, w: { before: p, after: p } },
  };
}

/** A convolution along w only (height 1): kernel k, stride s and dilation d, padded by p at both ends. */
export function conv1d({ k, s = 1, p = 0, d = 1 }: WindowSpec): ConvLayer {
  return {
    op: 'conv',
    kernel: { h: 1, w: k },
    stride: { h: 1, w: s },
    dilation: { h: 1, w: d },
    padding: { mode: 'explicit', h: { before: 0, after: 0 }, w: { before: p, after: p } },
  };
}
