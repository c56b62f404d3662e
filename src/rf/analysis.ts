/**
 * The analysis object: one evaluation of a network, asked many questions. The table (`layers`) is built
 * once; traces and regions of any node and unit are propagated from the same evaluation on demand and
 * kept in a small cache, so hovering back and forth over units costs one propagation per new unit.
 */
import { INPUT, type Axes } from './types.ts';
import type { RfIssue } from './issues.ts';
import type { Evaluation } from './evaluate.ts';
import type { CellSet } from './cells.ts';
import type { Analysis, LayerResult, TraceOptions } from './analyze.ts';
import { checkUnit, failure, propagateCells, traceFromSets, type UnitTrace } from './trace.ts';
import { refused, regionFromSets, type UnitRegion } from './unit-region.ts';

/** Traces and regions kept per analysis (least recently used dropped first). */
const CACHE_SIZE = 64;

/** A small least-recently-used map. */
class Recent<V> {
  readonly #items = new Map<string, V>();

  get(key: string, make: () => V): V {
    const found = this.#items.get(key);
    if (found !== undefined) {
      this.#items.delete(key);
      this.#items.set(key, found);
      return found;
    }
    const value = make();
    this.#items.set(key, value);
    if (this.#items.size > CACHE_SIZE) {
      const oldest = this.#items.keys().next();
      if (oldest.done !== true) this.#items.delete(oldest.value);
    }
    return value;
  }
}

interface Fields {
  ok: boolean;
  issues: RfIssue[];
  layers: LayerResult[];
  output: LayerResult | null;
}

/** The evaluation behind each analysis object (kept off the object, which clones as plain data). */
const evaluations = new WeakMap<Analysis, Evaluation>();

/** The evaluation an analysis was made from (null for an object `analyze` did not make). */
export function evaluationOf(analysis: Analysis): Evaluation | null {
  return evaluations.get(analysis) ?? null;
}

/**
 * `Analysis` backed by its evaluation. Only the four data fields are own enumerable properties: the
 * object compares and clones as plain data; the evaluation and caches are private.
 */
export class NetworkAnalysis implements Analysis {
  ok: boolean;
  issues: RfIssue[];
  layers: LayerResult[];
  output: LayerResult | null;
  readonly #evaluation: Evaluation;
  readonly #rows: Map<string, LayerResult>;
  readonly #sets = new Recent<Map<string, CellSet>>();
  readonly #traces = new Recent<UnitTrace>();
  readonly #regions = new Recent<UnitRegion>();

  constructor(evaluation: Evaluation, rows: Map<string, LayerResult>, fields: Fields) {
    this.ok = fields.ok;
    this.issues = fields.issues;
    this.layers = fields.layers;
    this.output = fields.output;
    this.#evaluation = evaluation;
    this.#rows = rows;
    evaluations.set(this, evaluation);
  }

  layer(name: string): LayerResult | null {
    return this.#rows.get(name) ?? null;
  }

  trace(node: string, unit: Axes<number>, options: TraceOptions = {}): UnitTrace {
    const clip = options.clip ?? true;
    const windows = clip && options.windows === true;
    return this.#traces.get(`${key(node, unit)}|${clip}|${windows}`, () => {
      const issues = checkUnit(this.#evaluation, node, unit);
      if (issues.length > 0) return { ok: false, issues, node, unit, nodes: {}, cells: {} };
      if (!windows)
        return traceFromSets(this.#evaluation, node, unit, this.#propagate(node, unit, clip, false));
      const read = new Map<string, CellSet>();
      const sets = propagateCells(this.#evaluation, node, unit, true, false, null, read);
      return traceFromSets(this.#evaluation, node, unit, sets, read);
    });
  }

  region(node: string, unit: Axes<number>): UnitRegion {
    return this.#regions.get(key(node, unit), () => {
      const evaluation = this.#evaluation;
      const issues = checkUnit(evaluation, node, unit);
      const state = evaluation.byName.get(node);
      if (issues.length > 0 || state === undefined) return refused(issues);
      try {
        const clipped = this.#propagate(node, unit, true, true).get(INPUT) ?? [];
        const unclipped = state.global
          ? clipped
          : (this.#propagate(node, unit, false, true).get(INPUT) ?? []);
        return regionFromSets(evaluation, state, unit, clipped, unclipped);
      } catch (e) {
        return refused([failure(node, e)]);
      }
    });
  }

  /** Propagated sets, shared by traces and regions (without global context, local-only is the full trace). */
  #propagate(node: string, unit: Axes<number>, clip: boolean, localOnly: boolean): Map<string, CellSet> {
    const local = localOnly && this.#evaluation.byName.get(node)?.globalContext === true;
    return this.#sets.get(`${key(node, unit)}|${clip}|${local}`, () =>
      propagateCells(this.#evaluation, node, unit, clip, local),
    );
  }
}

/** A cache key that never throws, whatever a caller passes (questions are checked after the lookup). */
function key(node: unknown, unit: unknown): string {
  const cell = typeof unit === 'object' && unit !== null ? (unit as Record<string, unknown>) : {};
  return `${typeof cell['h']}:${String(cell['h'])},${typeof cell['w']}:${String(cell['w'])}|${String(node)}`;
}
