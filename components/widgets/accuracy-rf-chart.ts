/**
 * View model of AccuracyRfChart: ImageNet top-1 accuracy against receptive field size (log axis), bubble
 * area proportional to GFLOPs, and a least-squares trend of accuracy on log RF. The accuracies and FLOPs
 * come from the data file; the RF of each network is computed by the engine from the model zoo.
 */
import { scaleLinear, scaleLog, scaleSqrt } from 'd3-scale';
import { analyze, type Network } from '../../src/rf';
import type { AccuracyPoint } from '../../src/data/accuracy-vs-rf';
import { formatNumber } from './parts/number';

/** A network of the chart with its RF. */
export interface ChartPoint extends AccuracyPoint {
  title: string;
  /** Theoretical RF of the zoo endpoint at the model's input size, pixels (from the engine). */
  rf: number;
}

/** The zoo entry fields the chart needs. */
export interface ZooEntry {
  id: string;
  title: string;
  endpoint: string;
  network: Network;
}

/** The RF of a zoo model's endpoint (the w axis; the zoo's networks are square), or null on an engine error. */
export function endpointRf(model: ZooEntry): number | null {
  const analysis = analyze(model.network, { at: model.endpoint });
  return analysis.ok && analysis.output !== null ? analysis.output.rf.w : null;
}

/** Joins the data with the zoo; a point whose model is missing or fails to analyse is left out. */
export function chartPoints(data: AccuracyPoint[], find: (id: string) => ZooEntry | undefined): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const point of data) {
    const model = find(point.id);
    const rf = model === undefined ? null : endpointRf(model);
    if (model !== undefined && rf !== null) out.push({ ...point, title: model.title, rf });
  }
  return out.sort((a, b) => a.rf - b.rf || a.id.localeCompare(b.id));
}

/** y = a + b · ln x fitted by least squares, with the coefficient of determination R². */
export interface LogTrend {
  a: number;
  b: number;
  r2: number;
  /** Change in y when x doubles: b · ln 2. */
  perDoubling: number;
}

/** Least squares of y on ln x; null with fewer than two distinct positive x values. */
export function fitLogTrend(points: { x: number; y: number }[]): LogTrend | null {
  const usable = points.filter((p) => p.x > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
  const n = usable.length;
  if (n < 2) return null;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => p.y);
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const b = sxy / sxx;
  const a = my - b * mx;
  let ssRes = 0;
  for (let i = 0; i < n; i++) ssRes += ((ys[i] as number) - (a + b * (xs[i] as number))) ** 2;
  return { a, b, r2: syy === 0 ? 1 : 1 - ssRes / syy, perDoubling: b * Math.LN2 };
}

/** The trend's value at x. */
export function trendAt(trend: LogTrend, x: number): number {
  return trend.a + trend.b * Math.log(x);
}

/**
 * The part of the trend inside the box [x0, x1] × [y0, y1], as its two ends. On a logarithmic x-axis
 * y = a + b ln x is a straight line, so two points draw it exactly.
 */
export function trendSegment(
  trend: LogTrend,
  [x0, x1]: [number, number],
  [y0, y1]: [number, number],
): [[number, number], [number, number]] | null {
  let lo = x0;
  let hi = x1;
  if (trend.b !== 0) {
    // Where the line crosses y0 and y1, in x.
    const xa = Math.exp((y0 - trend.a) / trend.b);
    const xb = Math.exp((y1 - trend.a) / trend.b);
    lo = Math.max(lo, Math.min(xa, xb));
    hi = Math.min(hi, Math.max(xa, xb));
  } else if (trend.a < y0 || trend.a > y1) return null;
  if (!(lo < hi)) return null;
  return [
    [lo, trendAt(trend, lo)],
    [hi, trendAt(trend, hi)],
  ];
}

/** Sizes of the drawing in CSS pixels. */
export interface ChartSize {
  width: number;
  height: number;
}

export const MARGIN = { top: 24, right: 18, bottom: 46, left: 52 };

/** Where each point and label go, the axes' ticks and the trend line's path. */
export interface ChartLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  /**
   * Each bubble with its label: the network's name on a wide chart; on a narrow one a number (`key`,
   * 1… in RF order) that the list under the chart explains, so that no network goes unnamed.
   */
  dots: { id: string; key: string; cx: number; cy: number; r: number; label: LabelSpot | null }[];
  /** True when the labels are numbers (a narrow chart). */
  numbered: boolean;
  xTicks: { value: number; x: number; label: string }[];
  yTicks: { value: number; y: number; label: string }[];
  trendPath: string;
  /** Reference bubbles for the size legend. */
  legend: { gflops: number; r: number }[];
}

/** Height for a given width: wide on a desktop, taller than wide on a phone. */
export function chartHeight(width: number): number {
  return Math.round(Math.min(470, Math.max(320, width * 0.7)));
}

/**
 * Advance of one character of the 11.5-px monospace labels (0.6 em, rounded up), and the height of
 * their box as the browser measures it (ascent + descent, about 1.3 em).
 */
const CHAR_WIDTH = 7;
const LABEL_HEIGHT = 15;

/** Labels placed first get the best spots: the networks the lessons discuss come first. */
export const LABEL_PRIORITY: readonly string[] = [
  'inception_v3',
  'resnet_v1_152',
  'vgg_16',
  'mobilenet_v1',
  'inception_resnet_v2',
  'inception_v4',
  'resnet_v1_101',
  'resnet_v1_50',
  'inception_v2',
  'alexnet_v2',
];

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** A placed label: anchor point, text anchor, or null when no free spot was found. */
export interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** A short line from the bubble to a label set diagonally. */
  leader?: { x1: number; y1: number; x2: number; y2: number };
}

/** Whether the segment (x1, y1)–(x2, y2) passes through the box. */
function segmentHitsBox(seg: { x1: number; y1: number; x2: number; y2: number }, b: Box): boolean {
  // Clip the segment to the box's x range, then compare its y range there with the box's.
  const lo = Math.max(Math.min(seg.x1, seg.x2), b.x0);
  const hi = Math.min(Math.max(seg.x1, seg.x2), b.x1);
  if (lo > hi) return false;
  const yAt = (x: number) =>
    seg.x2 === seg.x1 ? seg.y1 : seg.y1 + ((seg.y2 - seg.y1) * (x - seg.x1)) / (seg.x2 - seg.x1);
  const ya = yAt(lo);
  const yb = yAt(hi);
  return Math.max(ya, yb) >= b.y0 && Math.min(ya, yb) <= b.y1;
}

/**
 * Places each label next to its bubble where it overlaps no other label, no other bubble and no line
 * (the trend) and stays in the plot, trying right, left, above and below in turn; a label with no free
 * spot is left out (the tooltip and the table still name the point). `text` gives each label's text
 * when it is not the id.
 */
export function placeLabels(
  dots: { id: string; cx: number; cy: number; r: number; text?: string }[],
  plot: { x: number; y: number; width: number; height: number },
  priority: readonly string[] = LABEL_PRIORITY,
  lines: readonly { x1: number; y1: number; x2: number; y2: number }[] = [],
): (LabelSpot | null)[] {
  const placed: Box[] = [];
  const bubbles: Box[] = dots.map((d) => ({
    x0: d.cx - d.r,
    y0: d.cy - d.r,
    x1: d.cx + d.r,
    y1: d.cy + d.r,
  }));
  const rank = (id: string) => (priority.includes(id) ? priority.indexOf(id) : priority.length);
  const order = dots
    .map((_, i) => i)
    .sort((i, j) => rank(dots[i]?.id ?? '') - rank(dots[j]?.id ?? '') || i - j);
  const spots: (LabelSpot | null)[] = dots.map(() => null);
  const lo = plot.x;
  const hi = plot.x + plot.width;
  for (const i of order) {
    const d = dots[i];
    if (d === undefined) continue;
    const w = (d.text ?? d.id).length * CHAR_WIDTH;
    const gap = 4;
    // Centred labels slide sideways to stay inside the plot.
    const mid = Math.min(Math.max(d.cx, lo + w / 2), hi - w / 2);
    const up = d.cy - d.r - gap;
    const down = d.cy + d.r + gap;
    const candidates: (LabelSpot & { box: Box })[] = [
      {
        x: d.cx + d.r + gap,
        y: d.cy + 4,
        anchor: 'start',
        box: { x0: d.cx + d.r + gap, y0: d.cy - 8, x1: d.cx + d.r + gap + w, y1: d.cy + 7 },
      },
      {
        x: d.cx - d.r - gap,
        y: d.cy + 4,
        anchor: 'end',
        box: { x0: d.cx - d.r - gap - w, y0: d.cy - 8, x1: d.cx - d.r - gap, y1: d.cy + 7 },
      },
      {
        x: mid,
        y: up,
        anchor: 'middle',
        box: { x0: mid - w / 2, y0: up - LABEL_HEIGHT, x1: mid + w / 2, y1: up },
      },
      {
        x: mid,
        y: down + LABEL_HEIGHT - 2,
        anchor: 'middle',
        box: { x0: mid - w / 2, y0: down, x1: mid + w / 2, y1: down + LABEL_HEIGHT },
      },
    ];
    // Diagonal spots, for crowded corners.
    // Diagonal spots for crowded corners, a little further out, with a short leader line to the bubble.
    const e = d.r * Math.SQRT1_2;
    for (const reach of [6, 22, 40]) {
      const k = e + reach;
      for (const [sx, sy] of [
        [1, -1],
        [-1, -1],
        [1, 1],
        [-1, 1],
      ] as const) {
        const x = d.cx + sx * k;
        const edge = d.cy + sy * (k + 2);
        const y0 = sy < 0 ? edge - LABEL_HEIGHT : edge;
        candidates.push({
          x,
          y: y0 + LABEL_HEIGHT - 2,
          anchor: sx > 0 ? 'start' : 'end',
          box: { x0: sx > 0 ? x : x - w, y0, x1: sx > 0 ? x + w : x, y1: y0 + LABEL_HEIGHT },
          leader: { x1: d.cx + sx * e, y1: d.cy + sy * e, x2: x, y2: edge },
        });
      }
    }
    const inside = (b: Box) => b.x0 >= lo && b.x1 <= hi && b.y0 >= 0 && b.y1 <= plot.y + plot.height;
    const free = candidates.find(
      (c) =>
        inside(c.box) &&
        !placed.some((p) => overlaps(p, c.box)) &&
        !lines.some((l) => segmentHitsBox(l, c.box)) &&
        !bubbles.some((b, j) => j !== i && overlaps(b, c.box)),
    );
    if (free === undefined) continue;
    placed.push(free.box);
    spots[i] = { x: free.x, y: free.y, anchor: free.anchor, ...(free.leader ? { leader: free.leader } : {}) };
  }
  return spots;
}

/**
 * A filter that keeps a tick only when its centred label clears the last kept one by 8 px (on a phone
 * 3000 would touch 2000).
 */
function spacedTicks(): (tick: { x: number; label: string }) => boolean {
  let last: { x: number; label: string } | null = null;
  return (tick) => {
    const room = last === null ? 0 : ((last.label.length + tick.label.length) * CHAR_WIDTH) / 2 + 8;
    if (last !== null && tick.x - last.x < room) return false;
    last = tick;
    return true;
  };
}

/** The layout for `points` in a drawing of `size`; `trend` may be null (fewer than two points). */
export function chartLayout(points: ChartPoint[], trend: LogTrend | null, size: ChartSize): ChartLayout {
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    width: Math.max(40, size.width - MARGIN.left - MARGIN.right),
    height: Math.max(40, size.height - MARGIN.top - MARGIN.bottom),
  };
  const rfs = points.map((p) => p.rf);
  const accs = points.map((p) => p.top1);
  const xMin = rfs.length ? Math.min(...rfs) : 100;
  const xMax = rfs.length ? Math.max(...rfs) : 4000;
  const x = scaleLog()
    .domain([xMin / 1.35, xMax * 1.35])
    .range([plot.x, plot.x + plot.width]);
  const yLo = accs.length ? Math.floor((Math.min(...accs) - 3) / 5) * 5 : 50;
  const yHi = accs.length ? Math.ceil((Math.max(...accs) + 2) / 5) * 5 : 85;
  const y = scaleLinear()
    .domain([yLo, yHi])
    .range([plot.y + plot.height, plot.y]);
  const maxG = Math.max(1, ...points.map((p) => p.gflops));
  const maxR = Math.max(7, Math.min(22, plot.width / 26));
  const r = scaleSqrt().domain([0, maxG]).range([0, maxR]);
  const fmt = x.tickFormat(Infinity, '~d');
  // Ticks at 1, 2, 3 and 5 per decade fit down to a phone's plot (about 270 px); below that, 1 and 3.
  const narrow = plot.width < 200;
  const xTicks = x
    .ticks()
    .filter((v) => {
      const lead = Math.round(v / 10 ** Math.floor(Math.log10(v)));
      return narrow ? lead === 1 || lead === 3 : lead === 1 || lead === 2 || lead === 3 || lead === 5;
    })
    .map((value) => ({ value, x: x(value), label: fmt(value) }))
    .filter(spacedTicks());
  const yTicks = y
    .ticks(plot.width < 420 ? 5 : 7)
    .map((value) => ({ value, y: y(value), label: String(value) }));
  let trendPath = '';
  const ends =
    trend === null || points.length < 2
      ? null
      : trendSegment(trend, x.domain() as [number, number], [yLo, yHi]);
  const lines: { x1: number; y1: number; x2: number; y2: number }[] = [];
  if (ends !== null) {
    const [[xa, ya], [xb, yb]] = ends;
    trendPath = `M${x(xa)},${y(ya)}L${x(xb)},${y(yb)}`;
    lines.push({ x1: x(xa), y1: y(ya), x2: x(xb), y2: y(yb) });
  }
  // Below this width the names do not fit beside their bubbles: number them instead.
  const numbered = size.width < 560;
  const bubbles = points.map((p, i) => ({
    id: p.id,
    key: String(i + 1),
    cx: x(p.rf),
    cy: y(p.top1),
    r: Math.max(3, r(p.gflops)),
  }));
  const labels = placeLabels(
    bubbles.map((b) => (numbered ? { ...b, text: b.key } : b)),
    plot,
    LABEL_PRIORITY,
    lines,
  );
  const dots = bubbles.map((d, i) => ({ ...d, label: labels[i] ?? null }));
  const legend = [1, 10, 30].filter((g) => g <= maxG * 1.05).map((gflops) => ({ gflops, r: r(gflops) }));
  return { width: size.width, height: size.height, plot, dots, numbered, xTicks, yTicks, trendPath, legend };
}

/** A fixed-point number with the locale's decimal mark ("78.0", in Russian "78,0"). */
export function formatFixed(v: number, digits: number, locale: 'en' | 'ru' = 'en'): string {
  return formatNumber(locale, v, { digits, fixed: true, grouping: 'never', minus: 'hyphen' });
}

/** Percent with one decimal ("78.0"), GFLOPs with two ("5.69"). */
export const formatAccuracy = (v: number, locale: 'en' | 'ru' = 'en'): string => formatFixed(v, 1, locale);
export const formatGflops = (v: number, locale: 'en' | 'ru' = 'en'): string => formatFixed(v, 2, locale);

/** The next point in RF order for a key, or null for keys the chart does not handle. */
export function nextPoint(ids: string[], current: string, key: string): string | null {
  const i = Math.max(0, ids.indexOf(current));
  const moves: Record<string, number> = {
    ArrowRight: i + 1,
    ArrowDown: i + 1,
    ArrowLeft: i - 1,
    ArrowUp: i - 1,
    Home: 0,
    End: ids.length - 1,
  };
  const to = moves[key];
  if (to === undefined) return null;
  return ids[Math.max(0, Math.min(ids.length - 1, to))] ?? null;
}
