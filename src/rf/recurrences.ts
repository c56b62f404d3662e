/**
 * The per-layer recurrences of the lecture, on one axis, in input-pixel units.
 * Lecture convention: input pixel i spans [i, i + 1); j = jump (distance between consecutive feature
 * centres), r = RF size, start = centre of feature 0 (start₀ = ½).
 * Distill convention (Araujo, Norris & Sim 2019): unit u's RF is [u·S − P, u·S − P + r − 1]
 * (0-based inclusive pixels), with effective stride S = j and effective padding P = r/2 − start.
 */
import type { Op1D } from './op1d.ts';
import { effectiveKernel } from './op1d.ts';
import { addExact, ceilDiv, floorDiv, mulExact, subExact } from './math.ts';
import { HALF, ratio, ratioAdd, ratioDiv, ratioMul, ratioSub, type Ratio } from './ratio.ts';

/**
 * Output feature count n_out (may be ≤ 0, which the caller reports as a vanishing map; RatioOverflow when
 * an intermediate sum exceeds MAX_EXACT):
 * window: ⌊(n + p_before + p_after − k_eff)/s⌋ + 1 (⌈⌉ in ceil mode, minus one if the last window would
 * start at or beyond n + p_before, as PyTorch does); transposed: (n − 1)·s − p_before − p_after + k_eff +
 * output_padding; upsample: n·f; resample: its given size; pad/crop: n + before + after; global: 1.
 */
export function outputSize(op: Op1D, n: number): number {
  switch (op.kind) {
    case 'window': {
      const span = subExact(addExact(addExact(n, op.before), op.after), effectiveKernel(op.k, op.d));
      if (!op.ceil) return floorDiv(span, op.s) + 1;
      let out = ceilDiv(span, op.s) + 1;
      if (mulExact(out - 1, op.s) >= addExact(n, op.before)) out -= 1;
      return out;
    }
    case 'transposed': {
      const grown = mulExact(n - 1, op.s);
      const cut = subExact(subExact(grown, op.before), op.after);
      return addExact(addExact(cut, effectiveKernel(op.k, op.d)), op.outPad);
    }
    case 'upsample':
      return mulExact(n, op.f);
    case 'resample':
      return op.n;
    case 'shift':
      return addExact(addExact(n, op.before), op.after);
    case 'identity':
      return n;
    case 'global':
      return 1;
  }
}

/** Jump after the layer, in input pixels: j_out = j_in·s (window), j_in/s (transposed), j_in/f (upsample), j_in·b/c (resample), else j_in. */
export function jump(op: Op1D, jIn: Ratio): Ratio {
  switch (op.kind) {
    case 'window':
      return ratioMul(jIn, ratio(op.s));
    case 'transposed':
      return ratioDiv(jIn, ratio(op.s));
    case 'upsample':
      return ratioDiv(jIn, ratio(op.f));
    case 'resample':
      return ratioMul(jIn, ratio(op.b, op.c));
    default:
      return jIn;
  }
}

/**
 * Centre of output feature 0 in input coordinates (pixel i spans [i, i+1)):
 * window: start + ((k_eff − 1)/2 − p_before)·j; transposed: start + (p_before − (k_eff − 1)/2)·j/s;
 * upsample: start + (1/(2f) − ½)·j; resample: start + (a/c)·j; pad: start − before·j; otherwise unchanged.
 */
export function startCentre(op: Op1D, startIn: Ratio, jIn: Ratio): Ratio {
  switch (op.kind) {
    case 'window': {
      // offset = ((k_eff − 1) − 2·p_before)/2, kept as a half-integer to spare intermediate ratios.
      const twice = subExact(effectiveKernel(op.k, op.d) - 1, mulExact(2, op.before));
      if (jIn.den === 1 && Math.abs(twice * jIn.num) < 2 ** 52)
        return ratioAdd(startIn, ratio(twice * jIn.num, 2));
      return ratioAdd(startIn, ratioMul(ratio(twice, 2), jIn));
    }
    case 'transposed': {
      const offset = ratioSub(ratio(op.before), ratio(effectiveKernel(op.k, op.d) - 1, 2));
      return ratioAdd(startIn, ratioMul(offset, ratioDiv(jIn, ratio(op.s))));
    }
    case 'upsample':
      return ratioAdd(startIn, ratioMul(ratioSub(ratio(1, 2 * op.f), HALF), jIn));
    case 'resample':
      // The centre of unit 0 is the continuous position it samples, x(0) = a/c input units.
      return ratioAdd(startIn, ratioMul(ratio(op.a, op.c), jIn));
    case 'shift':
      return ratioSub(startIn, ratioMul(ratio(op.before), jIn));
    default:
      return startIn;
  }
}

/** RF size after a window layer on an integer-jump path: r_out = r_in + (k_eff − 1)·j_in (input pixels). */
export function rfSize(rIn: number, jIn: number, kEff: number): number {
  return addExact(rIn, mulExact(kEff - 1, jIn));
}

/** Distill's forward recurrence for effective padding: P_out = P_in + p_before·S_in (pixels; pad layers too). */
export function effectivePaddingStep(pIn: Ratio, sIn: Ratio, before: number): Ratio {
  return ratioAdd(pIn, ratioMul(ratio(before), sIn));
}

/** Distill's effective padding from the lecture's quantities: P = r/2 − start (pixels). */
export function effectivePadding(r: number, start: Ratio): Ratio {
  return ratioSub(ratio(r, 2), start);
}

/** Distill's effective stride: S = j (the same quantity under another name; pixels per feature). */
export function effectiveStride(j: Ratio): Ratio {
  return j;
}
