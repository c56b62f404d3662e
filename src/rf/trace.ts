/**
 * Exact per-unit dependency sets: which units of every upstream node (the input included) one unit
 * depends on. Sets are propagated backwards in reverse topological order as exact 2-D cell sets
 * (`cells.ts`); the per-axis interval lists are their projections.
 */
import type { Axes, Network } from './types.ts';
import { AXES, type Axis } from './axes.ts';
import { error, show, type RfIssue } from './issues.ts';
import { RatioOverflow } from './ratio.ts';
import type { Interval } from './intervals.ts';
import { preimage } from './windows.ts';
import { evaluate, TOO_LARGE, type Evaluation, type NodeState } from './evaluate.ts';
import {
  cellOf,
  cellRects,
  preimageCells,
  projections,
  unionCells,
  type CellSet,
  type Rect,
} from './cells.ts';
import { dict } from './dict.ts';

export interface UnitTrace {
  ok: boolean;
  issues: RfIssue[];
  node: string;
  unit: Axes<number>;
  /**
   * Per upstream node (and the node itself): per axis, sorted disjoint inclusive intervals of units —
   * the exact projections of `cells[name]` (the rows, and the columns, holding at least one cell of
   * it). Their product contains the set and can be larger (an L or a cross upstream of merged branches
   * of different shapes); both are empty when the set is.
   */
  nodes: Record<string, Axes<Interval[]>>;
  /**
   * Per upstream node (and the node itself): the exact 2-D set of units, as disjoint inclusive
   * rectangles sorted by row then column (maximal runs of rows with equal columns, cut into column runs).
   */
  cells: Record<string, Rect[]>;
  /**
   * Only when asked for (`Analysis.trace(…, { windows: true })`): per upstream node, the cells of its
   * padded map that the windows of the traced units read, padding cells included (real indices, so a
   * padding cell lies outside 0…n − 1). What a drawing of padded maps highlights.
   */
  windows?: Record<string, Rect[]>;
}

/**
 * Backward propagation of exact 2-D unit sets. With `clip`, sets stay inside each map's real units
 * (padding cells do not depend on the input); without it, windows reach into padding as virtual units of
 * the unbounded grid, which is what the Distill/lecture RF counts. With `localOnly`, local nodes skip
 * inputs that come through a global layer (the local RF reported next to `globalContext`). Returns the
 * set of every node reached, the node itself included (possibly empty: a path that reads nothing).
 * With `only`, the other axis is collapsed to a single unit that every non-empty set reads: the sets are
 * then {0} × (the 1-D trace of the network made of `only`'s per-axis ops), see `propagateAxes`.
 */
export function propagateCells(
  evaluation: Evaluation,
  node: string,
  unit: Axes<number>,
  clip: boolean,
  localOnly = false,
  only: Axis | null = null,
  windows: Map<string, CellSet> | null = null,
): Map<string, CellSet> {
  const sets = new Map<string, CellSet>();
  const collapse = (list: Interval[]) => (list.length === 0 ? [] : [{ lo: 0, hi: 0 }]);
  sets.set(node, cellOf(only === 'h' ? { h: unit.h, w: 0 } : only === 'w' ? { h: 0, w: unit.w } : unit));
  const states = evaluation.states;
  const targetIndex = states.findIndex((s) => s.name === node);
  for (let i = targetIndex; i >= 0; i--) {
    const state = states[i];
    const set = state === undefined ? undefined : sets.get(state.name);
    if (state === undefined || set === undefined || state.ops === null) continue;
    for (const inputName of new Set(state.inputs)) {
      const source = evaluation.byName.get(inputName);
      // localOnly: a local node ignores paths through global layers (its reported RF is the local one).
      if (source === undefined || (localOnly && source.global && !state.global)) continue;
      // Every op is separable: the preimage of a product of row and column runs is the product of the
      // per-axis preimages, and empty as soon as one of them is.
      const reached = preimageCells(
        set,
        only === 'w' ? collapse : axisPreimage(state, source, 'h', clip),
        only === 'h' ? collapse : axisPreimage(state, source, 'w', clip),
      );
      const previous = sets.get(inputName);
      sets.set(inputName, previous === undefined ? reached : unionCells([previous, reached]));
      if (windows !== null && only === null) {
        const read = preimageCells(
          set,
          axisPreimage(state, source, 'h', false),
          axisPreimage(state, source, 'w', false),
        );
        const before = windows.get(inputName);
        windows.set(inputName, before === undefined ? read : unionCells([before, read]));
      }
    }
  }
  return sets;
}

/** The per-axis preimage through the op of `state`, on the units of `source`. */
function axisPreimage(
  state: NodeState,
  source: NodeState,
  axis: Axis,
  clip: boolean,
): (list: Interval[]) => Interval[] {
  const ops = state.ops;
  if (ops === null) return () => [];
  // A global input broadcast onto a larger map: every unit reads its single unit 0.
  if (source.size[axis] === 1 && state.size[axis] !== 1 && ops[axis].kind === 'identity')
    return (list) => (list.length === 0 ? [] : [{ lo: 0, hi: 0 }]);
  return (list) => preimage(ops[axis], list, source.size[axis], clip);
}

/**
 * Per-axis (1-D) traces: on each axis on its own, the units that `unit` depends on in the 1-D network
 * made of that axis's ops, per node in topological order. This is what a per-axis reference computes,
 * and it checks the per-axis window maps that the 2-D trace is built from. It is NOT the projection of
 * the 2-D dependency set in general: a path that reads nothing on one axis (a transposed-convolution
 * gap, a window lying in padding) contributes nothing at all, yet its other axis counts here; use
 * `propagateCells` (or `traceUnit`, whose `nodes` are the exact projections) for dependency sets. The
 * two agree on networks whose other axis is trivial (1-D stacks and graphs).
 */
export function propagateAxes(
  evaluation: Evaluation,
  node: string,
  unit: Axes<number>,
  clip: boolean,
  localOnly = false,
): Record<string, Axes<Interval[]>> {
  const h = propagateCells(evaluation, node, unit, clip, localOnly, 'h');
  const w = propagateCells(evaluation, node, unit, clip, localOnly, 'w');
  const out = dict<Axes<Interval[]>>();
  for (const state of evaluation.states) {
    const a = h.get(state.name);
    const b = w.get(state.name);
    if (a !== undefined && b !== undefined) out[state.name] = { h: projections(a).h, w: projections(b).w };
  }
  return out;
}

/** Checks that `node` was evaluated and `unit` lies inside its map; returns the issues otherwise. */
export function checkUnit(evaluation: Evaluation, node: string, unit: unknown): RfIssue[] {
  const issues = evaluation.issues.filter((i) => i.severity === 'error');
  if (issues.length > 0) return issues;
  const state = typeof node === 'string' ? evaluation.byName.get(node) : undefined;
  if (state === undefined)
    return [error('unknown-node', String(node), null, null, 'no evaluated node has this name.')];
  const cell = typeof unit === 'object' && unit !== null ? (unit as Record<string, unknown>) : null;
  if (cell === null)
    return [error('unit-out-of-range', node, 'unit', null, `the unit must be {h, w} (got ${show(unit)}).`)];
  for (const axis of AXES) {
    const u = cell[axis];
    const last = state.size[axis] - 1;
    if (typeof u !== 'number' || !Number.isInteger(u) || u < 0 || u > last)
      issues.push(
        error(
          'unit-out-of-range',
          node,
          'unit',
          axis,
          typeof u === 'number' && Number.isFinite(u) && !Number.isInteger(u)
            ? `unit ${show(u)} on axis ${axis} must be a whole number from 0 to ${last}.`
            : `unit ${show(u)} is outside 0…${last} on axis ${axis}.`,
          { unit: show(u), max: last },
        ),
      );
  }
  return issues;
}

/** Rectangles `traceUnit` returns at most per node; a larger exact set is refused as too large. */
export const MAX_TRACE_RECTS = 1 << 20;

/**
 * Exact sets of units, in every upstream node including 'input', that `unit` of `node` depends on: as
 * 2-D cell sets (`cells`) and their per-axis projections (`nodes`). Never throws: values beyond the
 * engine's limits and sets beyond MAX_TRACE_RECTS rectangles come back as a 'too-large' issue.
 */
export function traceUnit(net: Network, node: string, unit: Axes<number>): UnitTrace {
  const evaluation = evaluate(net);
  const issues = checkUnit(evaluation, node, unit);
  if (issues.length > 0) return { ok: false, issues, node, unit, nodes: {}, cells: {} };
  try {
    return traceFromSets(evaluation, node, unit, propagateCells(evaluation, node, unit, true));
  } catch (e) {
    return { ok: false, issues: [failure(node, e)], node, unit, nodes: {}, cells: {} };
  }
}

/**
 * The trace record of propagated sets (and, when given, of the windows read on the padded maps).
 * Throws RatioOverflow for a set of more than MAX_TRACE_RECTS rectangles (callers turn it into an issue).
 */
export function traceFromSets(
  evaluation: Evaluation,
  node: string,
  unit: Axes<number>,
  sets: Map<string, CellSet>,
  windows: Map<string, CellSet> | null = null,
): UnitTrace {
  const nodes = dict<Axes<Interval[]>>();
  const cells = dict<Rect[]>();
  const read = dict<Rect[]>();
  for (const state of evaluation.states) {
    const set = sets.get(state.name);
    if (set === undefined) continue;
    const padded = windows?.get(state.name) ?? set;
    let rects = 0;
    for (const band of windows === null ? set : [...set, ...padded]) rects += band.w.length;
    if (rects > MAX_TRACE_RECTS)
      throw new RatioOverflow(
        `the exact set of "${state.name}" units it depends on has ${rects} rectangles, more than the ${MAX_TRACE_RECTS.toLocaleString('en-US')} a trace returns.`,
      );
    nodes[state.name] = projections(set);
    cells[state.name] = cellRects(set);
    if (windows !== null) read[state.name] = cellRects(padded);
  }
  const trace: UnitTrace = { ok: true, issues: evaluation.issues, node, unit, nodes, cells };
  if (windows !== null) trace.windows = read;
  return trace;
}

/** The issue for an exception inside a trace: too-large for the engine's limits, internal otherwise. */
export function failure(node: string, e: unknown): RfIssue {
  if (e instanceof RatioOverflow) return error('too-large', node, 'unit', null, e.reason ?? TOO_LARGE);
  return error(
    'internal-error',
    node,
    null,
    null,
    `the trace failed unexpectedly (${show(e instanceof Error ? e.message : e)}).`,
  );
}
