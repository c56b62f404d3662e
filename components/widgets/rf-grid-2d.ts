/**
 * View logic of RfGrid2D: square feature maps of a small 2-D chain, and for one selected unit the exact
 * cells it depends on in every earlier map, padding cells included. Every number comes from one
 * engine analysis per change of the chain (`gridAnalysis`): the cells from its trace with the windows on
 * the padded maps (a padding cell is a cell of the map with its ring), the centre and size from its
 * region, and the per-layer table from its rows. Hovering asks the same analysis again (cached).
 */
import {
  analyze,
  formatRatio,
  rectsProjections,
  rectsContain,
  stackToNetwork,
  type Analysis,
  type Interval,
  type Layer,
  type Network,
  type Rect,
} from '../../src/rf';

/** One square layer of the grid: a convolution (or max pooling) with kernel k, stride s, padding p, dilation d. */
export interface GridLayerSpec {
  k: number;
  s?: number;
  p?: number;
  d?: number;
  pool?: boolean;
}

/** A selected (or hovered) unit: map index (0 = input), row and column. */
export interface GridUnit {
  map: number;
  row: number;
  col: number;
}

/** One map as drawn: its real size and the padding ring the next layer adds around it. */
export interface GridMap {
  index: number;
  size: number;
  /** Width of the padding ring drawn around the map (the next layer's padding; 0 for the last map). */
  ring: number;
  /** The cells the selected unit depends on, in padded-map coordinates (real index + ring): disjoint rectangles. */
  cells: Rect[];
  /** Their per-axis projections (the rows, and the columns, holding at least one of them). */
  rows: Interval[];
  cols: Interval[];
  /** This map's RF size r and jump j (input pixels), from the engine. */
  rf: number;
  jump: string;
}

export interface GridView {
  ok: boolean;
  maps: GridMap[];
  /** Readout for the selected unit. */
  centre: { h: string; w: string };
  /** RF extent per axis (unclipped: the lecture's r, padding included). */
  size: { h: number; w: number };
  /** Real input pixels the unit depends on, per axis. */
  seen: { h: number; w: number };
}

function window(spec: GridLayerSpec): Layer {
  const s = spec.s ?? 1;
  const p = spec.p ?? 0;
  const d = spec.d ?? 1;
  const base = {
    kernel: { h: spec.k, w: spec.k },
    stride: { h: s, w: s },
    dilation: { h: d, w: d },
    padding: { mode: 'explicit' as const, h: { before: p, after: p }, w: { before: p, after: p } },
  };
  return spec.pool ? { op: 'pool', kind: 'max', ceil: false, ...base } : { op: 'conv', ...base };
}

/** The chain as the lesson describes it. */
export function gridNetwork(input: number, specs: GridLayerSpec[]): Network {
  return stackToNetwork(
    { h: input, w: input },
    specs.map((spec) => window(spec)),
  );
}

/** The analysis of the chain: evaluate once per change of the chain, then ask it for every unit. */
export function gridAnalysis(input: number, specs: GridLayerSpec[]): Analysis {
  return analyze(gridNetwork(input, specs));
}

/** A short label: "conv 3×3 · s 2 · p 1" (d shown when > 1). */
export function layerLabel(spec: GridLayerSpec): string {
  const parts = [
    `${spec.pool ? 'pool' : 'conv'} ${spec.k}×${spec.k}`,
    `s ${spec.s ?? 1}`,
    `p ${spec.p ?? 0}`,
  ];
  if ((spec.d ?? 1) > 1) parts.push(`d ${spec.d ?? 1}`);
  return parts.join(' · ');
}

/** Feature-map sizes, input first (empty when the chain is invalid). */
export function mapSizes(analysis: Analysis): number[] {
  return analysis.ok ? analysis.layers.map((l) => l.size.w) : [];
}

/** Everything the widget draws for `unit` selected, from the chain's analysis (no new evaluation). */
export function gridView(analysis: Analysis, specs: GridLayerSpec[], unit: GridUnit): GridView {
  const empty: GridView = {
    ok: false,
    maps: [],
    centre: { h: '', w: '' },
    size: { h: 0, w: 0 },
    seen: { h: 0, w: 0 },
  };
  if (!analysis.ok) return empty;
  const names = analysis.layers.map((l) => l.name);
  const target = names[unit.map];
  if (target === undefined) return empty;
  const at = { h: unit.row, w: unit.col };
  const trace = analysis.trace(target, at, { windows: true });
  const region = analysis.region(target, at);
  if (!trace.ok || !region.ok) return empty;
  const maps = analysis.layers.map((layer, index): GridMap => {
    const ring = index < specs.length ? (specs[index]?.p ?? 0) : 0;
    let cells: Rect[] = [];
    let rows: Interval[] = [];
    let cols: Interval[] = [];
    if (index === unit.map) {
      rows = [{ lo: unit.row + ring, hi: unit.row + ring }];
      cols = [{ lo: unit.col + ring, hi: unit.col + ring }];
      cells = [{ h: rows[0] as Interval, w: cols[0] as Interval }];
    } else if (index < unit.map) {
      // The cells of map `index` with its padding ring that layer index + 1 reads, moved by the ring.
      cells = (trace.windows?.[layer.name] ?? []).map((r) => ({
        h: { lo: r.h.lo + ring, hi: r.h.hi + ring },
        w: { lo: r.w.lo + ring, hi: r.w.hi + ring },
      }));
      ({ h: rows, w: cols } = rectsProjections(cells));
    }
    return {
      index,
      size: layer.size.w,
      ring,
      cells,
      rows,
      cols,
      rf: layer.rf.w,
      jump: formatRatio(layer.jump.w),
    };
  });
  const extent = (box: Interval | null) => (box === null ? 0 : box.hi - box.lo + 1);
  return {
    ok: true,
    maps,
    centre: { h: formatRatio(region.centre.h), w: formatRatio(region.centre.w) },
    size: { h: extent(region.unclipped.h), w: extent(region.unclipped.w) },
    seen: {
      h: (trace.nodes.input?.h ?? []).reduce((sum, x) => sum + x.hi - x.lo + 1, 0),
      w: (trace.nodes.input?.w ?? []).reduce((sum, x) => sum + x.hi - x.lo + 1, 0),
    },
  };
}

/** True when padded-map cell (r, c) is one of the cells the selected unit depends on. */
export function covered(map: GridMap, r: number, c: number): boolean {
  return rectsContain(map.cells, r, c);
}

/** Serialises a selection for the URL ("3.2.2"); parses it back against the map sizes, or null. */
export function encodeUnit(unit: GridUnit): string {
  return `${unit.map}.${unit.row}.${unit.col}`;
}

export function decodeUnit(text: string | null, sizes: number[]): GridUnit | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text ?? '');
  if (!m) return null;
  const [map, row, col] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const size = sizes[map];
  if (size === undefined || row >= size || col >= size) return null;
  return { map, row, col };
}

/** The unit reached from `unit` by an arrow key (clamped to the map), or null for other keys. */
export function moveUnit(unit: GridUnit, key: string, size: number): GridUnit | null {
  const clamp = (x: number) => Math.max(0, Math.min(size - 1, x));
  switch (key) {
    case 'ArrowLeft':
      return { ...unit, col: clamp(unit.col - 1) };
    case 'ArrowRight':
      return { ...unit, col: clamp(unit.col + 1) };
    case 'ArrowUp':
      return { ...unit, row: clamp(unit.row - 1) };
    case 'ArrowDown':
      return { ...unit, row: clamp(unit.row + 1) };
    case 'Home':
      return { ...unit, col: 0 };
    case 'End':
      return { ...unit, col: size - 1 };
    default:
      return null;
  }
}
