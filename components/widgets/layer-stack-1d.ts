import { stackToNetwork, toNumber } from '../../src/rf';
import { conv1d } from './shared/layers';
import { lastAnalysis } from './shared/last-analysis';

/** One layer of the 1-D stack as the widget draws it. */
export interface StackSpec {
  label: string;
  k: number;
  s: number;
  p: number;
}

/** A row of the diagram: its units and which of them the selected unit depends on. */
export interface StackRow {
  name: string;
  label: string;
  size: number;
  rf: number;
  /** Centre of unit 0 and the distance between neighbouring centres, in input pixels (engine's start, j). */
  start: number;
  jump: number;
  /** Centre of each unit in input coordinates (pixel i spans [i, i + 1)): start + u·j. */
  centres: number[];
  inRf: boolean[];
  /**
   * Padding cells this row gets from the layer above it (p on each side; none for the top row), with
   * their centres in input coordinates and whether the selected unit's windows reach them.
   */
  padding: { index: number; centre: number; inRf: boolean }[];
}

/** What the widget shows for the selected unit; every number comes from the engine. */
export interface StackView {
  rows: StackRow[];
  /** Left and right edges of the drawing in input coordinates: the input plus every padding cell. */
  extent: { lo: number; hi: number };
  /**
   * The window of every unit in the selected unit's dependency set, per row below the selected one:
   * the span (in input coordinates, padding included) of the units it reads in the row below, and for
   * the selected unit itself the centres of the k cells its own window reads.
   */
  cones: { row: number; upper: { lo: number; hi: number }; lower: { lo: number; hi: number } }[];
  window: { row: number; from: number; to: number[] } | null;
  seen: number;
  rf: number;
  first: number | null;
  last: number | null;
}

/** The stack's analysis, evaluated once per input and stack: the sizes and every row ask it. */
const stackAnalysis = lastAnalysis(
  ({ input, specs }: { input: number; specs: StackSpec[] }) =>
    `${input}|${specs.map((x) => `${x.k}.${x.s}.${x.p}`).join(',')}`,
  ({ input, specs }) => stackToNetwork({ h: 1, w: input }, specs.map(conv1d)),
);

/** Feature counts of every row, input first. */
export function layerSizes(input: number, specs: StackSpec[]): number[] {
  return stackAnalysis({ input, specs }).layers.map((l) => l.size.w);
}

/** Rows from the input (index 0) to the last layer, with the units that `unit` of layer `layer` sees. */
export function stackView(input: number, specs: StackSpec[], layer: number, unit: number): StackView {
  const rows = stackRows(input, specs, layer, unit);
  // The drawing's width does not follow the selection: it holds every cell that the first or the
  // last unit of the top layer reaches, which is the furthest any unit reaches on either side.
  const top = rows.length - 1;
  const last = (rows[top]?.size ?? 1) - 1;
  const cells = [rows, stackRows(input, specs, top, 0), stackRows(input, specs, top, last)].flatMap((rs) =>
    rs.flatMap((r) => r.padding.map((c) => c.centre)),
  );
  const lo = Math.min(0, ...cells.map((c) => c - 0.5));
  const hi = Math.max(input, ...cells.map((c) => c + 0.5));
  return viewOf(rows, layer, unit, { lo, hi });
}

function stackRows(input: number, specs: StackSpec[], layer: number, unit: number): StackRow[] {
  const analysis = stackAnalysis({ input, specs });
  const names = analysis.layers.map((l) => l.name);
  const target = names[layer] ?? names[names.length - 1] ?? 'input';
  const trace = analysis.trace(target, { h: 0, w: unit });
  // The unclipped trace: the windows as they reach into padding (virtual units outside 0…n−1).
  const reach = trace.ok ? analysis.trace(target, { h: 0, w: unit }, { clip: false }).nodes : {};
  const rows = analysis.layers.map((l, i): StackRow => {
    const intervals = trace.nodes[l.name]?.w ?? [];
    const inRf = Array.from({ length: l.size.w }, (_, u) =>
      i <= layer ? intervals.some((iv) => iv.lo <= u && u <= iv.hi) : false,
    );
    const start = toNumber(l.start.w);
    const j = toNumber(l.jump.w);
    const centres = Array.from({ length: l.size.w }, (_, u) => start + u * j);
    const label = i === 0 ? 'input' : (specs[i - 1]?.label ?? l.name);
    const unclipped = i <= layer ? (reach[l.name]?.w ?? []) : [];
    const pad = specs[i]?.p ?? 0;
    // The row's own padding, plus any virtual cell beyond it that a window reaches (the RF r counts
    // those too: the lecture's unbounded grid).
    const reached = unclipped.flatMap((iv) =>
      Array.from({ length: iv.hi - iv.lo + 1 }, (_, q) => iv.lo + q).filter((u) => u < 0 || u >= l.size.w),
    );
    const indices = [
      ...new Set([
        ...Array.from({ length: pad }, (_, q) => q - pad),
        ...Array.from({ length: pad }, (_, q) => l.size.w + q),
        ...reached,
      ]),
    ].sort((a, b) => a - b);
    const padding = indices.map((index) => ({
      index,
      centre: start + index * j,
      inRf: unclipped.some((iv) => iv.lo <= index && index <= iv.hi),
    }));
    return { name: l.name, label, size: l.size.w, rf: l.rf.w, start, jump: j, centres, inRf, padding };
  });
  return rows;
}

function viewOf(
  rows: StackRow[],
  layer: number,
  unit: number,
  extent: { lo: number; hi: number },
): StackView {
  // Each row's reached units (real and padding) as a span of input coordinates.
  const spanOf = (i: number) => {
    const row = rows[i];
    if (!row) return null;
    const xs = [
      ...row.centres.filter((_, u) => row.inRf[u] || (i === layer && u === unit)),
      ...row.padding.filter((c) => c.inRf).map((c) => c.centre),
    ];
    return xs.length === 0 ? null : { lo: Math.min(...xs) - 0.5, hi: Math.max(...xs) + 0.5 };
  };
  const cones = rows.flatMap((_, i) => {
    if (i >= layer) return [];
    const upper = spanOf(i + 1);
    const lower = spanOf(i);
    return upper && lower ? [{ row: i, upper, lower }] : [];
  });
  // The selected unit's own window: the cells it reads one row down (its trace there, padding included).
  const below = rows[layer - 1];
  const selectedCentre = rows[layer]?.centres[unit];
  const window =
    below && selectedCentre !== undefined
      ? {
          row: layer - 1,
          from: selectedCentre,
          to: [
            ...below.padding.filter((c) => c.inRf).map((c) => c.centre),
            ...below.centres.filter((_, u) => below.inRf[u]),
          ].sort((a, b) => a - b),
        }
      : null;
  const input0 = rows[0]?.inRf ?? [];
  const seenIdx = input0.flatMap((on, i) => (on ? [i] : []));
  return {
    rows,
    extent,
    cones,
    window,
    seen: seenIdx.length,
    rf: rows[layer]?.rf ?? 1,
    first: seenIdx[0] ?? null,
    last: seenIdx[seenIdx.length - 1] ?? null,
  };
}

/** A saved selection "layer.unit" from the URL, or null when it does not name a unit of these rows. */
export function parseSelection(
  value: string | null,
  sizes: number[],
): { layer: number; unit: number } | null {
  const match = /^(\d+)\.(\d+)$/.exec(value ?? '');
  if (!match) return null;
  const layer = Number(match[1]);
  const unit = Number(match[2]);
  const size = sizes[layer];
  return size !== undefined && unit < size ? { layer, unit } : null;
}
