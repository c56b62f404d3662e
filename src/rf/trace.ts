/**
 * Exact per-unit dependency sets: which units of every upstream node (the input included) one unit
 * depends on. Sets are propagated backwards in reverse topological order as merged interval lists.
 */
import type { Axes, Network } from './types.ts';
import { AXES, perAxis } from './axes.ts';
import { error, type RfIssue } from './issues.ts';
import { normalizeIntervals, type Interval } from './intervals.ts';
import { preimage } from './windows.ts';
import { evaluate, type Evaluation } from './evaluate.ts';

export interface UnitTrace {
  ok: boolean;
  issues: RfIssue[];
  node: string;
  unit: Axes<number>;
  /** Per upstream node (and the node itself): per axis, sorted disjoint inclusive intervals of units. */
  nodes: Record<string, Axes<Interval[]>>;
}

/**
 * Backward propagation of unit sets. With `clip`, sets stay inside each map's real units (padding cells
 * do not depend on the input); without it, windows reach into padding as virtual units of the
 * unbounded grid, which is what the Distill/lecture RF counts. With `localOnly`, local nodes skip
 * inputs that come through a global layer (the local RF reported next to `globalContext`).
 */
export function propagateBack(
  evaluation: Evaluation,
  node: string,
  unit: Axes<number>,
  clip: boolean,
  localOnly = false,
): Record<string, Axes<Interval[]>> {
  const sets = new Map<string, Axes<Interval[]>>();
  sets.set(
    node,
    perAxis((axis) => [{ lo: unit[axis], hi: unit[axis] }]),
  );
  const states = evaluation.states;
  const targetIndex = states.findIndex((s) => s.name === node);
  for (let i = targetIndex; i >= 0; i--) {
    const state = states[i];
    const set = state === undefined ? undefined : sets.get(state.name);
    if (state === undefined || set === undefined || state.ops === null) continue;
    const ops = state.ops;
    for (const inputName of new Set(state.inputs)) {
      const source = evaluation.byName.get(inputName);
      // localOnly: a local node ignores paths through global layers (its reported RF is the local one).
      if (source === undefined || (localOnly && source.global && !state.global)) continue;
      const reached = perAxis((axis) => {
        // A global input broadcast onto a larger map: every unit reads its single unit 0.
        if (source.size[axis] === 1 && state.size[axis] !== 1 && ops[axis].kind === 'identity')
          return set[axis].length === 0 ? [] : [{ lo: 0, hi: 0 }];
        return preimage(ops[axis], set[axis], source.size[axis], clip);
      });
      const previous = sets.get(inputName);
      sets.set(
        inputName,
        previous === undefined
          ? reached
          : perAxis((axis) => normalizeIntervals([...previous[axis], ...reached[axis]])),
      );
    }
  }
  const out: Record<string, Axes<Interval[]>> = {};
  for (const state of states) {
    const set = sets.get(state.name);
    if (set !== undefined) out[state.name] = set;
  }
  return out;
}

/** Checks that `node` was evaluated and `unit` lies inside its map; returns the issues otherwise. */
export function checkUnit(evaluation: Evaluation, node: string, unit: Axes<number>): RfIssue[] {
  const issues = evaluation.issues.filter((i) => i.severity === 'error');
  if (issues.length > 0) return issues;
  const state = evaluation.byName.get(node);
  if (state === undefined)
    return [error('unknown-node', node, null, null, 'no evaluated node has this name.')];
  for (const axis of AXES) {
    const u = unit[axis];
    if (!Number.isSafeInteger(u) || u < 0 || u >= state.size[axis])
      issues.push(
        error(
          'unit-out-of-range',
          node,
          'unit',
          axis,
          `unit ${String(u)} is outside 0…${state.size[axis] - 1} on axis ${axis}.`,
        ),
      );
  }
  return issues;
}

/** Exact sets of units, in every upstream node including 'input', that `unit` of `node` depends on. */
export function traceUnit(net: Network, node: string, unit: Axes<number>): UnitTrace {
  const evaluation = evaluate(net);
  const issues = checkUnit(evaluation, node, unit);
  if (issues.length > 0) return { ok: false, issues, node, unit, nodes: {} };
  return {
    ok: true,
    issues: evaluation.issues,
    node,
    unit,
    nodes: propagateBack(evaluation, node, unit, true),
  };
}
