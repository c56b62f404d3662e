/**
 * Gradient probing of every zoo model at its full default input: the network is run numerically (one
 * channel, positive weights, no nonlinearity) and a one-hot gradient at the endpoint's centre unit and
 * corner unit is back-propagated. The probed support is compared with the engine at every upstream node
 * (traceUnit) and its input box with unitRegion(...).clipped.
 *
 *   npx tsx scripts/probe-zoo.ts [--input 224] [--model id]
 *
 * --input overrides the input size of every model (default: each model's own, 224 or 299).
 */
import { zoo } from '../src/rf/zoo/index.ts';
import type { Axes, Network } from '../src/rf/types.ts';
import { buildTensorNet } from '../tests/unit/rf/probe/tensor-net.ts';
import { compareSizes, probeUnit, type ProbeResult } from '../tests/unit/rf/probe/probe.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const inputSize = option('--input') === undefined ? undefined : Number(option('--input'));
const only = option('--model');

const extent = (list: { lo: number; hi: number }[]) =>
  list.length === 0 ? '∅' : `${list[0]?.lo}..${list[list.length - 1]?.hi}`;
const count = (list: { lo: number; hi: number }[]) => list.reduce((a, x) => a + x.hi - x.lo + 1, 0);
const box = (b: { lo: number; hi: number } | null) => (b === null ? '∅' : `${b.lo}..${b.hi}`);
const boxSize = (b: { lo: number; hi: number } | null) => (b === null ? 0 : b.hi - b.lo + 1);

const rows: string[][] = [
  [
    'model',
    'input',
    'endpoint',
    'unit',
    'probe h',
    'probe w',
    'engine clipped h',
    'engine clipped w',
    'nodes',
    'agree',
    'product',
    'ms',
  ],
];
const details: string[] = [];
let disagreements = 0;

for (const model of zoo) {
  if (only !== undefined && model.id !== only) continue;
  const net: Network =
    inputSize === undefined ? model.network : { ...model.network, input: { h: inputSize, w: inputSize } };
  const started = performance.now();
  let tn;
  try {
    tn = buildTensorNet(net);
  } catch (e) {
    rows.push([
      model.id,
      `${net.input.h}`,
      model.endpoint,
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      `error: ${String(e)}`,
      '-',
      '-',
    ]);
    disagreements++;
    continue;
  }
  const sizes = compareSizes(net, tn);
  const buildMs = performance.now() - started;
  const end = tn.byName.get(model.endpoint);
  if (end === undefined) throw new Error(`${model.id}: no endpoint ${model.endpoint}`);
  const units: [string, Axes<number>][] = [
    ['centre', { h: end.h >> 1, w: end.w >> 1 }],
    ['corner', { h: 0, w: 0 }],
  ];
  units.forEach(([label, unit], i) => {
    const t0 = performance.now();
    const r: ProbeResult = probeUnit(net, tn, model.endpoint, unit);
    const ms = performance.now() - t0 + (i === 0 ? buildMs : 0);
    const problems = [...(i === 0 ? sizes : []), ...r.problems, ...r.overReport.map((o) => o.message)];
    const agree = problems.length === 0;
    if (!agree) disagreements++;
    if (!agree || r.nonProduct.length > 0)
      details.push(
        `${model.id} ${label}:`,
        ...problems.slice(0, 8).map((p) => `  ${p}`),
        ...(r.nonProduct.length > 0
          ? [`  support not a product of its projections at ${r.nonProduct.length} node(s), e.g.:`]
          : []),
        ...r.nonProduct.slice(0, 3).map((p) => `    ${p}`),
      );
    rows.push([
      model.id,
      `${net.input.h}×${net.input.w}`,
      model.endpoint,
      `${label} (${unit.h},${unit.w})`,
      `${extent(r.input.rows)} (${count(r.input.rows)})`,
      `${extent(r.input.cols)} (${count(r.input.cols)})`,
      `${box(r.region.h)} (${boxSize(r.region.h)})`,
      `${box(r.region.w)} (${boxSize(r.region.w)})`,
      `${r.nodes}`,
      agree ? 'yes' : 'NO',
      r.nonProduct.length === 0 ? 'yes' : `no (${r.nonProduct.length})`,
      r.minValue.toExponential(1),
      ms.toFixed(0),
    ]);
  });
}

const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
console.log(
  '\nprobe h/w: first..last input row/column with a non-zero gradient (number of such rows/columns);',
);
console.log('engine: unitRegion(...).clipped box (its size); nodes: upstream nodes compared with traceUnit;');
console.log(
  "agree: the gradient support equals the engine's exact 2-D set, cell by cell, at every node, and the input box is equal;",
);
console.log('min g: smallest non-zero gradient entry met (positive weights: far from underflow).');
if (details.length > 0) console.log(`\n${details.join('\n')}`);
console.log(`\n${disagreements === 0 ? 'all probes agree' : `${disagreements} probe(s) disagree`}`);
process.exitCode = disagreements === 0 ? 0 : 1;
