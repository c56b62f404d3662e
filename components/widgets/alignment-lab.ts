/**
 * View model of AlignmentLab: a one-dimensional input read by two branches (one convolution each)
 * whose outputs are added, as in a residual block with a projection shortcut. The engine analyses the
 * graph and says whether the two paths agree in effective stride and in the centre of unit 0
 * (Distill's alignment condition); the widget draws both branches' windows for one output unit.
 */
import { analyze, toNumber, type Network } from '../../src/rf';
import { formatNumber, parseWhole } from './parts/number';
import { conv1d } from './shared/layers';

/** One branch: a convolution with kernel k, stride s and padding p on each side. */
export interface BranchSpec {
  k: number;
  s: number;
  p: number;
}

export type BranchField = keyof BranchSpec;
export const BRANCH_FIELDS: readonly BranchField[] = ['k', 's', 'p'];

/** Allowed values of each field (whole numbers). */
export const LIMITS: Readonly<Record<BranchField | 'n', { min: number; max: number }>> = {
  n: { min: 4, max: 32 },
  k: { min: 1, max: 9 },
  s: { min: 1, max: 4 },
  p: { min: 0, max: 4 },
};

export interface LabConfig {
  n: number;
  a: BranchSpec;
  b: BranchSpec;
}

/** The starting point: the bottleneck's 3×3 stride-2 path beside a 1×1 stride-2 shortcut (aligned). */
export const DEFAULT_CONFIG: LabConfig = { n: 16, a: { k: 3, s: 2, p: 1 }, b: { k: 1, s: 2, p: 0 } };

/** Presets the lesson talks about. */
export const PRESETS: Readonly<Record<'aligned' | 'even' | 'valid', LabConfig>> = {
  aligned: DEFAULT_CONFIG,
  // A 2×2 stride-2 window beside a 1×1 stride-2 shortcut: same stride, centres half a pixel apart.
  even: { n: 16, a: { k: 2, s: 2, p: 0 }, b: { k: 1, s: 2, p: 0 } },
  // A 3×3 stride-2 convolution without padding on an odd input beside the 1×1 shortcut: one pixel apart.
  valid: { n: 15, a: { k: 3, s: 2, p: 0 }, b: { k: 1, s: 2, p: 0 } },
};

/** A field's text checked against its range: the number, or the range it must lie in. */
export function parseField(
  field: BranchField | 'n',
  text: string,
): { ok: true; value: number } | { ok: false; min: number; max: number } {
  const { min, max } = LIMITS[field];
  const parsed = parseWhole(text, LIMITS[field]);
  return parsed.ok ? parsed : { ok: false, min, max };
}

/** The two-branch graph: input → a, input → b, add(a, b). */
export function labNetwork(config: LabConfig): Network {
  return {
    input: { h: 1, w: config.n },
    nodes: [
      { name: 'a', layer: conv1d(config.a), inputs: ['input'] },
      { name: 'b', layer: conv1d(config.b), inputs: ['input'] },
      { name: 'add', layer: { op: 'add' }, inputs: ['a', 'b'] },
    ],
  };
}

/** What one branch does, from the engine: features, RF, effective stride and padding, centre of unit 0. */
export interface BranchView {
  n: number;
  r: number;
  S: number;
  P: number;
  start: number;
  /** Centre of every unit, input coordinates: start + u·S. */
  centres: number[];
}

export interface LabView {
  a: BranchView | null;
  b: BranchView | null;
  /** The merge could not be evaluated: the branches give different numbers of features. */
  sizeMismatch: { a: number; b: number } | null;
  /** Whether the paths agree (null when the merge has no result). */
  aligned: boolean | null;
  /** What they disagree on first. */
  kind: 'stride' | 'centre' | null;
  /** Features of the sum (when it exists). */
  n: number | null;
}

function branchOf(layer: ReturnType<typeof analyze>['layers'][number] | undefined): BranchView | null {
  // Global layers have no S or P; a branch of this lab is always one local convolution.
  if (layer === undefined || layer.stride === null || layer.padding === null) return null;
  const S = toNumber(layer.stride.w);
  const start = toNumber(layer.start.w);
  return {
    n: layer.size.w,
    r: layer.rf.w,
    S,
    P: toNumber(layer.padding.w),
    start,
    centres: Array.from({ length: layer.size.w }, (_, u) => start + u * S),
  };
}

/** Analyses the two-branch network once; every number shown comes from here. */
export function labView(config: LabConfig): LabView {
  const analysis = analyze(labNetwork(config));
  const byName = new Map(analysis.layers.map((l) => [l.name, l]));
  const a = branchOf(byName.get('a'));
  const b = branchOf(byName.get('b'));
  const sum = byName.get('add');
  const mismatch = analysis.issues.some((i) => i.code === 'size-mismatch');
  const first = sum?.misalignments.find((m) => m.axis === 'w') ?? null;
  return {
    a,
    b,
    sizeMismatch: mismatch && a && b ? { a: a.n, b: b.n } : null,
    aligned: sum === undefined ? null : sum.aligned,
    kind: first?.kind ?? null,
    n: sum?.size.w ?? null,
  };
}

/** The link state "n=16;a=3.2.1;b=1.2.0", or null for the default. */
export function encodeLab(config: LabConfig): string | null {
  const same = JSON.stringify(config) === JSON.stringify(DEFAULT_CONFIG);
  const part = (x: BranchSpec) => `${x.k}.${x.s}.${x.p}`;
  return same ? null : `n=${config.n};a=${part(config.a)};b=${part(config.b)}`;
}

/** A configuration from a link; anything malformed or out of range falls back to the default. */
export function decodeLab(text: string | null): LabConfig {
  const m = /^n=(\d+);a=(\d+)\.(\d+)\.(\d+);b=(\d+)\.(\d+)\.(\d+)$/.exec(text ?? '');
  if (!m) return DEFAULT_CONFIG;
  const [n, ak, as, ap, bk, bs, bp] = m.slice(1).map(Number) as number[];
  const ok = (f: BranchField | 'n', v: number | undefined) =>
    v !== undefined && v >= LIMITS[f].min && v <= LIMITS[f].max;
  if (
    ![ok('n', n), ok('k', ak), ok('s', as), ok('p', ap), ok('k', bk), ok('s', bs), ok('p', bp)].every(Boolean)
  )
    return DEFAULT_CONFIG;
  return {
    n: n as number,
    a: { k: ak as number, s: as as number, p: ap as number },
    b: { k: bk as number, s: bs as number, p: bp as number },
  };
}

/** A stride, padding or start for the table: whole numbers as they are, others to three decimals. */
export function formatOffset(v: number, locale: 'en' | 'ru'): string {
  return formatNumber(locale, v, { digits: 3, grouping: 'never' });
}
