/**
 * The progressive ERF run: one draw of weights and inputs per step, each step yielding the running
 * average map with its metrics, so a worker can post an image after every draw and stop any time.
 */
import type { Axes } from '../types';
import { MAX_INPUT_SIDE, resolveErfConfig, type ErfError, type ResolvedErfConfig } from './config';
import { coneLength, networkGeometry, type AxisGeometry, type Interval } from './geometry';
import { erfMetrics, type ErfMetrics } from './metrics';
import { createErfNetwork } from './network';
import { createRng } from './prng';

/** Largest number of cone values (all layers, all channels) a run may hold in memory. */
export const MAX_CONE_VALUES = 16_000_000;

/** Largest number of multiply–accumulates one draw may need (about 10 s at 1 GMAC/s). */
export const MAX_MACS_PER_DRAW = 10_000_000_000;

/**
 * Largest number of multiply–accumulates a whole run may need, all draws together (about 30 s at
 * 1 GMAC/s); the per-draw cap alone let `draws` multiply the work ten-thousandfold.
 */
export const MAX_MACS_TOTAL = 30_000_000_000;

/** One step of a run: the running average after `done` of `total` draws. */
export interface ErfFrame {
  done: number;
  total: number;
  width: number;
  height: number;
  /** Running mean over draws of the per-pixel statistic (|g| or g², averaged over input channels); row-major, a fresh copy. */
  map: Float64Array;
  metrics: ErfMetrics;
}

/** A prepared run; `step()` performs one draw. */
export interface ErfRun extends Iterable<ErfFrame> {
  config: ResolvedErfConfig;
  geometry: Axes<AxisGeometry>;
  width: number;
  height: number;
  total: number;
  /** Multiply–accumulates one draw performs (forward + backward); a deterministic config (uniform, linear) runs it once. */
  macsPerDraw: number;
  /** Multiply–accumulates performed so far (FLOPs = 2 × this). */
  macsDone(): number;
  /** Draws done so far. */
  drawsDone(): number;
  /** Runs the next draw; undefined once all draws are done. */
  step(): ErfFrame | undefined;
  /** Runs the next draw without building its frame; false once all draws are done. */
  advance(): boolean;
  /** `advance` in slices (one network layer each), like `stepSliced`. */
  advanceSliced(): Generator<void, boolean>;
  /** The frame after the draws done so far (undefined before the first). */
  current(): ErfFrame | undefined;
  /**
   * The next draw in slices (one network layer each); returns its frame, or undefined once all
   * draws are done. A run whose sliced step is abandoned midway must be discarded.
   */
  stepSliced(): Generator<void, ErfFrame | undefined>;
}

/** Either a run or the list of field-named problems. */
export type ErfRunCheck = { ok: true; run: ErfRun } | { ok: false; errors: ErfError[] };

/** Either the final frame or the list of field-named problems. */
export type ErfResult = { ok: true; frame: ErfFrame } | { ok: false; errors: ErfError[] };

/** What the reader can reduce, naming the input size only when one was given (the default is the RF). */
function shrinkable(config: ResolvedErfConfig, draws: boolean): string {
  const parts = [
    ...(draws ? ['the draws'] : []),
    ...(config.inputSize === 'auto' ? [] : ['the input size']),
    'the kernel',
    'channels',
    'layers',
  ];
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** Checks limits that depend on the whole geometry: input side ≤ MAX_INPUT_SIDE, work ≤ MAX_MACS_PER_DRAW, cone values ≤ MAX_CONE_VALUES. */
function checkGeometry(config: ResolvedErfConfig, geometry: Axes<AxisGeometry>): ErfError[] {
  const rf = geometry.h.theoreticalRf;
  if (config.inputSize === 'auto' && rf > MAX_INPUT_SIDE) {
    return [
      {
        field: 'inputSize',
        message: `inputSize 'auto' would be the theoretical RF, ${rf} px, over the ${MAX_INPUT_SIDE} px limit; choose a fixed inputSize or fewer layers, smaller strides or dilations`,
      },
    ];
  }
  let values = 0;
  let units = 0;
  for (let l = 0; l <= config.layers; l++) {
    const area = coneLength(geometry.h.cones[l] as Interval) * coneLength(geometry.w.cones[l] as Interval);
    values += area;
    if (l > 0) units += area;
  }
  values *= config.channels;
  if (values > MAX_CONE_VALUES) {
    return [
      {
        field: 'inputSize',
        code: 'memory-too-large',
        params: { values, max: MAX_CONE_VALUES },
        message: `${config.inputSize === 'auto' ? `inputSize 'auto' (the theoretical RF, ${rf} px)` : 'inputSize too large for this network: it'} needs ${values} values in memory (limit ${MAX_CONE_VALUES}); reduce ${shrinkable(config, false)}`,
      },
    ];
  }
  const macs = 2 * units * config.channels * config.channels * config.kernel * config.kernel;
  if (macs > MAX_MACS_PER_DRAW) {
    return [
      {
        field: 'config',
        code: 'draw-too-large',
        params: { macs, max: MAX_MACS_PER_DRAW },
        message: `one draw would need about ${macs.toExponential(1)} multiply–accumulates (limit ${MAX_MACS_PER_DRAW.toExponential(0)}); reduce ${shrinkable(config, false)}`,
      },
    ];
  }
  // A deterministic config (uniform weights, no nonlinearity) computes its one distinct draw once.
  const draws = config.weights === 'uniform' && config.activation === 'none' ? 1 : config.draws;
  const total = macs * draws;
  if (total > MAX_MACS_TOTAL) {
    return [
      {
        field: 'draws',
        code: 'run-too-large',
        params: { macs: total, max: MAX_MACS_TOTAL, draws: config.draws },
        message: `${config.draws} draws would need about ${total.toExponential(1)} multiply–accumulates in total (limit ${MAX_MACS_TOTAL.toExponential(0)}); reduce ${shrinkable(config, true)}`,
      },
    ];
  }
  return [];
}

/** Prepares a progressive run (never throws): validates, lays out the cone, seeds the stream. */
export function createErfRun(input: unknown): ErfRunCheck {
  try {
    const check = resolveErfConfig(input);
    if (!check.ok) return check;
    const config = check.config;
    const geometry = networkGeometry(config);
    const errors = checkGeometry(config, geometry);
    if (errors.length > 0) return { ok: false, errors };
    const width = geometry.w.inputSize;
    const height = geometry.h.inputSize;
    const network = createErfNetwork(config, geometry);
    const rng = createRng(config.seed);
    const sum = new Float64Array(width * height);
    // Uniform weights without a nonlinearity: every draw gives the same gradient; compute it once.
    const deterministic = config.weights === 'uniform' && config.activation === 'none';
    let first: Float64Array | undefined;
    let done = 0;
    let macs = 0;
    const centre = { h: geometry.h.centre, w: geometry.w.centre };
    const rf = { h: geometry.h.theoreticalRf, w: geometry.w.theoreticalRf };
    // One draw in slices; false once all draws are done. A deterministic config draws once: every
    // further draw gives the same gradient, so its mean stays that draw and costs nothing.
    function* advanceSliced(): Generator<void, boolean> {
      if (done >= config.draws) return false;
      if (!(deterministic && first)) {
        yield* network.drawSlices(rng, sum);
        macs += network.macsPerDraw;
        if (deterministic) first = sum.slice();
      }
      done++;
      return true;
    }
    let cached: ErfMetrics | undefined;
    // The running average and its metrics, built only for frames that are shown.
    const current = (): ErfFrame | undefined => {
      if (done === 0) return undefined;
      const map = new Float64Array(sum.length);
      for (let i = 0; i < sum.length; i++) {
        // A deterministic draw's mean is the draw itself (no rounding from sum / done).
        const v = first ? (first[i] as number) : (sum[i] as number) / done;
        map[i] = Number.isFinite(v) ? v : 0;
      }
      const metrics = first && cached ? cached : erfMetrics({ data: map, width, height }, centre, rf);
      if (first) cached = metrics;
      return { done, total: config.draws, width, height, map, metrics };
    };
    function* stepSliced(): Generator<void, ErfFrame | undefined> {
      return (yield* advanceSliced()) ? current() : undefined;
    }
    const advance = (): boolean => {
      const slices = advanceSliced();
      for (;;) {
        const next = slices.next();
        if (next.done) return next.value;
      }
    };
    const step = (): ErfFrame | undefined => (advance() ? current() : undefined);
    const run: ErfRun = {
      config,
      geometry,
      width,
      height,
      total: config.draws,
      macsPerDraw: network.macsPerDraw,
      macsDone: () => macs,
      drawsDone: () => done,
      step,
      advance,
      advanceSliced,
      current,
      stepSliced,
      *[Symbol.iterator](): Generator<ErfFrame> {
        for (let frame = step(); frame; frame = step()) yield frame;
      },
    };
    return { ok: true, run };
  } catch (error) {
    return { ok: false, errors: [{ field: 'config', message: `simulation failed: ${String(error)}` }] };
  }
}

/** Runs all draws at once (never throws) and returns the final frame. */
export function simulateErf(input: unknown): ErfResult {
  const created = createErfRun(input);
  if (!created.ok) return created;
  try {
    // Only the final frame is shown, so only its map and metrics are computed.
    while (created.run.advance());
    const last = created.run.current();
    if (!last) return { ok: false, errors: [{ field: 'draws', message: 'no draw was run' }] };
    return { ok: true, frame: last };
  } catch (error) {
    return { ok: false, errors: [{ field: 'config', message: `simulation failed: ${String(error)}` }] };
  }
}
