/**
 * View model of the ERF playground: the settings a reader edits (with range checks that name the
 * field), their compact form in the URL, the simulation config they stand for, the CLT prediction,
 * and the data of the two small charts (central profile with its Gaussian fit, ERF size vs √n).
 */
import type { ErfActivation, ErfAveraging, ErfConfig, ErfWeights } from '../../src/rf/erf/config';
import { theoreticalRf } from '../../src/rf/erf/geometry';
import type { ErfMetrics } from '../../src/rf/erf/metrics';
import type { Locale } from '../../src/i18n';
import {
  checkWhole,
  formatNumber as formatKitNumber,
  formatPercent as formatKitPercent,
  type NumberStyle,
} from './parts/number';

/** Everything the reader sets. */
export interface PlaygroundState {
  layers: number;
  kernel: number;
  dilation: number;
  /** How many of the first layers have stride 2 (subsampling); the rest have stride 1. */
  strided: number;
  residual: boolean;
  channels: number;
  activation: ErfActivation;
  weights: ErfWeights;
  draws: number;
  averaging: ErfAveraging;
  seed: number;
}

export const DEFAULT_PLAYGROUND: Readonly<PlaygroundState> = {
  layers: 10,
  kernel: 3,
  dilation: 1,
  strided: 0,
  residual: false,
  channels: 4,
  activation: 'none',
  weights: 'uniform',
  draws: 16,
  averaging: 'abs',
  seed: 1,
};

/** The numeric fields and their allowed ranges (the UI caps the engine's limits to keep draws fast). */
export const LIMITS = {
  layers: { min: 1, max: 40 },
  kernel: { min: 1, max: 11 },
  dilation: { min: 1, max: 4 },
  strided: { min: 0, max: 4 },
  channels: { min: 1, max: 16 },
  draws: { min: 1, max: 256 },
  seed: { min: 0, max: 99999 },
} as const;

export type NumericField = keyof typeof LIMITS;

/** The largest theoretical RF the playground simulates (the map's side in pixels). */
export const MAX_RF = 1024;

/** A parsed field: its value, or why it was rejected. */
export type FieldCheck =
  { ok: true; value: number } | { ok: false; reason: 'number' | 'range'; min: number; max: number };

/** Parses the text of a numeric field with the kit's whole-number parser: an integer within its range. */
export function parseField(field: NumericField, text: string): FieldCheck {
  const { min, max } = LIMITS[field];
  const check = checkWhole(text, LIMITS[field]);
  if (check.ok) return check;
  return { ok: false, reason: check.reason === 'notWhole' ? 'number' : 'range', min, max };
}

/** The value a field's text stands for, or null when it is not drawn (out of range, or an even kernel). */
export function fieldValue(field: NumericField, text: string): number | null {
  const check = parseField(field, text);
  if (!check.ok || (field === 'kernel' && check.value % 2 === 0)) return null;
  return check.value;
}

/** Per-layer strides: 2 for the first `strided` layers (at most all of them), then 1. */
export function strides(state: Pick<PlaygroundState, 'layers' | 'strided'>): number[] {
  return Array.from({ length: state.layers }, (_, l) => (l < state.strided ? 2 : 1));
}

/** Theoretical RF (pixels) of the playground's network. */
export function playgroundRf(state: PlaygroundState): number {
  return theoreticalRf(state.kernel, strides(state), new Array<number>(state.layers).fill(state.dilation));
}

/** The simulation config for the worker ('auto' input: exactly the theoretical RF). */
export function toConfig(
  state: PlaygroundState,
  overrides: Partial<Pick<PlaygroundState, 'layers' | 'draws'>> = {},
): ErfConfig {
  const s = { ...state, ...overrides };
  return {
    layers: s.layers,
    kernel: s.kernel,
    channels: s.channels,
    stride: strides(s),
    dilation: s.dilation,
    residual: s.residual,
    weights: s.weights,
    activation: s.activation,
    draws: s.weights === 'uniform' && s.activation === 'none' ? 1 : s.draws,
    seed: s.seed,
    averaging: s.averaging,
  };
}

const ACTIVATIONS: readonly ErfActivation[] = ['none', 'relu', 'tanh'];
const WEIGHTS: readonly ErfWeights[] = ['uniform', 'random'];
const AVERAGING: readonly ErfAveraging[] = ['abs', 'square'];

/** The URL form: "n10-k3-d1-s0-r0-c4-none-uniform-D16-abs-S1". */
export function formatPlayground(state: PlaygroundState): string {
  return [
    `n${state.layers}`,
    `k${state.kernel}`,
    `d${state.dilation}`,
    `s${state.strided}`,
    `r${state.residual ? 1 : 0}`,
    `c${state.channels}`,
    state.activation,
    state.weights,
    `D${state.draws}`,
    state.averaging,
    `S${state.seed}`,
  ].join('-');
}

/** Reads the URL form; fields that are missing or out of range keep their defaults; null for no value. */
export function parsePlayground(text: string | null): PlaygroundState | null {
  if (text === null || text === '') return null;
  const state: PlaygroundState = { ...DEFAULT_PLAYGROUND };
  const numeric: Record<string, NumericField> = {
    n: 'layers',
    k: 'kernel',
    d: 'dilation',
    s: 'strided',
    c: 'channels',
    D: 'draws',
    S: 'seed',
  };
  for (const part of text.split('-')) {
    if ((ACTIVATIONS as readonly string[]).includes(part)) state.activation = part as ErfActivation;
    else if ((WEIGHTS as readonly string[]).includes(part)) state.weights = part as ErfWeights;
    else if ((AVERAGING as readonly string[]).includes(part)) state.averaging = part as ErfAveraging;
    else if (part === 'r0' || part === 'r1') state.residual = part === 'r1';
    else {
      const match = /^([a-zA-Z])(\d+)$/.exec(part);
      const field = match ? numeric[match[1] as string] : undefined;
      if (match && field) {
        const check = parseField(field, match[2] as string);
        if (check.ok) state[field] = check.value;
      }
    }
  }
  if (state.kernel % 2 === 0) state.kernel = DEFAULT_PLAYGROUND.kernel;
  return state;
}

export function isDefaultPlayground(state: PlaygroundState): boolean {
  return formatPlayground(state) === formatPlayground(DEFAULT_PLAYGROUND);
}

/**
 * σ of the n-fold convolution of a k-wide box (the CLT picture of §2.1 of Luo et al.), scaled by
 * the dilation: d·√(n(k² − 1)/12). Null when the network has strides or skip connections, where
 * this simple formula does not apply.
 */
export function cltSigma(state: PlaygroundState): number | null {
  if (state.strided > 0 || state.residual) return null;
  return state.dilation * Math.sqrt((state.layers * (state.kernel * state.kernel - 1)) / 12);
}

/** One point of a 1-D chart. */
export interface Point {
  x: number;
  y: number;
}

/** The central row of the map (normalised to sum 1) against the offset from the centre, with the Gaussian of the same mean and σ. */
export function profileSeries(metrics: ErfMetrics): { data: Point[]; fit: Point[] } {
  const profile = metrics.profile.w;
  const centre = metrics.centre.w;
  const { mean, std } = metrics.gaussian.w;
  const data: Point[] = [];
  const fit: Point[] = [];
  const norm = std > 0 ? 1 / (std * Math.sqrt(2 * Math.PI)) : 0;
  for (let i = 0; i < profile.length; i++) {
    data.push({ x: i - centre, y: profile[i] as number });
  }
  const steps = Math.max(profile.length * 4, 2);
  for (let s = 0; s <= steps; s++) {
    const i = ((profile.length - 1) * s) / steps;
    const y = std > 0 ? norm * Math.exp(-((i - mean) ** 2) / (2 * std * std)) : 0;
    fit.push({ x: i - centre, y });
  }
  return { data, fit };
}

/** Depths of the "ERF size vs √n" series for a network of `layers` layers: powers of two below it, and it. */
export function seriesDepths(layers: number): number[] {
  const depths: number[] = [];
  for (let n = 1; n < layers; n *= 2) depths.push(n);
  depths.push(layers);
  return depths;
}

/** Least-squares slope of y = a·x through the origin (0 for no points). */
export function slopeThroughOrigin(points: readonly Point[]): number {
  let xy = 0;
  let xx = 0;
  for (const p of points) {
    xy += p.x * p.y;
    xx += p.x * p.x;
  }
  return xx > 0 ? xy / xx : 0;
}

/** Signature of everything but depth and draws: series points are reusable while it stays the same. */
export function seriesKey(state: PlaygroundState): string {
  return formatPlayground({ ...state, layers: 0, draws: 0 });
}

/** The ERF figures' numbers: exactly `digits` decimals, grouped as the locale groups, hyphen-minus. */
const erfStyle = (digits: number): NumberStyle => ({
  digits,
  fixed: true,
  grouping: 'locale',
  minus: 'hyphen',
});

/** A size or slope with `digits` decimals in the locale's style ("1,234.5", "1 234,5"); — for none. */
export function formatNumber(value: number, locale: Locale, digits = 1): string {
  return Number.isFinite(value) ? formatKitNumber(locale, value, erfStyle(digits)) : '—';
}

/** A fraction as a percentage with `digits` decimals ("46 %", "12,5 %"). */
export function formatPercent(value: number, locale: Locale, digits = 0): string {
  return Number.isFinite(value) ? formatKitPercent(locale, value, erfStyle(digits)) : '— %';
}
