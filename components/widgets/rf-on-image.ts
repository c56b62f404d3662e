/**
 * View model of RfOnImage: the photograph is scaled to a network's input size, and every number the
 * widget draws (feature-map size, jump, RF centres, the RF rectangle of a unit and the part of it that
 * lies in the padding) comes from the engine. Coordinates are input pixels; pixel i spans [i, i + 1).
 */
import {
  analyze,
  formatRatio,
  toNumber,
  type Analysis,
  type Axes,
  type Network,
  type UnitRegion,
} from '../../src/rf';
import { formatNumber } from './parts/number';

/** Where the photograph lives under the site's base path. */
export const PHOTO_PATH = 'images/astronaut.jpg';

/** The photograph's own size in pixels (public/images/astronaut.jpg). */
export const PHOTO_SIZE = 512;

/** The URL of the photograph for a site built under `base` (import.meta.env.BASE_URL). */
export function photoUrl(base: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${PHOTO_PATH}`;
}

/** A node's grid of units as the engine reports it, in input pixels. */
export interface NodeGeometry {
  node: string;
  /** Input image size, pixels. */
  input: Axes<number>;
  /** n: units per axis. */
  size: Axes<number>;
  /** j: distance between neighbouring RF centres, pixels. */
  jump: Axes<number>;
  /** Centre of unit 0 (start), pixels. */
  start: Axes<number>;
  /** r: RF size, pixels. */
  rf: Axes<number>;
  /** Exact texts of j and start (fractions when the engine has them). */
  jumpText: Axes<string>;
  startText: Axes<string>;
  /** Every unit sees the whole image (after global pooling or a fully connected layer). */
  global: boolean;
}

/**
 * What the photograph asks of a network's analysis: an `Analysis`, or answers kept elsewhere (the
 * ONNX report's worker), where a region still on its way is null.
 */
export interface RegionSource {
  ok: boolean;
  layer(name: string): ReturnType<Analysis['layer']>;
  region(node: string, unit: Axes<number>): UnitRegion | null;
}

/**
 * Geometry of `node` in `net`, or null when the engine reports an error or the node is unknown.
 * `analysis`: the network's analysis when the caller has it (no new evaluation).
 */
export function nodeGeometry(
  net: Network,
  node: string,
  analysis: Pick<RegionSource, 'ok' | 'layer'> = analyze(net),
): NodeGeometry | null {
  const out = analysis.layer(node);
  if (!analysis.ok || out === null) return null;
  return {
    node,
    input: { h: net.input.h, w: net.input.w },
    size: out.size,
    jump: { h: toNumber(out.jump.h), w: toNumber(out.jump.w) },
    start: { h: toNumber(out.start.h), w: toNumber(out.start.w) },
    rf: out.rf,
    jumpText: { h: formatRatio(out.jump.h), w: formatRatio(out.jump.w) },
    startText: { h: formatRatio(out.start.h), w: formatRatio(out.start.w) },
    global: out.global,
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** `unit` moved into the grid (each index between 0 and n − 1, whole numbers). */
export function clampUnit(geom: Pick<NodeGeometry, 'size'>, unit: Axes<number>): Axes<number> {
  const one = (u: number, n: number) => (Number.isFinite(u) ? clamp(Math.round(u), 0, n - 1) : 0);
  return { h: one(unit.h, geom.size.h), w: one(unit.w, geom.size.w) };
}

/** The unit in the middle of the grid (the default selection). */
export function middleUnit(geom: Pick<NodeGeometry, 'size'>): Axes<number> {
  return { h: Math.floor((geom.size.h - 1) / 2), w: Math.floor((geom.size.w - 1) / 2) };
}

/** Centre of `unit` in input pixels: start + u·j on each axis. */
export function unitCentre(geom: NodeGeometry, unit: Axes<number>): Axes<number> {
  return { h: geom.start.h + unit.h * geom.jump.h, w: geom.start.w + unit.w * geom.jump.w };
}

/** The unit whose RF centre is nearest to `point` (input pixels, continuous). */
export function nearestUnit(geom: NodeGeometry, point: Axes<number>): Axes<number> {
  const one = (x: number, start: number, j: number, n: number) =>
    j > 0 ? clamp(Math.round((x - start) / j), 0, n - 1) : 0;
  return {
    h: one(point.h, geom.start.h, geom.jump.h, geom.size.h),
    w: one(point.w, geom.start.w, geom.jump.w, geom.size.w),
  };
}

/** A rectangle in input pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The visible frame: the image plus a margin on each side where the padding is drawn. */
export interface Frame {
  /** Margins in pixels: top, right, bottom, left. */
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** The whole frame as an SVG viewBox rectangle (the image sits at 0, 0). */
  box: Rect;
}

/**
 * The frame for a node: wide enough to show how far the RFs of its units reach past the image, but
 * never more than `maxMargin` × the image on a side (a 3 000-pixel RF would shrink the photo to a dot;
 * the window is then cut at the edge of the frame),
 * and at least `minMargin` × the image so a box on the border stays visible.
 */
export function frameFor(
  geom: NodeGeometry | null,
  input: Axes<number>,
  maxMargin = 0.35,
  minMargin = 0.03,
): Frame {
  const side = (over: number, n: number) => clamp(over, n * minMargin, n * maxMargin);
  let before: Axes<number> = { h: 0, w: 0 };
  let after: Axes<number> = { h: 0, w: 0 };
  if (geom !== null && !geom.global) {
    const reach = (axis: 'h' | 'w') => {
      const first = geom.start[axis] - geom.rf[axis] / 2;
      const last = geom.start[axis] + (geom.size[axis] - 1) * geom.jump[axis] + geom.rf[axis] / 2;
      return { before: Math.max(0, -first), after: Math.max(0, last - input[axis]) };
    };
    const h = reach('h');
    const w = reach('w');
    before = { h: h.before, w: w.before };
    after = { h: h.after, w: w.after };
  }
  const top = side(before.h, input.h);
  const bottom = side(after.h, input.h);
  const left = side(before.w, input.w);
  const right = side(after.w, input.w);
  return {
    top,
    right,
    bottom,
    left,
    box: { x: -left, y: -top, width: input.w + left + right, height: input.h + top + bottom },
  };
}

/** Percent offsets of the image inside the frame, for the HTML layer under the drawing. */
export function photoPlacement(
  frame: Frame,
  input: Axes<number>,
): { left: number; top: number; width: number; height: number } {
  return {
    left: (frame.left / frame.box.width) * 100,
    top: (frame.top / frame.box.height) * 100,
    width: (input.w / frame.box.width) * 100,
    height: (input.h / frame.box.height) * 100,
  };
}

/** A point of the frame (input pixels) from a click at fraction (fx, fy) of the drawn frame's width and height. */
export function pointInFrame(frame: Frame, fx: number, fy: number): Axes<number> {
  return {
    w: frame.box.x + clamp(fx, 0, 1) * frame.box.width,
    h: frame.box.y + clamp(fy, 0, 1) * frame.box.height,
  };
}

/** What the widget draws for one unit. */
export interface RegionView {
  ok: boolean;
  /** The whole window (the lecture's RF), reaching into the padding; null if the unit reads nothing. */
  window: Rect | null;
  /** The input pixels that can influence the unit. */
  seen: Rect | null;
  /** Parts of the window outside the image (up to four bands). */
  padding: Rect[];
  centre: Axes<number>;
  centreText: Axes<string>;
  /** r per axis: the window's extent. */
  size: Axes<number>;
  /** Extent of the seen pixels per axis. */
  seenSize: Axes<number>;
  /** Share of the window's area in the padding, 0…1. */
  paddingFraction: number;
  global: boolean;
}

/**
 * The region of `unit` of `node` from the network's analysis (cached per unit), as rectangles; null
 * while the source has no answer yet.
 */
export function regionView(
  net: Network,
  node: string,
  unit: Axes<number>,
  analysis: RegionSource = analyze(net),
): RegionView | null {
  const region = analysis.region(node, unit);
  if (region === null) return null;
  const centre = { h: toNumber(region.centre.h), w: toNumber(region.centre.w) };
  const centreText = { h: formatRatio(region.centre.h), w: formatRatio(region.centre.w) };
  const { h: uh, w: uw } = region.unclipped;
  const { h: ch, w: cw } = region.clipped;
  const window =
    uh && uw ? { x: uw.lo, y: uh.lo, width: uw.hi - uw.lo + 1, height: uh.hi - uh.lo + 1 } : null;
  const seen = ch && cw ? { x: cw.lo, y: ch.lo, width: cw.hi - cw.lo + 1, height: ch.hi - ch.lo + 1 } : null;
  return {
    ok: region.ok,
    window,
    seen,
    padding: window === null ? [] : outside(window, net.input),
    centre,
    centreText,
    size: { h: window?.height ?? 0, w: window?.width ?? 0 },
    seenSize: { h: seen?.height ?? 0, w: seen?.width ?? 0 },
    paddingFraction: region.paddingFraction,
    global: region.global,
  };
}

/** The parts of `r` outside the image [0, w) × [0, h): a top and bottom band, then left and right pieces. */
export function outside(r: Rect, input: Axes<number>): Rect[] {
  const out: Rect[] = [];
  const x0 = r.x;
  const x1 = r.x + r.width;
  const y0 = r.y;
  const y1 = r.y + r.height;
  const iy0 = clamp(y0, 0, input.h);
  const iy1 = clamp(y1, 0, input.h);
  if (y0 < 0) out.push({ x: x0, y: y0, width: r.width, height: Math.min(y1, 0) - y0 });
  if (y1 > input.h)
    out.push({ x: x0, y: Math.max(y0, input.h), width: r.width, height: y1 - Math.max(y0, input.h) });
  if (iy1 > iy0) {
    if (x0 < 0) out.push({ x: x0, y: iy0, width: Math.min(x1, 0) - x0, height: iy1 - iy0 });
    if (x1 > input.w)
      out.push({ x: Math.max(x0, input.w), y: iy0, width: x1 - Math.max(x0, input.w), height: iy1 - iy0 });
  }
  return out.filter((p) => p.width > 0 && p.height > 0);
}

/** Most RF centres drawn per axis: a larger map draws every k-th unit (k = ⌈n / MAX_CENTRES⌉). */
export const MAX_CENTRES = 128;

/**
 * The RF centres of the units of a node, as one SVG path of zero-length segments (drawn as dots by a
 * round line cap): n_h · n_w elements would be too many for a large map. Every unit up to MAX_CENTRES
 * per axis; beyond that every k-th, so a map of 2^52 units per side draws in the same time as a small one.
 */
export function centresPath(geom: NodeGeometry): string {
  const step = (n: number) => Math.max(1, Math.ceil(n / MAX_CENTRES));
  const sh = step(geom.size.h);
  const sw = step(geom.size.w);
  const parts: string[] = [];
  for (let u = 0; u < geom.size.h; u += sh) {
    const y = geom.start.h + u * geom.jump.h;
    for (let v = 0; v < geom.size.w; v += sw)
      parts.push(`M${round(geom.start.w + v * geom.jump.w)} ${round(y)}h0`);
  }
  return parts.join('');
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A number for the readout: whole numbers as they are, others with one decimal. */
export function formatPixels(x: number, locale: 'en' | 'ru' = 'en'): string {
  const digits = Number.isInteger(x) ? 0 : 1;
  return formatNumber(locale, x, { digits, fixed: true, grouping: 'never', minus: 'hyphen' });
}

/** "35" for a square extent, "35 × 51" otherwise (h × w). */
export function formatExtent(size: Axes<number>): string {
  return size.h === size.w ? String(size.h) : `${size.h} × ${size.w}`;
}

/** The keyboard cursor's cross hairs round a centre: four strokes of 8 units, 6 units clear of it. */
export function crosshairPath(c: Axes<number>, px: number): string {
  const [gap, len, end] = [6 * px, 8 * px, 14 * px];
  return `M${c.w - end} ${c.h}h${len}M${c.w + gap} ${c.h}h${len}M${c.w} ${c.h - end}v${len}M${c.w} ${c.h + gap}v${len}`;
}

/** Moves a keyboard cursor over the grid; returns null for keys the widget does not handle. */
export function moveCursor(
  geom: NodeGeometry,
  cursor: Axes<number>,
  key: string,
  big = false,
): Axes<number> | null {
  const step = big ? Math.max(2, Math.round(Math.min(geom.size.h, geom.size.w) / 4)) : 1;
  const moves: Record<string, Axes<number>> = {
    ArrowLeft: { h: cursor.h, w: cursor.w - step },
    ArrowRight: { h: cursor.h, w: cursor.w + step },
    ArrowUp: { h: cursor.h - step, w: cursor.w },
    ArrowDown: { h: cursor.h + step, w: cursor.w },
    Home: { h: cursor.h, w: 0 },
    End: { h: cursor.h, w: geom.size.w - 1 },
    PageUp: { h: 0, w: cursor.w },
    PageDown: { h: geom.size.h - 1, w: cursor.w },
  };
  const next = moves[key];
  return next === undefined ? null : clampUnit(geom, next);
}
