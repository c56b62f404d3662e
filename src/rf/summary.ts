/**
 * Per-axis summary of a node's tracks: the numbers a layer table shows.
 * r = the largest unclipped region extent (hi − lo + 1, holes of dilation included) over the map's
 * actual units; uniform = every unit u's unclipped region is exactly [u·S − P, u·S − P + r − 1] on the
 * unbounded grid. Then P is exact; otherwise P = r/2 − start (the r-wide window centred on unit 0's
 * centre) and the exact per-unit regions come from unitRegion / traceUnit.
 */
import type { Track } from './tracks.ts';
import { regionAt } from './tracks.ts';
import { addExact, lcmInt, subExact } from './math.ts';
import { ratio, ratioEquals, RatioOverflow, type Ratio } from './ratio.ts';
import { effectivePadding } from './recurrences.ts';

export interface AxisSummary {
  jump: Ratio;
  start: Ratio;
  rf: number;
  stride: Ratio;
  padding: Ratio;
  uniform: boolean;
}

/** Units evaluated one by one at most (only for maps mixing different strides); beyond that: too large. */
const MAX_SCAN = 1 << 22;

/** Summary of a local node with at least one track and n units on this axis. */
export function summarizeTracks(tracks: Track[], n: number): AxisSummary {
  const first = tracks[0];
  if (first === undefined) throw new Error('a local node has at least one track');
  const { jump, start } = first;
  const uniform = tracks.every((t) => t.period === 1 && t.lo[0] !== null && ratioEquals(t.jump, jump));
  if (uniform) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of tracks) {
      lo = Math.min(lo, t.lo[0] ?? 0);
      hi = Math.max(hi, t.hi[0] ?? 0);
    }
    return { jump, start, rf: addExact(subExact(hi, lo), 1), stride: jump, padding: ratio(-lo), uniform };
  }
  const sameJump = tracks.every((t) => ratioEquals(t.jump, jump));
  // With one common jump the extents repeat with the common period, so one period of units suffices.
  const units = sameJump
    ? Math.min(
        n,
        tracks.reduce((p, t) => lcmInt(p, t.period), 1),
      )
    : n;
  if (units > MAX_SCAN)
    throw new RatioOverflow(
      `its map mixes strides over ${units} units; at most ${MAX_SCAN.toLocaleString('en-US')} are scanned exactly.`,
    );
  let rf = 0;
  for (let u = 0; u < units; u++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of tracks) {
      const r = regionAt(t, u);
      if (r === null) continue;
      lo = Math.min(lo, r.lo);
      hi = Math.max(hi, r.hi);
    }
    if (lo !== Infinity) rf = Math.max(rf, addExact(subExact(hi, lo), 1));
  }
  return { jump, start, rf, stride: jump, padding: effectivePadding(rf, start), uniform };
}

/**
 * Summary of a node after a global layer: every unit sees the whole input of size N. Reported as
 * r = N, centre N/2, S = N (one unit per image), P = 0, with the node's `global` flag set.
 */
export function globalSummary(inputSize: number): AxisSummary {
  const whole = ratio(inputSize);
  return {
    jump: whole,
    start: ratio(inputSize, 2),
    rf: inputSize,
    stride: whole,
    padding: ratio(0),
    uniform: true,
  };
}
