/**
 * The input region of one unit: unclipped (the Distill/lecture window, reaching into padding) and
 * clipped (exactly the input pixels that can influence the unit), plus its centre.
 */
import { INPUT, type Axes, type Network } from './types.ts';
import { perAxis } from './axes.ts';
import type { RfIssue } from './issues.ts';
import { boundingBox, type Interval } from './intervals.ts';
import { ratio, ratioAdd, ratioMul, type Ratio } from './ratio.ts';
import { evaluate } from './evaluate.ts';
import { checkUnit, propagateBack } from './trace.ts';

export interface UnitRegion {
  ok: boolean;
  issues: RfIssue[];
  /** Bounding box of the union of un-clipped windows (may extend outside the image); null if the unit reads nothing. */
  unclipped: Axes<Interval | null>;
  /** Bounding box of the exact set of input pixels that influence the unit; null if none does. */
  clipped: Axes<Interval | null>;
  /** Centre of the unit in input coordinates: start + u·j (pixel i spans [i, i+1)). */
  centre: Axes<Ratio>;
  /** Share of the unclipped rectangle's area that lies outside the image, 0…1. */
  paddingFraction: number;
  /** Per axis: the exact clipped input set is one interval (false with dilation holes or gaps). */
  contiguous: Axes<boolean>;
  global: boolean;
  /** The unit also depends on the whole image through a global path (squeeze-and-excitation). */
  globalContext: boolean;
}

const none: Axes<null> = { h: null, w: null };

/**
 * Region of `unit` of `node` in the input image (0-based pixels, inclusive); the whole image when the
 * node is global, and the local region (paths through global layers left out) under globalContext.
 */
export function unitRegion(net: Network, node: string, unit: Axes<number>): UnitRegion {
  const evaluation = evaluate(net);
  const issues = checkUnit(evaluation, node, unit);
  const state = evaluation.byName.get(node);
  if (issues.length > 0 || state === undefined)
    return {
      ok: false,
      issues,
      unclipped: none,
      clipped: none,
      centre: perAxis(() => ratio(0)),
      paddingFraction: 0,
      contiguous: perAxis(() => false),
      global: false,
      globalContext: false,
    };
  const centre = perAxis((axis) =>
    ratioAdd(state.summary[axis].start, ratioMul(ratio(unit[axis]), state.summary[axis].jump)),
  );
  const image = evaluation.byName.get(INPUT)?.size ?? { h: 1, w: 1 };
  const clippedSets = propagateBack(evaluation, node, unit, true, true)[INPUT] ?? { h: [], w: [] };
  const unclippedSets = state.global
    ? clippedSets
    : (propagateBack(evaluation, node, unit, false, true)[INPUT] ?? { h: [], w: [] });
  const unclipped = perAxis((axis) => boundingBox(unclippedSets[axis]));
  const clipped = perAxis((axis) => boundingBox(clippedSets[axis]));
  const inside = perAxis((axis) => {
    const box = unclipped[axis];
    if (box === null) return { total: 0, inside: 0 };
    const lo = Math.max(box.lo, 0);
    const hi = Math.min(box.hi, image[axis] - 1);
    return { total: box.hi - box.lo + 1, inside: Math.max(hi - lo + 1, 0) };
  });
  const area = inside.h.total * inside.w.total;
  return {
    ok: true,
    issues: evaluation.issues,
    unclipped,
    clipped,
    centre,
    paddingFraction: area === 0 ? 0 : 1 - (inside.h.inside * inside.w.inside) / area,
    contiguous: perAxis((axis) => clippedSets[axis].length === 1),
    global: state.global,
    globalContext: state.globalContext,
  };
}
