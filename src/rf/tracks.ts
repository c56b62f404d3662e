/**
 * Exact unclipped RF bounds of every unit of a feature map, as a periodic rule ("track").
 *
 * One track describes the paths into a node that share a jump and a start (aligned paths). For unit
 * u = q·T + φ (0 ≤ φ < T), its unclipped region in input pixels is [lo[φ] + q·step, hi[φ] + q·step],
 * where step = T·jump is an integer; lo[φ] = null means the unit reads no input at all (a transposed
 * convolution with k < s leaves such gaps). T = 1 for conv/pool/pad stacks; transposed convolution and
 * upsampling multiply it, later strides divide it again.
 */
import type { Op1D } from './op1d.ts';
import { addExact, gcdInt, lcmInt, floorDiv, mulExact } from './math.ts';
import { isIntegerRatio, ratio, ratioEquals, ratioMul, RatioOverflow, type Ratio } from './ratio.ts';
import { jump, startCentre } from './recurrences.ts';
import { windowOf } from './windows.ts';
import { resamplePeriod } from './resample.ts';

export interface Track {
  jump: Ratio;
  start: Ratio;
  period: number;
  step: number;
  lo: (number | null)[];
  hi: number[];
}

/** Periods above this are refused (reported as too large) to bound memory and time. */
export const MAX_PERIOD = 1 << 16;

/** Window taps evaluated per layer on periodic tracks at most (period × kernel); beyond it: too large. */
export const MAX_TAPS = 1 << 22;

const PERIOD_REASON = `its units repeat with a period above ${MAX_PERIOD.toLocaleString('en-US')} (mixed fractional strides), more than the engine evaluates exactly.`;

/** The input image itself: unit u is pixel u, jump 1, start ½. */
export function inputTrack(): Track {
  return { jump: ratio(1), start: ratio(1, 2), period: 1, step: 1, lo: [0], hi: [0] };
}

/** Unclipped region of unit u on this track, or null if it reads nothing. */
export function regionAt(track: Track, u: number): { lo: number; hi: number } | null {
  const q = floorDiv(u, track.period);
  const phase = u - q * track.period;
  const lo = track.lo[phase];
  const hi = track.hi[phase];
  if (lo === null || lo === undefined || hi === undefined) return null;
  const shift = mulExact(q, track.step);
  return { lo: addExact(lo, shift), hi: addExact(hi, shift) };
}

/** The track after one layer: each phase's bounds are the min/max over its window (exact, no estimates). */
export function trackThrough(track: Track, op: Op1D): Track {
  if (op.kind === 'identity') return track;
  const simple = simpleThrough(track, op);
  if (simple !== null) return simple;
  const period =
    op.kind === 'window'
      ? track.period / gcdInt(track.period, op.s)
      : op.kind === 'transposed'
        ? track.period * op.s
        : op.kind === 'upsample'
          ? track.period * op.f
          : op.kind === 'resample'
            ? resamplePeriod(op, track.period).period
            : track.period;
  if (period > MAX_PERIOD) throw new RatioOverflow(PERIOD_REASON);
  const taps = op.kind === 'window' || op.kind === 'transposed' ? op.k : 2;
  if (period * taps > MAX_TAPS)
    throw new RatioOverflow(
      `its periodic pattern (period ${period}, kernel ${taps}) needs more than ${MAX_TAPS.toLocaleString('en-US')} window taps to evaluate exactly.`,
    );
  const j = jump(op, track.jump);
  const lo: (number | null)[] = [];
  const hi: number[] = [];
  for (let u = 0; u < period; u++) {
    let a = Infinity;
    let b = -Infinity;
    for (const i of windowOf(op, u)) {
      const r = regionAt(track, i);
      if (r === null) continue;
      if (r.lo < a) a = r.lo;
      if (r.hi > b) b = r.hi;
    }
    lo.push(a === Infinity ? null : a);
    hi.push(b === -Infinity ? 0 : b);
  }
  return reducePeriod({
    jump: j,
    start: startCentre(op, track.start, track.jump),
    period,
    step: stepOf(period, j),
    lo,
    hi,
  });
}

/**
 * Fast path for the common case (period 1, integer jump J, window or pad layer): unit i spans
 * [lo + i·J, hi + i·J], so the window's union is [lo + (−p_before)·J, hi + (−p_before + k_eff − 1)·J].
 * The same numbers the general loop would find, without allocating windows.
 */
function simpleThrough(track: Track, op: Op1D): Track | null {
  const lo = track.lo[0];
  const hi = track.hi[0];
  if (track.period !== 1 || lo === null || lo === undefined || hi === undefined) return null;
  const J = track.step;
  let first: number;
  let last: number;
  if (op.kind === 'window') {
    first = -op.before;
    last = addExact(-op.before, mulExact(op.d, op.k - 1));
  } else if (op.kind === 'shift') {
    first = last = -op.before;
  } else return null;
  const out: Track = {
    jump: jump(op, track.jump),
    start: startCentre(op, track.start, track.jump),
    period: 1,
    step: op.kind === 'window' ? mulExact(J, op.s) : J,
    lo: [addExact(lo, mulExact(first, J))],
    hi: [addExact(hi, mulExact(last, J))],
  };
  return out;
}

function stepOf(period: number, j: Ratio): number {
  const step = ratioMul(ratio(period), j);
  if (!isIntegerRatio(step)) throw new Error('period·jump must be an integer');
  return step.num;
}

/** Shrinks the period to its smallest divisor that still describes the same rule. */
function reducePeriod(track: Track): Track {
  const T = track.period;
  for (let p = 1; p < T; p++) {
    if (T % p !== 0) continue;
    const pj = ratioMul(ratio(p), track.jump);
    if (!isIntegerRatio(pj)) continue;
    let same = true;
    for (let u = 0; u + p < T && same; u++) {
      const a = track.lo[u] ?? null;
      const b = track.lo[u + p] ?? null;
      if (a === null || b === null) same = a === b;
      else same = b === a + pj.num && track.hi[u + p] === (track.hi[u] ?? 0) + pj.num;
    }
    if (same)
      return {
        jump: track.jump,
        start: track.start,
        period: p,
        step: pj.num,
        lo: track.lo.slice(0, p),
        hi: track.hi.slice(0, p),
      };
  }
  return track;
}

/** Union of two aligned tracks (same jump and start): phase-wise min of lo and max of hi. */
export function mergeTracks(a: Track, b: Track): Track {
  if (a === b) return a;
  const [la, ha, lb, hb] = [a.lo[0], a.hi[0], b.lo[0], b.hi[0]];
  if (a.period === 1 && b.period === 1 && la != null && lb != null && ha !== undefined && hb !== undefined)
    return la <= lb && ha >= hb
      ? a
      : {
          jump: a.jump,
          start: a.start,
          period: 1,
          step: a.step,
          lo: [Math.min(la, lb)],
          hi: [Math.max(ha, hb)],
        };
  const period = lcmInt(a.period, b.period);
  if (period > MAX_PERIOD) throw new RatioOverflow(PERIOD_REASON);
  const lo: (number | null)[] = [];
  const hi: number[] = [];
  for (let u = 0; u < period; u++) {
    const ra = regionAt(a, u);
    const rb = regionAt(b, u);
    const r =
      ra === null ? rb : rb === null ? ra : { lo: Math.min(ra.lo, rb.lo), hi: Math.max(ra.hi, rb.hi) };
    lo.push(r === null ? null : r.lo);
    hi.push(r === null ? 0 : r.hi);
  }
  return reducePeriod({ jump: a.jump, start: a.start, period, step: stepOf(period, a.jump), lo, hi });
}

/** Adds a track to a list, merging it into an aligned one (same jump and start) when there is one. */
export function addTrack(list: Track[], track: Track): Track[] {
  const index = list.findIndex((t) => ratioEquals(t.jump, track.jump) && ratioEquals(t.start, track.start));
  if (index < 0) return [...list, track];
  const out = list.slice();
  out[index] = mergeTracks(list[index] as Track, track);
  return out;
}
