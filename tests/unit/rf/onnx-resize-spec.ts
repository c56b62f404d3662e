/**
 * The ONNX Resize sampling rule written straight from the operator's specification (onnx/docs/
 * Operators.md, Resize-13/19), for the test oracles: per output index, the input indices it reads
 * and their interpolation weights, computed with floating point as the reference implementation
 * does (positions here are multiples of 1/(2·num·den) far from rounding trouble at test sizes).
 * Deliberately independent of the engine's integer rule in src/rf/resample.ts.
 */
import type { ResizeLayer } from '../../../src/rf/types.ts';

export interface Tap {
  /** Input index, clamped to [0, n_in − 1] as runtimes do (edge padding). */
  index: number;
  /** Input index before clamping (the position on the unbounded grid). */
  raw: number;
  weight: number;
}

function original(layer: ResizeLayer, axis: 'h' | 'w', o: number, nIn: number): number {
  const nOut = layer.size[axis];
  const scale = layer.scale ? layer.scale[axis].num / layer.scale[axis].den : nOut / nIn;
  switch (layer.coordinate) {
    case 'half_pixel':
      return (o + 0.5) / scale - 0.5;
    case 'pytorch_half_pixel':
      return nOut > 1 ? (o + 0.5) / scale - 0.5 : 0;
    case 'align_corners':
      return nOut === 1 ? 0 : (o * (nIn - 1)) / (nOut - 1);
    case 'asymmetric':
      return o / scale;
    case 'tf_half_pixel_for_nn':
      return (o + 0.5) / scale;
  }
}

/** Keys cubic convolution kernel with coefficient A (−0.75 in ONNX, PyTorch uses −0.75 too). */
function cubic(d: number, A = -0.75): number {
  const x = Math.abs(d);
  if (x <= 1) return (A + 2) * x ** 3 - (A + 3) * x ** 2 + 1;
  if (x < 2) return A * x ** 3 - 5 * A * x ** 2 + 8 * A * x - 4 * A;
  return 0;
}

const EPS = 1e-9;

/** The taps of output index `o` on one axis (weights of clamped duplicates are kept separate). */
export function resizeTaps(layer: ResizeLayer, axis: 'h' | 'w', o: number, nIn: number): Tap[] {
  const x = original(layer, axis, o, nIn);
  const clamp = (i: number) => Math.min(Math.max(i, 0), nIn - 1);
  const tap = (raw: number, weight: number): Tap => ({ index: clamp(raw), raw, weight });
  const fl = Math.floor(x + EPS);
  const frac = x - fl;
  const integral = Math.abs(frac) < EPS;
  if (layer.mode === 'nearest') {
    const tie = Math.abs(frac - 0.5) < EPS;
    const mode = layer.nearest ?? 'round_prefer_floor';
    const i =
      mode === 'floor'
        ? fl
        : mode === 'ceil'
          ? integral
            ? fl
            : fl + 1
          : tie
            ? mode === 'round_prefer_floor'
              ? fl
              : fl + 1
            : Math.round(x);
    return [tap(i, 1)];
  }
  if (integral) return [tap(fl, 1)];
  if (layer.mode === 'linear') return [tap(fl, 1 - frac), tap(fl + 1, frac)];
  return [-1, 0, 1, 2].map((k) => tap(fl + k, cubic(x - (fl + k))));
}
