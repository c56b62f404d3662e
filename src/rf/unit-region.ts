/**
 * The input region of one unit: unclipped (the Distill/lecture window, reaching into padding) and
 * clipped (exactly the input pixels that can influence the unit), plus its centre.
 */
import { INPUT, type Axes, type Network } from './types.ts';
import { perAxis } from './axes.ts';
import type { RfIssue } from './issues.ts';
import type { Interval } from './intervals.ts';
import { ratio, ratioAdd, ratioMul, type Ratio } from './ratio.ts';
import { evaluate, type Evaluation, type NodeState } from './evaluate.ts';
import { addExact, subExact } from './math.ts';
import { checkUnit, failure, propagateCells } from './trace.ts';
import { cellBox, cellCount, projections, type CellSet } from './cells.ts';

export interface UnitRegion {
  ok: boolean;
  issues: RfIssue[];
  /**
   * Bounding box of the union of un-clipped windows (may extend outside the image): of the exact 2-D set
   * of virtual input cells, so a path that reads nothing on one axis adds nothing on the other. Null (on
   * both axes) if the unit reads nothing.
   */
  unclipped: Axes<Interval | null>;
  /** Bounding box of the exact 2-D set of input pixels that influence the unit; null (both axes) if none does. */
  clipped: Axes<Interval | null>;
  /** Centre of the unit in input coordinates: start + u·j (pixel i spans [i, i+1)). */
  centre: Axes<Ratio>;
  /** Share of the unclipped rectangle's area that lies outside the image, 0…1. */
  paddingFraction: number;
  /**
   * Per axis: the projection of the exact clipped input set (the rows, or the columns, holding at least
   * one of its pixels) is one interval (false with dilation holes or gaps; false when the set is empty).
   * The set itself can still have holes when both are true (an L, a cross): see `filled`.
   */
  contiguous: Axes<boolean>;
  /** The exact clipped input set is a non-empty rectangle: every pixel of `clipped` influences the unit. */
  filled: boolean;
  /** Number of input pixels in the exact clipped set (at most the area of `clipped`). */
  pixels: number;
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
  if (issues.length > 0 || state === undefined) return refused(issues);
  try {
    const clippedCells = propagateCells(evaluation, node, unit, true, true).get(INPUT) ?? [];
    const unclippedCells = state.global
      ? clippedCells
      : (propagateCells(evaluation, node, unit, false, true).get(INPUT) ?? []);
    return regionFromSets(evaluation, state, unit, clippedCells, unclippedCells);
  } catch (e) {
    return refused([failure(node, e)]);
  }
}

/** The region record of a unit that cannot be answered (its issues say why). */
export function refused(issues: RfIssue[]): UnitRegion {
  return {
    ok: false,
    issues,
    unclipped: none,
    clipped: none,
    centre: perAxis(() => ratio(0)),
    paddingFraction: 0,
    contiguous: perAxis(() => false),
    filled: false,
    pixels: 0,
    global: false,
    globalContext: false,
  };
}

/**
 * The region of `unit` of `state` from its local input sets: `clippedCells` (real pixels) and
 * `unclippedCells` (virtual cells of the unbounded grid), both traced with paths through global layers
 * left out. Throws RatioOverflow beyond the exact range (callers turn it into an issue).
 */
export function regionFromSets(
  evaluation: Evaluation,
  state: NodeState,
  unit: Axes<number>,
  clippedCells: CellSet,
  unclippedCells: CellSet,
): UnitRegion {
  const centre = perAxis((axis) =>
    ratioAdd(state.summary[axis].start, ratioMul(ratio(unit[axis]), state.summary[axis].jump)),
  );
  const image = evaluation.byName.get(INPUT)?.size ?? { h: 1, w: 1 };
  const unclipped = cellBox(unclippedCells);
  const clipped = cellBox(clippedCells);
  const clippedSets = projections(clippedCells);
  const inside = perAxis((axis) => {
    const box = unclipped[axis];
    if (box === null) return { total: 0, inside: 0 };
    const lo = Math.max(box.lo, 0);
    const hi = Math.min(box.hi, image[axis] - 1);
    return { total: addExact(subExact(box.hi, box.lo), 1), inside: Math.max(hi - lo + 1, 0) };
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
    filled: clippedCells.length === 1 && clippedCells[0]?.w.length === 1,
    pixels: cellCount(clippedCells),
    global: state.global,
    globalContext: state.globalContext,
  };
}
