import { analyze, stackToNetwork, toNumber, traceUnit, type Layer } from '../../src/rf';

/** One layer of the 1-D stack as the widget draws it. */
export interface StackSpec {
  label: string;
  k: number;
  s: number;
  p: number;
}

/** A row of the diagram: its units and which of them the selected unit depends on. */
export interface StackRow {
  name: string;
  label: string;
  size: number;
  rf: number;
  /** Centre of each unit in input coordinates (pixel i spans [i, i + 1)): start + u·j. */
  centres: number[];
  inRf: boolean[];
}

/** What the widget shows for the selected unit; every number comes from the engine. */
export interface StackView {
  rows: StackRow[];
  seen: number;
  rf: number;
  first: number | null;
  last: number | null;
}

/** A 1-D convolution as a 2-D layer of height 1 (the engine is 2-D; the widget draws the w axis). */
function conv1d({ k, s, p }: StackSpec): Layer {
  return {
    op: 'conv',
    kernel: { h: 1, w: k },
    stride: { h: 1, w: s },
    dilation: { h: 1, w: 1 },
    padding: { mode: 'explicit', h: { before: 0, after: 0 }, w: { before: p, after: p } },
  };
}

/** Feature counts of every row, input first. */
export function layerSizes(input: number, specs: StackSpec[]): number[] {
  return analyze(stackToNetwork({ h: 1, w: input }, specs.map(conv1d))).layers.map((l) => l.size.w);
}

/** Rows from the input (index 0) to the last layer, with the units that `unit` of layer `layer` sees. */
export function stackView(input: number, specs: StackSpec[], layer: number, unit: number): StackView {
  const net = stackToNetwork({ h: 1, w: input }, specs.map(conv1d));
  const analysis = analyze(net);
  const names = analysis.layers.map((l) => l.name);
  const target = names[layer] ?? names[names.length - 1] ?? 'input';
  const trace = traceUnit(net, target, { h: 0, w: unit });
  const rows = analysis.layers.map((l, i): StackRow => {
    const intervals = trace.nodes[l.name]?.w ?? [];
    const inRf = Array.from({ length: l.size.w }, (_, u) =>
      i <= layer ? intervals.some((iv) => iv.lo <= u && u <= iv.hi) : false,
    );
    const start = toNumber(l.start.w);
    const j = toNumber(l.jump.w);
    const centres = Array.from({ length: l.size.w }, (_, u) => start + u * j);
    const label = i === 0 ? 'input' : (specs[i - 1]?.label ?? l.name);
    return { name: l.name, label, size: l.size.w, rf: l.rf.w, centres, inRf };
  });
  const input0 = rows[0]?.inRf ?? [];
  const seenIdx = input0.flatMap((on, i) => (on ? [i] : []));
  return {
    rows,
    seen: seenIdx.length,
    rf: rows[layer]?.rf ?? 1,
    first: seenIdx[0] ?? null,
    last: seenIdx[seenIdx.length - 1] ?? null,
  };
}

/** A saved selection "layer.unit" from the URL, or null when it does not name a unit of these rows. */
export function parseSelection(
  value: string | null,
  sizes: number[],
): { layer: number; unit: number } | null {
  const match = /^(\d+)\.(\d+)$/.exec(value ?? '');
  if (!match) return null;
  const layer = Number(match[1]);
  const unit = Number(match[2]);
  const size = sizes[layer];
  return size !== undefined && unit < size ? { layer, unit } : null;
}
