/**
 * View logic of ConvArithmetic: one square 2-D convolution shown step by step (the window over every
 * output position, in reading order). One engine analysis per config (`convAnalysis`) gives the output
 * size and, for each step, the input cells the window reads, padding included (its unclipped trace:
 * padding cells are the virtual cells outside 0…n − 1); the effective kernel comes from `effectiveKernel`.
 */
import { INPUT, effectiveKernel, stackToNetwork, type Interval, type Network } from '../../src/rf';
import { mergeFields, parseWhole } from './parts/number';
import { squareWindow } from './shared/layers';
import { lastAnalysis } from './shared/last-analysis';

/** The five numbers of the convolution. */
export interface ConvConfig {
  n: number;
  k: number;
  p: number;
  s: number;
  d: number;
}

export type Field = keyof ConvConfig;
export const FIELDS: Field[] = ['n', 'k', 'p', 's', 'd'];

/** The range each control accepts (kept small so every cell stays visible on a phone). */
export const LIMITS: Record<Field, { min: number; max: number }> = {
  n: { min: 1, max: 12 },
  k: { min: 1, max: 11 },
  p: { min: 0, max: 4 },
  s: { min: 1, max: 4 },
  d: { min: 1, max: 3 },
};

export const DEFAULT_CONFIG: ConvConfig = { n: 5, k: 3, p: 1, s: 2, d: 1 };

/** What is wrong with a field: not a whole number in range, or (on k) a window wider than the padded input. */
export type FieldError =
  { kind: 'range'; min: number; max: number } | { kind: 'too-wide'; kEff: number; padded: number };

export interface Validation {
  ok: boolean;
  errors: Partial<Record<Field, FieldError>>;
  config: ConvConfig | null;
}

function network(c: ConvConfig): Network {
  return stackToNetwork({ h: c.n, w: c.n }, [{ op: 'conv', ...squareWindow(c) }]);
}

/** The analysis of a config, evaluated once: validation and every step of the same config share it. */
export const convAnalysis = lastAnalysis((c: ConvConfig) => FIELDS.map((f) => c[f]).join(','), network);

/** A field's text as a whole number within its limits, or null. */
function fieldValue(field: Field, text: string): number | null {
  const parsed = parseWhole(text, LIMITS[field]);
  return parsed.ok ? parsed.value : null;
}

/**
 * What to draw after field `edited` changed to `value` (see `mergeFields`); null when that
 * combination does not fit (window wider than the padded input): the picture then stays.
 */
export function drawnConfig(
  last: ConvConfig,
  texts: Record<Field, string>,
  edited: Field,
  value: number | null,
): ConvConfig | null {
  const next = mergeFields(last, texts, LIMITS, edited, value);
  return convAnalysis(next).ok ? next : null;
}

/** Checks the texts of the five fields; the config is returned only when all of them are usable. */
export function validate(texts: Record<Field, string>): Validation {
  const errors: Partial<Record<Field, FieldError>> = {};
  const values: Partial<ConvConfig> = {};
  for (const field of FIELDS) {
    const value = fieldValue(field, texts[field]);
    const { min, max } = LIMITS[field];
    if (value === null) errors[field] = { kind: 'range', min, max };
    else values[field] = value;
  }
  const { n, k, p, s, d } = values;
  if (n === undefined || k === undefined || p === undefined || s === undefined || d === undefined)
    return { ok: false, errors, config: null };
  const config = { n, k, p, s, d };
  const analysis = convAnalysis(config);
  if (!analysis.ok) {
    errors.k = { kind: 'too-wide', kEff: effectiveKernel(k, d), padded: n + 2 * p };
    return { ok: false, errors, config: null };
  }
  return { ok: true, errors, config };
}

/** The window at one step: which padded-grid cells it reads, and where its output goes. */
export interface ConvStep {
  index: number;
  out: { row: number; col: number };
  /** Padded-grid coordinates (real index + p) of the cells the window reads, per axis (dilation leaves gaps). */
  rows: Interval[];
  cols: Interval[];
  /** The window's extent in input indices (padding negative or ≥ n), first and last tap per axis. */
  span: { rows: Interval; cols: Interval };
}

export interface ConvView {
  config: ConvConfig;
  /** n_out from the engine. */
  nOut: number;
  /** k_eff = d(k − 1) + 1 from the engine. */
  kEff: number;
  /** Number of steps: one per output unit. */
  count: number;
  /** Side of the drawn input grid, padding included. */
  padded: number;
  step: ConvStep;
}

/** Everything drawn at step `index` (clamped into range) of a valid config. */
export function convView(config: ConvConfig, index: number): ConvView {
  const analysis = convAnalysis(config);
  const nOut = analysis.layers[1]?.size.w ?? 0;
  const count = nOut * nOut;
  const i = Math.max(0, Math.min(count - 1, Math.trunc(index)));
  const out = { row: Math.floor(i / nOut), col: i % nOut };
  const trace = analysis.trace('conv1', { h: out.row, w: out.col }, { clip: false });
  // Input indices (padding outside 0…n − 1) moved to padded-grid coordinates.
  const shift = (list: Interval[]) => list.map((x) => ({ lo: x.lo + config.p, hi: x.hi + config.p }));
  const input = trace.nodes[INPUT];
  const cells = input === undefined ? { h: [], w: [] } : { h: shift(input.h), w: shift(input.w) };
  return {
    config,
    nOut,
    kEff: effectiveKernel(config.k, config.d),
    count,
    padded: config.n + 2 * config.p,
    step: {
      index: i,
      out,
      rows: cells.h,
      cols: cells.w,
      span: { rows: extent(cells.h, config.p), cols: extent(cells.w, config.p) },
    },
  };
}

/** First and last unit of a padded-grid set, as input indices. */
function extent(list: Interval[], p: number): Interval {
  return { lo: (list[0]?.lo ?? p) - p, hi: (list[list.length - 1]?.hi ?? p) - p };
}

/** True when padded-grid cell (r, c) is one of the window's taps. */
export function isTap(step: ConvStep, r: number, c: number): boolean {
  const inside = (list: Interval[], x: number) => list.some((iv) => iv.lo <= x && x <= iv.hi);
  return inside(step.rows, r) && inside(step.cols, c);
}

/** URL form "n.k.p.s.d.step" and back (null when malformed or invalid). */
export function encodeState(config: ConvConfig, step: number): string {
  return [config.n, config.k, config.p, config.s, config.d, step].join('.');
}

export function decodeState(text: string | null): { config: ConvConfig; step: number } | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text ?? '');
  if (!m) return null;
  const [n, k, p, s, d, step] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const checked = validate({ n: String(n), k: String(k), p: String(p), s: String(s), d: String(d) });
  if (!checked.ok || checked.config === null) return null;
  return { config: checked.config, step };
}

/** The field texts for a config. */
export function textsOf(config: ConvConfig): Record<Field, string> {
  return {
    n: String(config.n),
    k: String(config.k),
    p: String(config.p),
    s: String(config.s),
    d: String(config.d),
  };
}
