/**
 * View logic of WorkedExample: the lecture's walkthrough Layer 0 → Conv1 → Layer 1 → Conv2 → Layer 2 on
 * one axis. Every number comes from one engine analysis per config (`workedAnalysis`: its rows for n,
 * j, r, start; its regions for each feature's centre and receptive-field box). The formulas are TeX templates whose numbers are
 * placeholders `⟨name⟩`; they are typeset once at build time (each placeholder becomes
 * `\htmlData{v=name}{value}`) and the widget then only rewrites the text of those spans.
 */
import { formatRatio, stackToNetwork, toNumber, type Network } from '../../src/rf';
import type { Locale } from '../../src/i18n';
import { formatNumber, mergeFields, parseWhole } from './parts/number';
import { conv1d } from './shared/layers';
import { lastAnalysis } from './shared/last-analysis';

export interface WorkedConfig {
  n0: number;
  k1: number;
  p1: number;
  s1: number;
  k2: number;
  p2: number;
  s2: number;
}

export type WorkedField = keyof WorkedConfig;
export const WORKED_FIELDS: WorkedField[] = ['n0', 'k1', 'p1', 's1', 'k2', 'p2', 's2'];

/** The lecture's example. */
export const LECTURE: WorkedConfig = { n0: 5, k1: 3, p1: 1, s1: 2, k2: 3, p2: 1, s2: 2 };

export const WORKED_LIMITS: Record<WorkedField, { min: number; max: number }> = {
  n0: { min: 1, max: 16 },
  k1: { min: 1, max: 9 },
  p1: { min: 0, max: 4 },
  s1: { min: 1, max: 4 },
  k2: { min: 1, max: 9 },
  p2: { min: 0, max: 4 },
  s2: { min: 1, max: 4 },
};

/** The five stops of the walkthrough. */
export const STEPS = ['layer0', 'conv1', 'layer1', 'conv2', 'layer2'] as const;
export type Step = (typeof STEPS)[number];

/** The example as a one-dimensional network (height 1; the widget works on the width). */
export function workedNetwork(c: WorkedConfig): Network {
  return stackToNetwork({ h: 1, w: c.n0 }, [
    conv1d({ k: c.k1, s: c.s1, p: c.p1 }),
    conv1d({ k: c.k2, s: c.s2, p: c.p2 }),
  ]);
}

/** The analysis of a config, evaluated once: validation and the view of the same config share it. */
export const workedAnalysis = lastAnalysis(
  (c: WorkedConfig) => WORKED_FIELDS.map((f) => c[f]).join(','),
  workedNetwork,
);

export type WorkedError =
  | { kind: 'range'; min: number; max: number }
  /** Layer `layer` would have no features: its window is wider than the padded layer below. */
  | { kind: 'vanishing'; layer: 1 | 2; nIn: number; padded: number; k: number };

export interface WorkedValidation {
  ok: boolean;
  errors: Partial<Record<WorkedField, WorkedError>>;
  config: WorkedConfig | null;
}

/**
 * What to draw after field `edited` changed to `value` (see `mergeFields`); null when the engine
 * cannot evaluate that combination (a layer would vanish): the picture then stays.
 */
export function drawnWorked(
  last: WorkedConfig,
  texts: Record<WorkedField, string>,
  edited: WorkedField,
  value: number | null,
): WorkedConfig | null {
  const next = mergeFields(last, texts, WORKED_LIMITS, edited, value);
  return workedAnalysis(next).ok ? next : null;
}

/** Checks the field texts; the config is returned only when the engine can evaluate it. */
export function validateWorked(texts: Record<WorkedField, string>): WorkedValidation {
  const errors: Partial<Record<WorkedField, WorkedError>> = {};
  const values: Partial<Record<WorkedField, number>> = {};
  for (const field of WORKED_FIELDS) {
    const parsed = parseWhole(texts[field], WORKED_LIMITS[field]);
    const { min, max } = WORKED_LIMITS[field];
    if (!parsed.ok) errors[field] = { kind: 'range', min, max };
    else values[field] = parsed.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, config: null };
  const config = values as WorkedConfig;
  const analysis = workedAnalysis(config);
  if (!analysis.ok) {
    const vanishing = analysis.issues.find((i) => i.code === 'vanishing-map');
    const layer = vanishing?.node === 'conv2' ? 2 : 1;
    const nIn = layer === 1 ? config.n0 : (analysis.layers[1]?.size.w ?? 0);
    const p = layer === 1 ? config.p1 : config.p2;
    const k = layer === 1 ? config.k1 : config.k2;
    errors[layer === 1 ? 'k1' : 'k2'] = { kind: 'vanishing', layer, nIn, padded: nIn + 2 * p, k };
    return { ok: false, errors, config: null };
  }
  return { ok: true, errors, config };
}

/** One feature as drawn: its centre and the input span [lo, hi) of its receptive field (pixels). */
export interface Feature {
  centre: number;
  lo: number;
  hi: number;
}

export interface LayerRow {
  n: number;
  j: string;
  r: number;
  start: string;
  features: Feature[];
}

export interface WorkedView {
  config: WorkedConfig;
  layers: LayerRow[];
  /** Placeholder values for the formulas, already formatted for the locale. */
  values: Record<string, string>;
  /** Extent of the drawing in input pixels: the input and every receptive-field box. */
  domain: { lo: number; hi: number };
}

/** A number for display: the engine's exact value with a Unicode minus, and a decimal comma in Russian. */
export function formatValue(text: string, locale: Locale): string {
  // An exact decimal ("-1.25") or a fraction of two whole numbers ("-7/6"), each part digit for digit.
  const part = (p: string) =>
    formatNumber(locale, p as `${number}`, { digits: p.split('.')[1]?.length ?? 0, grouping: 'never' });
  return text.split('/').map(part).join('/');
}

/** Everything the widget shows for a valid config. */
export function workedView(config: WorkedConfig, locale: Locale): WorkedView {
  const analysis = workedAnalysis(config);
  const layers = analysis.layers.map((l): LayerRow => {
    const features = Array.from({ length: l.size.w }, (_, u): Feature => {
      const region = analysis.region(l.name, { h: 0, w: u });
      const box = region.unclipped.w;
      return { centre: toNumber(region.centre.w), lo: box?.lo ?? u, hi: (box?.hi ?? u) + 1 };
    });
    return { n: l.size.w, j: formatRatio(l.jump.w), r: l.rf.w, start: formatRatio(l.start.w), features };
  });
  const values: Record<string, string> = {};
  const put = (name: string, value: string | number) => (values[name] = formatValue(String(value), locale));
  for (const field of WORKED_FIELDS) put(field, config[field]);
  layers.forEach((row, i) => {
    put(`n${i}`, row.n);
    put(`j${i}`, row.j);
    put(`r${i}`, row.r);
    put(`start${i}`, row.start);
  });
  const all = layers.flatMap((row) => row.features);
  const domain = {
    lo: Math.min(0, ...all.map((f) => f.lo)),
    hi: Math.max(config.n0, ...all.map((f) => f.hi)),
  };
  return { config, layers, values, domain };
}

/**
 * The formulas of each step as TeX, numbers written as ⟨name⟩ placeholders. Layer steps give n, j, r and
 * start exactly as the lecture writes them, first with symbols and then with the numbers substituted.
 */
export function stepFormulas(step: Step): string[] {
  if (step === 'layer0') return ['n_0 = ⟨n0⟩', 'j_0 = ⟨j0⟩', 'r_0 = ⟨r0⟩', '\\text{start}_0 = ⟨start0⟩'];
  if (step === 'conv1' || step === 'conv2') {
    const l = step === 'conv1' ? 1 : 2;
    return [`k_${l} = ⟨k${l}⟩`, `p_${l} = ⟨p${l}⟩`, `s_${l} = ⟨s${l}⟩`];
  }
  const l = step === 'layer1' ? 1 : 2;
  const q = l - 1;
  // Two lines each: the formula with symbols, then with the numbers substituted and the result.
  const lines = (left: string, symbols: string, numbers: string) =>
    `\\begin{aligned} ${left} &= ${symbols} \\\\ &= ${numbers} \\end{aligned}`;
  return [
    lines(
      `n_${l}`,
      `\\left\\lfloor \\frac{n_${q} + 2p_${l} - k_${l}}{s_${l}} \\right\\rfloor + 1`,
      `\\left\\lfloor \\frac{⟨n${q}⟩ + 2 \\cdot ⟨p${l}⟩ - ⟨k${l}⟩}{⟨s${l}⟩} \\right\\rfloor + 1 = ⟨n${l}⟩`,
    ),
    lines(`j_${l}`, `j_${q} \\cdot s_${l}`, `⟨j${q}⟩ \\cdot ⟨s${l}⟩ = ⟨j${l}⟩`),
    lines(
      `r_${l}`,
      `r_${q} + (k_${l} - 1) \\cdot j_${q}`,
      `⟨r${q}⟩ + (⟨k${l}⟩ - 1) \\cdot ⟨j${q}⟩ = ⟨r${l}⟩`,
    ),
    lines(
      `\\text{start}_${l}`,
      `\\text{start}_${q} + \\left( \\frac{k_${l} - 1}{2} - p_${l} \\right) \\cdot j_${q}`,
      `⟨start${q}⟩ + \\left( \\frac{⟨k${l}⟩ - 1}{2} - ⟨p${l}⟩ \\right) \\cdot ⟨j${q}⟩ = ⟨start${l}⟩`,
    ),
  ];
}

const PLACEHOLDER = /⟨([a-z]+\d)⟩/g;

/** TeX with every placeholder wrapped for KaTeX's \htmlData (the number inside is the current value). */
export function texWithData(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = (values[name] ?? '?').replace('−', '-').replace(',', '{,}');
    return `\\htmlData{v=${name}}{${value}}`;
  });
}

/** The names of the placeholders a step's formulas use, in order. */
export function placeholders(step: Step): string[] {
  return stepFormulas(step).flatMap((tex) => [...tex.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''));
}

/** A plain-text version of a formula for screen readers and for rendering without typeset templates. */
export function plainFormula(template: string, values: Record<string, string>): string {
  const SUB = '₀₁₂₃₄₅₆₇₈₉';
  return template
    .replace(PLACEHOLDER, (_, name: string) => values[name] ?? '?')
    .replace(/\\(begin|end)\{aligned\}|&|\\\\/g, ' ')
    .replace(/\\left\\lfloor \\frac\{(.+?)\}\{(.+?)\} \\right\\rfloor/g, '⌊($1)/$2⌋')
    .replace(/\\left\( \\frac\{(.+?)\}\{(.+?)\} - (.+?) \\right\)/g, '(($1)/$2 − $3)')
    .replace(/\\text\{start\}/g, 'start')
    .replace(/\\cdot/g, '·')
    .replace(/_(\d)/g, (_, d: string) => SUB[Number(d)] ?? d)
    .replace(/ - /g, ' − ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** URL form: the seven numbers and the step, dot-separated; null when malformed or invalid. */
export function encodeWorked(config: WorkedConfig, step: number): string {
  return [...WORKED_FIELDS.map((f) => config[f]), step].join('.');
}

export function decodeWorked(text: string | null): { config: WorkedConfig; step: number } | null {
  const parts = (text ?? '').split('.');
  if (parts.length !== WORKED_FIELDS.length + 1 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  const texts = Object.fromEntries(WORKED_FIELDS.map((f, i) => [f, parts[i] ?? ''])) as Record<
    WorkedField,
    string
  >;
  const checked = validateWorked(texts);
  const step = Number(parts[WORKED_FIELDS.length]);
  if (!checked.ok || checked.config === null || step >= STEPS.length) return null;
  return { config: checked.config, step };
}

export function workedTexts(config: WorkedConfig): Record<WorkedField, string> {
  return Object.fromEntries(WORKED_FIELDS.map((f) => [f, String(config[f])])) as Record<WorkedField, string>;
}
