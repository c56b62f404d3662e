/**
 * View model of the diagnostics panel shown under every network (calculator, famous networks, ONNX
 * report): the engine's diagnose() turned into rows and sentence values. No RF arithmetic here.
 */
import { diagnoseSteps, type Analysis, type Axes, type Diagnosis, type Network } from '../../src/rf';

/** Networks above this many nodes are not diagnosed in the page (the rf command does it). */
export const MAX_DIAGNOSE_NODES = 4000;

export type Mark = 'border' | 'critical' | null;

export interface DiagnosticsRow {
  name: string;
  op: string;
  minRf: string;
  maxRf: string;
  mark: Mark;
}

export interface DiagnosticsView {
  state: 'ok' | 'invalid' | 'too-large';
  input: string;
  rows: DiagnosticsRow[];
  border: string[];
  critical: string[];
  /** "97" or "97×120"; null when no size avoids border layers on some axis. */
  rangeMin: string | null;
  rangeMax: string;
  rangeMinByRf: string;
  empty: boolean;
  /** Share of the convolutions' MACs spent in border layers, in percent (one decimal), or null. */
  macShare: string | null;
}

/** "3" when both axes agree, else "3×5" (h×w). */
export function pairText(a: Axes<number | null>): string {
  const show = (v: number | null) => (v === null ? '—' : String(v));
  return a.h === a.w ? show(a.h) : `${show(a.h)}×${show(a.w)}`;
}

const EMPTY: Omit<DiagnosticsView, 'state' | 'input'> = {
  rows: [],
  border: [],
  critical: [],
  rangeMin: null,
  rangeMax: '',
  rangeMinByRf: '',
  empty: true,
  macShare: null,
};

/**
 * The panel's content for a network at its own input size, `at` naming its output node; `analysis`
 * (the network's own `analyze`) saves evaluating it again.
 */
export function diagnosticsView(network: Network, at?: string | null, analysis?: Analysis): DiagnosticsView {
  const steps = diagnosticsSteps(network, at, analysis);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/** diagnosticsView as a generator that pauses between the diagnosis' stages (see `diagnoseSteps`). */
export function* diagnosticsSteps(
  network: Network,
  at?: string | null,
  analysis?: Analysis,
): Generator<void, DiagnosticsView> {
  const input = `${network.input.h}×${network.input.w}`;
  if (network.nodes.length > MAX_DIAGNOSE_NODES) return { state: 'too-large', input, ...EMPTY };
  const d: Diagnosis = yield* diagnoseSteps(network, {
    ...(at === null || at === undefined ? {} : { at }),
    ...(analysis === undefined ? {} : { analysis }),
  });
  if (!d.ok || d.inputRange === null) return { state: 'invalid', input, ...EMPTY };
  const r = d.inputRange;
  return {
    state: 'ok',
    input,
    rows: d.layers
      .filter((l) => l.name !== 'input')
      .map((l) => ({
        name: l.name,
        op: l.op,
        minRf: pairText(l.minRf),
        maxRf: pairText(l.maxRf),
        mark: l.border ? 'border' : l.critical ? 'critical' : null,
      })),
    border: d.borderLayers,
    critical: d.criticalLayers,
    rangeMin: r.min.h === null || r.min.w === null ? null : pairText(r.min),
    rangeMax: pairText(r.max),
    rangeMinByRf: pairText(r.minByRf),
    empty: r.empty.h || r.empty.w,
    macShare: d.macs === null ? null : (100 * d.macs.share).toFixed(1),
  };
}
