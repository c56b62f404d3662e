/**
 * Resampling to any size by the ONNX Resize sampling rule (one axis).
 *
 * Output unit u samples the continuous input position x(u) = (a + b·u)/c, an affine rule with
 * integers a, b, c (c > 0) derived from the coordinate transformation mode, and reads the input
 * units its interpolation kernel touches at x. Per the ONNX spec, with scale s = n_out/n_in (or the
 * given scale) and input index units:
 * - half_pixel: x = (u + ½)/s − ½; pytorch_half_pixel: the same, but x = 0 when n_out = 1;
 * - align_corners: x = u·(n_in − 1)/(n_out − 1) (x = 0 when either size is 1);
 * - asymmetric: x = u/s; tf_half_pixel_for_nn: x = (u + ½)/s.
 * Kernels: nearest rounds x (round_prefer_floor / round_prefer_ceil: to the nearest unit, ties down
 * or up; floor; ceil); linear reads ⌊x⌋ and ⌊x⌋ + 1 (only x when x is an integer, whose other
 * weight is 0); cubic reads ⌊x⌋ − 1 … ⌊x⌋ + 2 (only x when x is an integer).
 * The rule is applied on the unbounded grid (the unclipped window); runtimes clamp read positions
 * to [0, n_in − 1], which is what clipped windows do.
 */
import type { Op1D } from './op1d.ts';
import { floorDiv, gcdInt } from './math.ts';

export type ResampleTaps = 'round-prefer-floor' | 'round-prefer-ceil' | 'floor' | 'ceil' | 'linear' | 'cubic';

export type ResampleOp = Extract<Op1D, { kind: 'resample' }>;

/** The input units (unclamped) output unit u reads: x(u) = (a + b·u)/c rounded or interpolated. */
export function resampleTaps(op: ResampleOp, u: number): number[] {
  const num = op.a + op.b * u;
  const q = floorDiv(num, op.c);
  const r = num - q * op.c;
  switch (op.taps) {
    case 'floor':
      return [q];
    case 'ceil':
      return [r === 0 ? q : q + 1];
    case 'round-prefer-floor':
      return [2 * r > op.c ? q + 1 : q];
    case 'round-prefer-ceil':
      return [2 * r >= op.c ? q + 1 : q];
    case 'linear':
      return r === 0 ? [q] : [q, q + 1];
    case 'cubic':
      return r === 0 ? [q] : [q - 1, q, q + 1, q + 2];
  }
}

/**
 * Smallest output period P (a multiple of c/gcd(b, c)) such that u → u + P shifts every window by a
 * multiple of `inPeriod` input units; returns it with that shift in input units.
 */
export function resamplePeriod(op: ResampleOp, inPeriod: number): { period: number; shift: number } {
  const g = gcdInt(Math.abs(op.b), op.c) || op.c;
  const p0 = op.c / g;
  const q0 = Math.abs(op.b) / g;
  const m = q0 === 0 ? 1 : inPeriod / gcdInt(inPeriod, q0);
  return { period: m * p0, shift: (m * op.b) / g };
}

/** The sampling rule a, b, c for one axis (see the module comment); all sizes ≥ 1, scale > 0. */
export function resampleRule(
  coordinate: string,
  nIn: number,
  nOut: number,
  scale: { num: number; den: number },
): { a: number; b: number; c: number; constant: boolean } | null {
  const { num, den } = scale;
  let rule: { a: number; b: number; c: number } | null;
  switch (coordinate) {
    case 'half_pixel':
      rule = { a: den - num, b: 2 * den, c: 2 * num };
      break;
    case 'pytorch_half_pixel':
      rule = nOut > 1 ? { a: den - num, b: 2 * den, c: 2 * num } : null;
      break;
    case 'align_corners':
      rule = nOut > 1 && nIn > 1 ? { a: 0, b: nIn - 1, c: nOut - 1 } : null;
      break;
    case 'asymmetric':
      rule = { a: 0, b: den, c: num };
      break;
    case 'tf_half_pixel_for_nn':
      rule = { a: den, b: 2 * den, c: 2 * num };
      break;
    default:
      return null;
  }
  // x = 0 for every unit (n_in or n_out is 1): written as ⌊u·n_in/n_out⌋, which is 0 for 0 ≤ u < n_out.
  if (rule === null) return { a: 0, b: nIn, c: nOut, constant: true };
  const g = gcdInt(gcdInt(Math.abs(rule.a), rule.b), rule.c) || 1;
  return { a: rule.a / g, b: rule.b / g, c: rule.c / g, constant: false };
}
