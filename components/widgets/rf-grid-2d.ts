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
import { squareWindow } from './shared/layers';

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
  /** How many of `cells` are padding (outside the real map). */
  padCells: number;
  /** The real rows and columns (0-based, without the ring) that `cells` reach, or null when none. */
  span: { rows: Interval; cols: Interval } | null;
  /**
   * Step of the back-projection: 0 for the selected unit's map, 1 for the map its window reads, and so
   * on down to the input; null for maps above the selected one (they take no part).
   */
  step: number | null;
}

/** A cell of a padded map (row, column in padded-map coordinates). */
export interface GridCell {
  row: number;
  col: number;
}

/**
 * The kernel windows between two neighbouring maps: the units of map `upper` that the selected unit
 * depends on (their bounding box `from`), and the cells of map `upper − 1` they read (bounding box `to`,
 * padding included). Both in padded-map coordinates. `step` counts from the selected unit's own window (0).
 */
export interface GridWindow {
  upper: number;
  lower: number;
  from: Rect;
  to: Rect;
  step: number;
}

/** The selected unit's own window: a line from it to every cell it reads in the map below. */
export interface GridLinks {
  upper: number;
  lower: number;
  from: GridCell;
  to: GridCell[];
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
  /** The windows layer by layer, from the selected unit's map down to the input. */
  windows: GridWindow[];
  links: GridLinks | null;
}

function window(spec: GridLayerSpec): Layer {
  const base = squareWindow(spec);
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
    windows: [],
    links: null,
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
    const real = (x: number) => x >= ring && x < ring + layer.size.w;
    const padCells = cells.reduce((sum, rect) => {
      let n = 0;
      for (let r = rect.h.lo; r <= rect.h.hi; r++)
        for (let c = rect.w.lo; c <= rect.w.hi; c++) if (!real(r) || !real(c)) n++;
      return sum + n;
    }, 0);
    return {
      index,
      size: layer.size.w,
      ring,
      cells,
      rows,
      cols,
      rf: layer.rf.w,
      jump: formatRatio(layer.jump.w),
      padCells,
      span: realSpan(cells, ring, layer.size.w),
      step: index <= unit.map ? unit.map - index : null,
    };
  });
  const windows = maps
    .flatMap((upper): GridWindow[] => {
      const lower = maps[upper.index - 1];
      if (lower === undefined || upper.step === null) return [];
      const from = boundingBox(upper.cells);
      const to = boundingBox(lower.cells);
      return from && to ? [{ upper: upper.index, lower: lower.index, from, to, step: upper.step }] : [];
    })
    .reverse();
  const below = maps[unit.map - 1];
  const links: GridLinks | null =
    below === undefined
      ? null
      : {
          upper: unit.map,
          lower: below.index,
          from: { row: unit.row + (maps[unit.map]?.ring ?? 0), col: unit.col + (maps[unit.map]?.ring ?? 0) },
          to: below.cells.flatMap((rect) => rectCells(rect)),
        };
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
    windows,
    links,
  };
}

/** The smallest rectangle holding every one of `rects` (null when there are none). */
export function boundingBox(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const lo = (axis: 'h' | 'w') => Math.min(...rects.map((r) => r[axis].lo));
  const hi = (axis: 'h' | 'w') => Math.max(...rects.map((r) => r[axis].hi));
  return { h: { lo: lo('h'), hi: hi('h') }, w: { lo: lo('w'), hi: hi('w') } };
}

/** The real rows and columns of a map of side `size` that padded-map `rects` reach (ring removed, clipped). */
function realSpan(
  rects: readonly Rect[],
  ring: number,
  size: number,
): { rows: Interval; cols: Interval } | null {
  const box = boundingBox(rects);
  if (box === null) return null;
  const clip = (iv: Interval): Interval | null => {
    const lo = Math.max(iv.lo - ring, 0);
    const hi = Math.min(iv.hi - ring, size - 1);
    return lo <= hi ? { lo, hi } : null;
  };
  const rows = clip(box.h);
  const cols = clip(box.w);
  return rows && cols ? { rows, cols } : null;
}

/** Every cell of `rect`, row by row. */
function rectCells(rect: Rect): GridCell[] {
  const out: GridCell[] = [];
  for (let row = rect.h.lo; row <= rect.h.hi; row++)
    for (let col = rect.w.lo; col <= rect.w.hi; col++) out.push({ row, col });
  return out;
}

/** Where a map's cell grid sits on the drawing, in CSS pixels: its top-left corner, cells per side, gap. */
export interface GridPlacement {
  x: number;
  y: number;
  /** Width of the whole grid (side cells and side − 1 gaps). */
  width: number;
  side: number;
  gap: number;
}

/**
 * The pixel box of `rect` (padded-map cells, inclusive) on a placed grid: cell i starts at
 * x + i·(cell + gap) where cell = (width − (side − 1)·gap) / side.
 */
export function rectBox(grid: GridPlacement, rect: Rect): { x: number; y: number; w: number; h: number } {
  const cell = (grid.width - (grid.side - 1) * grid.gap) / grid.side;
  const pitch = cell + grid.gap;
  return {
    x: grid.x + rect.w.lo * pitch,
    y: grid.y + rect.h.lo * pitch,
    w: (rect.w.hi - rect.w.lo) * pitch + cell,
    h: (rect.h.hi - rect.h.lo) * pitch + cell,
  };
}

/**
 * The two lines that join the box of reading units (`from`, on the upper map) to the window they read
 * (`to`, on the lower map) as the outline of a frustum: the facing edges of the two boxes, whichever
 * way the maps are laid out (lower map to the left, or above).
 */
export function frustumEdges(
  from: { x: number; y: number; w: number; h: number },
  to: { x: number; y: number; w: number; h: number },
  lowerBeside: boolean,
): { x1: number; y1: number; x2: number; y2: number }[] {
  if (lowerBeside)
    return [
      { x1: from.x, y1: from.y, x2: to.x + to.w, y2: to.y },
      { x1: from.x, y1: from.y + from.h, x2: to.x + to.w, y2: to.y + to.h },
    ];
  return [
    { x1: from.x, y1: from.y, x2: to.x, y2: to.y + to.h },
    { x1: from.x + from.w, y1: from.y, x2: to.x + to.w, y2: to.y + to.h },
  ];
}

/** The centre of padded-map cell `cell` on a placed grid, in CSS pixels. */
export function cellCentre(grid: GridPlacement, cell: GridCell): { x: number; y: number } {
  const box = rectBox(grid, { h: { lo: cell.row, hi: cell.row }, w: { lo: cell.col, hi: cell.col } });
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
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
