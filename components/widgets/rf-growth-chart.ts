import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { LayerResult } from '../../src/rf';

export type YScale = 'log' | 'linear';

/** One layer as the chart plots it: its depth and its RF size on each axis (engine values). */
export interface GrowthPoint {
  name: string;
  /** Depth: the number of layers on the longest path from the input (the position, in a chain). */
  index: number;
  rf: { h: number; w: number };
  global: boolean;
}

export interface ChartTick {
  value: number;
  pos: number;
  label: string;
}

export interface PlacedPoint extends GrowthPoint {
  x: number;
  y: { h: number; w: number };
}

export interface ChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  xTicks: ChartTick[];
  yTicks: ChartTick[];
  points: PlacedPoint[];
  /**
   * SVG path of r (h axis) through the largest r at each depth, so that parallel branches of a
   * network draw one curve instead of a zig-zag; `pathW` only when some layer's r differs between
   * the axes.
   */
  pathH: string;
  pathW: string | null;
  /** y position of the reference line (the input size), or null. */
  referenceY: number | null;
}

/**
 * A layer as the chart reads it, in topological order. `index` is its depth when the caller knows it
 * (a reduced list of a long network); otherwise the depth is worked out from `inputs` (1 + the
 * deepest input), and a list without inputs is read as a chain.
 */
export type ChartLayer = Pick<LayerResult, 'name' | 'rf' | 'global'> & {
  index?: number;
  inputs?: readonly string[];
};

/** The points of a list of layers (the input is layer 0, r = 1), ordered by depth. */
export function growthPoints(layers: readonly ChartLayer[]): GrowthPoint[] {
  const depth = new Map<string, number>();
  const points = layers.map((layer, i) => {
    let index = layer.index ?? i;
    if (layer.index === undefined && layer.inputs !== undefined) {
      index = 0;
      for (const name of layer.inputs) index = Math.max(index, (depth.get(name) ?? -1) + 1);
    }
    depth.set(layer.name, index);
    return { name: layer.name, index, rf: { h: layer.rf.h, w: layer.rf.w }, global: layer.global };
  });
  // Array.prototype.sort is stable: layers of one depth keep their order.
  return points.sort((a, b) => a.index - b.index);
}

/** The point with the largest r on `axis` at each depth, in depth order (the drawn curve). */
function envelope(points: readonly PlacedPoint[], axis: 'h' | 'w'): PlacedPoint[] {
  const top: PlacedPoint[] = [];
  for (const p of points) {
    const last = top.at(-1);
    if (last === undefined || last.index !== p.index) top.push(p);
    else if (p.rf[axis] > last.rf[axis]) top[top.length - 1] = p;
  }
  return top;
}

/** Log ticks at 1, 3, 10, 30…: enough to read a value, few enough for a phone. */
function logTicks(max: number): number[] {
  const ticks: number[] = [];
  for (let decade = 1; decade <= max * 1.0001; decade *= 10) {
    ticks.push(decade);
    if (3 * decade <= max * 1.0001) ticks.push(3 * decade);
  }
  return ticks;
}

/**
 * Positions of axes, ticks, lines and points for a chart of `width` × `height` pixels, with d3 scales:
 * x = layer index (linear), y = r (log or linear, from 1 on a log axis and 0 on a linear one).
 */
export function layoutChart(
  points: readonly GrowthPoint[],
  options: { width: number; height: number; scale: YScale; reference?: number | null },
): ChartLayout {
  const { width, height, scale } = options;
  const reference = options.reference ?? null;
  const margin = { top: 12, right: 14, bottom: 40, left: 52 };
  const last = Math.max(1, points.at(-1)?.index ?? 0);
  // A loop, not Math.max(...values): spreading 100,000 values overflows the call stack.
  let maxR = Math.max(1, reference ?? 1);
  for (const p of points) maxR = Math.max(maxR, p.rf.h, p.rf.w);
  const x = scaleLinear()
    .domain([0, last])
    .range([margin.left, Math.max(margin.left + 1, width - margin.right)]);
  const yRange: [number, number] = [Math.max(margin.top + 1, height - margin.bottom), margin.top];
  const y =
    scale === 'log'
      ? scaleLog().domain([1, maxR]).range(yRange).nice()
      : scaleLinear().domain([0, maxR]).range(yRange).nice();
  const yValues = scale === 'log' ? logTicks(y.domain()[1] ?? maxR) : y.ticks(5);
  const xCount = Math.max(1, Math.min(last, Math.floor((width - margin.left - margin.right) / 48)));
  const xValues = x.ticks(xCount).filter((v) => Number.isInteger(v));
  const placed = points.map((p) => ({ ...p, x: x(p.index), y: { h: y(p.rf.h), w: y(p.rf.w) } }));
  const path = (axis: 'h' | 'w') =>
    line<PlacedPoint>()
      .x((p) => p.x)
      .y((p) => p.y[axis])(envelope(placed, axis)) ?? '';
  const differs = points.some((p) => p.rf.h !== p.rf.w);
  return {
    width,
    height,
    margin,
    xTicks: xValues.map((value) => ({ value, pos: x(value), label: String(value) })),
    yTicks: yValues.map((value) => ({ value, pos: y(value), label: String(value) })),
    points: placed,
    pathH: path('h'),
    pathW: differs ? path('w') : null,
    referenceY: reference === null ? null : y(reference),
  };
}

/** Index of the point to move to from `current` by `step` (±1, ±Infinity), clamped. */
export function stepPoint(count: number, current: number, step: number): number {
  if (count === 0) return 0;
  const target = step === Infinity ? count - 1 : step === -Infinity ? 0 : current + step;
  return Math.max(0, Math.min(count - 1, target));
}
