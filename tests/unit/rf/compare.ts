/** Compares the engine with the brute-force oracle on one network; returns readable discrepancies. */
import { INPUT, type Network } from '../../../src/rf/types.ts';
import { analyze, type LayerResult } from '../../../src/rf/analyze.ts';
import { evaluate } from '../../../src/rf/evaluate.ts';
import { propagateAxes } from '../../../src/rf/trace.ts';
import type { Ratio } from '../../../src/rf/ratio.ts';
import { box, oracle, toIntervals, type Frac } from './oracle.ts';

type Axis = 'h' | 'w';
const same = (r: Ratio, f: Frac) => r.num === f[0] && r.den === f[1];
const show = (x: unknown) => JSON.stringify(x);

export interface CompareStats {
  valid: number;
  invalid: number;
  units: number;
  /** Layers seen with each property, to show the random networks exercise them. */
  misaligned?: number;
  nonUniform?: number;
  globalContext?: number;
  distillMerges?: number;
}

/** Largest feature map the comparison accepts (the oracle is slow on purpose). */
export const MAX_UNITS = 160;

export function compareWithOracle(net: Network, axes: Axis[], stats?: CompareStats): string[] {
  const problems: string[] = [];
  const analysis = analyze(net);
  const oracles = axes.map((axis) => ({ axis, result: oracle(net, axis) }));
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (!analysis.ok) {
    if (stats) stats.invalid++;
    const structural = errors.every((e) => e.code === 'vanishing-map' || e.code === 'size-mismatch');
    if (structural && oracles.every((o) => o.result.nodes !== null))
      problems.push(`engine rejects ${show(errors.map((e) => e.message))} but the oracle accepts`);
    return problems;
  }
  for (const { axis, result } of oracles) {
    if (result.nodes === null) {
      problems.push(`oracle rejects (${result.problem}) but the engine accepts`);
      continue;
    }
    const evaluation = evaluate(net);
    for (const layer of analysis.layers) {
      const o = result.nodes.get(layer.name);
      const where = `${layer.name}/${axis}`;
      if (o === undefined) {
        problems.push(`${where}: missing in oracle`);
        continue;
      }
      if (o.size !== layer.size[axis])
        problems.push(`${where}: n engine ${layer.size[axis]} oracle ${o.size}`);
      if (o.global !== layer.global)
        problems.push(`${where}: global engine ${layer.global} oracle ${o.global}`);
      if (o.size !== layer.size[axis] || layer.size[axis] > MAX_UNITS) continue;
      if (layer.global) {
        if (layer.rf[axis] !== net.input[axis]) problems.push(`${where}: global rf ${layer.rf[axis]}`);
        continue;
      }
      const first = o.centres[0];
      if (first === undefined || !same(layer.start[axis], first.c0) || !same(layer.jump[axis], first.j))
        problems.push(
          `${where}: start/jump engine ${show([layer.start[axis], layer.jump[axis]])} oracle ${show(first)}`,
        );
      let rf = 0;
      for (let u = 0; u < o.size; u++) {
        if (stats) stats.units++;
        const unit = { h: 0, w: 0, [axis]: u };
        const clipped = propagateAxes(evaluation, layer.name, unit, true)[INPUT]?.[axis] ?? [];
        const oc = toIntervals(o.deps(u, true));
        if (show(clipped) !== show(oc))
          problems.push(`${where} unit ${u}: clipped engine ${show(clipped)} oracle ${show(oc)}`);
        const unclipped = propagateAxes(evaluation, layer.name, unit, false)[INPUT]?.[axis] ?? [];
        const ou = o.deps(u, false);
        if (show(unclipped) !== show(toIntervals(ou)))
          problems.push(
            `${where} unit ${u}: unclipped engine ${show(unclipped)} oracle ${show(toIntervals(ou))}`,
          );
        // Without a global path into the node the local sets are the full ones; check them separately only under globalContext.
        const local = layer.globalContext ? o.deps(u, false, true) : ou;
        if (layer.globalContext) {
          const localEngine = propagateAxes(evaluation, layer.name, unit, false, true)[INPUT]?.[axis] ?? [];
          if (show(localEngine) !== show(toIntervals(local)))
            problems.push(
              `${where} unit ${u}: local engine ${show(localEngine)} oracle ${show(toIntervals(local))}`,
            );
        }
        // Traces through every upstream layer, from the first and last unit of the final node.
        if ((u === 0 || u === o.size - 1) && layer === analysis.layers[analysis.layers.length - 1]) {
          const trace = propagateAxes(evaluation, layer.name, unit, true);
          for (const other of analysis.layers) {
            const engineSet = trace[other.name]?.[axis] ?? [];
            const oracleSet = toIntervals(o.deps(u, true, false, other.name));
            if (show(engineSet) !== show(oracleSet))
              problems.push(
                `${where} unit ${u}: trace at ${other.name} engine ${show(engineSet)} oracle ${show(oracleSet)}`,
              );
          }
        }
        const b = box(local);
        if (b !== null) rf = Math.max(rf, b.hi - b.lo + 1);
        if (layer.uniform[axis] && layer.stride !== null && layer.padding !== null) {
          const S = layer.stride[axis];
          const P = layer.padding[axis];
          const lo = (u * S.num) / S.den - P.num / P.den;
          if (b === null || b.lo !== lo || b.hi !== lo + layer.rf[axis] - 1)
            problems.push(
              `${where} unit ${u}: uniform claim [uS−P, uS−P+r−1] = [${lo}, ${lo + layer.rf[axis] - 1}] but oracle ${show(b)}`,
            );
        }
      }
      if (rf !== layer.rf[axis]) problems.push(`${where}: r engine ${layer.rf[axis]} oracle ${rf}`);
      if (problems.length > 5) return problems;
    }
  }
  // Distill's rule for aligned merges of uniform paths: r = max r, P = max P, S common.
  for (const layer of analysis.layers) {
    const inputs = layer.inputs.map((n) => analysis.layers.find((l) => l.name === n));
    if (
      layer.inputs.length < 2 ||
      !layer.aligned ||
      layer.global ||
      inputs.some((l) => l === undefined || l.global)
    )
      continue;
    for (const axis of axes) {
      if (!inputs.every((l) => l?.uniform[axis])) continue;
      const r = Math.max(...inputs.map((l) => l?.rf[axis] ?? 0));
      const value = (p: LayerResult['padding']) => (p === null ? NaN : p[axis].num / p[axis].den);
      const P = Math.max(...inputs.map((l) => (l ? value(l.padding) : 0)));
      if (layer.rf[axis] !== r || value(layer.padding) !== P)
        problems.push(`${layer.name}/${axis}: Distill merge rule r ${layer.rf[axis]} vs ${r}, P vs ${P}`);
      if (stats) stats.distillMerges = (stats.distillMerges ?? 0) + 1;
    }
  }
  // Aligned means every axis has a single class of centre functions.
  for (const layer of analysis.layers) {
    if (layer.global) continue;
    const expected = oracles.every(({ result }) => (result.nodes?.get(layer.name)?.centres.length ?? 0) <= 1);
    if (expected !== layer.aligned)
      problems.push(`${layer.name}: aligned engine ${layer.aligned} oracle ${expected}`);
  }
  if (stats) {
    stats.valid++;
    for (const layer of analysis.layers) {
      if (!layer.aligned) stats.misaligned = (stats.misaligned ?? 0) + 1;
      if (!layer.uniform.h || !layer.uniform.w) stats.nonUniform = (stats.nonUniform ?? 0) + 1;
      if (layer.globalContext) stats.globalContext = (stats.globalContext ?? 0) + 1;
    }
  }
  return problems;
}
