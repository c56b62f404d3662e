/**
 * Which units of a layer's input a given output unit reads (its window), per axis.
 * Unclipped windows live on the unbounded grid (padding cells included as virtual units); clipped ones
 * keep only real input units, because padding cells do not depend on the input.
 */
import { effectiveKernel, type Op1D } from './op1d.ts';
import { RatioOverflow } from './ratio.ts';
import { addExact, ceilDiv, floorDiv, mulExact, subExact } from './math.ts';
import { clipIntervals, normalizeIntervals, type Interval } from './intervals.ts';
import { resampleTaps } from './resample.ts';

/**
 * The input units read by output unit u, unclipped and possibly with repeats:
 * window: u·s − p_before + t·d; transposed: i with u = i·s − p_before + t·d; upsample nearest: ⌊u/f⌋,
 * bilinear: ⌊x⌋ and ⌊x⌋ + 1 with x = (u + ½)/f − ½ (only ⌊x⌋ when x is an integer); pad: u − before.
 * `global` has no finite window and returns [].
 */
export function windowOf(op: Op1D, u: number): number[] {
  switch (op.kind) {
    case 'window': {
      const out: number[] = [];
      const first = subExact(mulExact(u, op.s), op.before);
      for (let t = 0; t < op.k; t++) out.push(addExact(first, mulExact(t, op.d)));
      return out;
    }
    case 'transposed': {
      const out: number[] = [];
      for (let t = 0; t < op.k; t++) {
        const x = u + op.before - t * op.d;
        if (x % op.s === 0) out.push(x / op.s);
      }
      return out;
    }
    case 'upsample': {
      if (op.mode === 'nearest') return [floorDiv(u, op.f)];
      // x = (2u + 1 − f) / (2f) in input units; integer x reads one unit, otherwise two.
      const num = 2 * u + 1 - op.f;
      const lo = floorDiv(num, 2 * op.f);
      return num % (2 * op.f) === 0 ? [lo] : [lo, lo + 1];
    }
    case 'resample':
      return resampleTaps(op, u);
    case 'shift':
      return [u - op.before];
    case 'identity':
      return [u];
    case 'global':
      return [];
  }
}

/**
 * The exact set of input units that the output units in `set` read (a union of windows), as merged
 * intervals; with `clip`, restricted to real units [0, nIn) at this layer (bilinear clamps instead,
 * as the resampling itself does). A `global` op reads the whole input [0, nIn − 1].
 */
export function preimage(op: Op1D, set: Interval[], nIn: number, clip: boolean): Interval[] {
  if (preimageParts(op, set) > MAX_TRACE_PARTS) throw new RatioOverflow(TRACE_REASON);
  const parts: Interval[] = [];
  for (const { lo: a, hi: b } of set) {
    switch (op.kind) {
      case 'window': {
        const kEff = effectiveKernel(op.k, op.d);
        const at = (u: number, t: number) =>
          addExact(subExact(mulExact(u, op.s), op.before), mulExact(t, op.d));
        if (op.s === 1 || (op.d === 1 && op.k >= op.s)) {
          // Consecutive windows overlap or touch, so per tap (d > 1) or in one piece (d = 1) the union is contiguous.
          if (op.d === 1) parts.push({ lo: at(a, 0), hi: addExact(at(b, 0), kEff - 1) });
          else for (let t = 0; t < op.k; t++) parts.push({ lo: at(a, t), hi: at(b, t) });
        } else {
          for (let u = a; u <= b; u++) {
            if (op.d === 1) parts.push({ lo: at(u, 0), hi: at(u, op.k - 1) });
            else
              for (let t = 0; t < op.k; t++) {
                const x = at(u, t);
                parts.push({ lo: x, hi: x });
              }
          }
        }
        break;
      }
      case 'transposed':
        // For a fixed tap t, u = i·s − p + t·d over u ∈ [a, b] gives a contiguous range of i.
        for (let t = 0; t < op.k; t++) {
          const back = mulExact(t, op.d);
          parts.push({
            lo: ceilDiv(subExact(addExact(a, op.before), back), op.s),
            hi: floorDiv(subExact(addExact(b, op.before), back), op.s),
          });
        }
        break;
      case 'upsample': {
        const first = windowOf(op, a);
        const last = windowOf(op, b);
        // Read positions are non-decreasing in u and advance by at most one unit, so the union is contiguous.
        let lo = first[0] ?? 0;
        let hi = last[last.length - 1] ?? 0;
        if (clip && op.mode === 'bilinear') {
          lo = Math.min(Math.max(lo, 0), nIn - 1);
          hi = Math.min(Math.max(hi, 0), nIn - 1);
        }
        parts.push({ lo, hi });
        break;
      }
      case 'resample':
        // Windows are monotone in u but may skip input units (downsampling): take them one by one,
        // extending the last part while they touch it.
        for (let u = a; u <= b; u++) {
          const taps = resampleTaps(op, u);
          let lo = taps[0]!;
          let hi = taps[taps.length - 1]!;
          if (clip) {
            // Runtimes clamp read positions to the edge unit.
            lo = Math.min(Math.max(lo, 0), nIn - 1);
            hi = Math.min(Math.max(hi, 0), nIn - 1);
          }
          const last = parts[parts.length - 1];
          if (last !== undefined && lo >= last.lo && lo <= last.hi + 1) last.hi = Math.max(last.hi, hi);
          else parts.push({ lo, hi });
        }
        break;
      case 'shift':
        parts.push({ lo: subExact(a, op.before), hi: subExact(b, op.before) });
        break;
      case 'identity':
        parts.push({ lo: a, hi: b });
        break;
      case 'global':
        parts.push({ lo: 0, hi: nIn - 1 });
        break;
    }
  }
  const merged = normalizeIntervals(parts);
  return clip ? clipIntervals(merged, nIn) : merged;
}

/** Intervals one preimage call may build at most (about 32 MB); beyond it a trace is refused as too large. */
export const MAX_TRACE_PARTS = 1 << 20;

const TRACE_REASON = `tracing this unit would build more than ${MAX_TRACE_PARTS.toLocaleString('en-US')} separate intervals on one axis (dilation holes multiply them); the engine refuses rather than exhaust memory.`;

/** How many intervals `preimage` would build before merging (a float estimate is enough for a cap). */
function preimageParts(op: Op1D, set: Interval[]): number {
  if (op.kind === 'resample') return set.reduce((n, { lo, hi }) => n + (hi - lo + 1), 0);
  if (op.kind !== 'window' && op.kind !== 'transposed') return set.length;
  let n = 0;
  for (const { lo, hi } of set) {
    if (op.kind === 'transposed' || op.s === 1 || (op.d === 1 && op.k >= op.s))
      n += op.d === 1 && op.kind === 'window' ? 1 : op.k;
    else n += (hi - lo + 1) * (op.d === 1 ? 1 : op.k);
    if (n > MAX_TRACE_PARTS) return n;
  }
  return n;
}
