import fc from 'fast-check';
import type { Axes, Network } from '../../../../src/rf/types.ts';
import { findModel } from '../../../../src/rf/zoo/index.ts';
import { analyze, traceUnit, unitRegion } from '../../../../src/rf/index.ts';
import { chain, conv, deconv, pool, sides, upsample } from '../builders.ts';
import { graphArb, stackArb } from '../arbitraries.ts';
import { ExecError, backward, buildTensorNet, type TensorNet } from './tensor-net.ts';
import { compareSizes, probeUnit, showIntervals, supportOf } from './probe.ts';

// A third reference for the engine: the networks are actually run (one channel, strictly positive
// weights, no nonlinearity) and probed with gradients. A gradient entry is non-zero exactly when the
// pixel can influence the unit, so the support must equal traceUnit's 2-D sets, cell by cell, at every
// upstream node. The probe is the judge: any disagreement, either way, fails.

/** Corners, centre and edge midpoints of a map (deduplicated). */
function probeUnits(h: number, w: number): Axes<number>[] {
  const hs = [0, h >> 1, h - 1];
  const ws = [0, w >> 1, w - 1];
  const picks = [
    [0, 0],
    [1, 1],
    [0, 1],
    [2, 2],
    [1, 2],
    [2, 0],
  ] as const;
  const seen = new Set<string>();
  const out: Axes<number>[] = [];
  for (const [a, b] of picks) {
    const unit = { h: hs[a] ?? 0, w: ws[b] ?? 0 };
    const key = `${unit.h},${unit.w}`;
    if (!seen.has(key)) out.push(unit);
    seen.add(key);
  }
  return out;
}

/** Every disagreement with the engine (missing or extra cells, projections, box), over several units. */
function probeAll(net: Network, tn: TensorNet, node: string, units: Axes<number>[]): string[] {
  return units.flatMap((u) => {
    const result = probeUnit(net, tn, node, u);
    return [...result.problems, ...result.overReport.map((o) => o.message)];
  });
}

describe("the lecture's example (n = 5, conv k3 p1 s2 twice)", () => {
  const net = chain(5, [conv(3, 2, 1), conv(3, 2, 1)]);
  const tn = buildTensorNet(net);

  it('runs to the same sizes as the engine (5 → 3 → 2)', () => {
    expect(compareSizes(net, tn)).toEqual([]);
    expect([tn.byName.get('l1')?.w, tn.byName.get('l2')?.w]).toEqual([3, 2]);
  });

  it('every unit of every layer: gradient support = traceUnit cells, box = unitRegion.clipped', () => {
    for (const node of ['l1', 'l2'])
      for (let h = 0; h < (tn.byName.get(node)?.h ?? 0); h++)
        for (let w = 0; w < (tn.byName.get(node)?.w ?? 0); w++)
          expect(probeAll(net, tn, node, [{ h, w }])).toEqual([]);
  });

  it('the gradient of l2 unit 0 reaches input pixels 0..3, of unit 1 pixels 1..4 (r = 7, clipped)', () => {
    const support = (u: number) => {
      const g = backward(tn, 'l2', { h: u, w: u }).get('input') ?? new Float64Array(0);
      const s = supportOf(g, 5, 5);
      return showIntervals(s.cols);
    };
    expect([support(0), support(1)]).toEqual(['0..3', '1..4']);
  });

  it('the probe notices a one-pixel disagreement (executor run with padding before = 2)', () => {
    const shifted = chain(5, [
      conv(3, 2, { mode: 'explicit', h: { before: 1, after: 1 }, w: { before: 2, after: 0 } }),
      conv(3, 2, 1),
    ]);
    expect(probeAll(net, buildTensorNet(shifted), 'l2', [{ h: 0, w: 0 }]).length).toBeGreaterThan(0);
  });
});

describe('hand-made corner cases', () => {
  const cases: [string, Network][] = [
    ['dilated conv (holes)', chain(11, [conv(3, 1, 0, 3), conv(3, 2, 1, 2)])],
    ['ceil-mode pool with padding', chain(9, [pool(3, 2, 1, true), pool(2, 2, 0, true)])],
    ['transposed conv with gaps (k < s)', chain(6, [deconv(2, 3, 0), conv(3, 1, 1)])],
    ['transposed conv with output padding', chain(5, [deconv(3, 2, 1, 1), deconv(4, 2, 1)])],
    [
      'bilinear upsampling ×2, ×3 after a stride',
      chain(7, [conv(3, 2, 1), upsample(2, 'bilinear'), upsample(3, 'bilinear')]),
    ],
    ['nearest upsampling', chain(5, [upsample(3), conv(3, 2, 0)])],
    [
      'TF SAME at odd and even sizes',
      chain({ h: 13, w: 14 }, [
        conv(3, 2, { mode: 'tf-same' }),
        pool(3, 2, { mode: 'tf-same' }),
        conv(4, 3, { mode: 'tf-same' }),
      ]),
    ],
    [
      'crop and pad',
      {
        input: { h: 8, w: 8 },
        nodes: [
          {
            name: 'p',
            layer: { op: 'pad', pads: { h: { before: -1, after: 2 }, w: { before: 2, after: -2 } } },
            inputs: ['input'],
          },
          { name: 'c', layer: conv(3, 2, 0), inputs: ['p'] },
        ],
      },
    ],
  ];
  it.each(cases)('%s: every unit of every node', (_name, net) => {
    const tn = buildTensorNet(net);
    expect(compareSizes(net, tn)).toEqual([]);
    const problems: string[] = [];
    for (const n of tn.order.slice(1))
      for (let h = 0; h < n.h; h++)
        for (let w = 0; w < n.w; w++) problems.push(...probeAll(net, tn, n.name, [{ h, w }]));
    expect(problems).toEqual([]);
  });
});

// Reduced inputs: deep enough that every map survives, small enough that the endpoint's RF covers the
// image and its windows hit the borders. Odd sizes make TF SAME pad asymmetrically. The last column
// says whether some support is NOT a product of its projections: Inception v3/v4's Mixed_7 blocks
// split a branch into parallel 1×3 and 3×1 convolutions and concatenate them, so upstream of the
// concat the true set is a cross (e.g. 21 of the 25 cells of a 5×5 box), which the engine's 2-D sets
// must reproduce cell by cell.
const ZOO: [string, number, boolean][] = [
  ['torchvision-alexnet', 79, false],
  ['torchvision-vgg16', 48, false],
  ['torchvision-resnet18', 45, false],
  ['torchvision-resnet50', 45, false],
  ['torchvision-googlenet', 51, false],
  ['torchvision-mobilenet_v2', 45, false],
  ['torchvision-efficientnet_b0', 41, false],
  ['torchvision-densenet121', 45, false],
  ['torchvision-inception_v3', 139, true],
  ['alexnet_v2', 79, false],
  ['vgg_16', 47, false],
  ['resnet_v1_50', 45, false],
  ['resnet_v2_50', 43, false],
  ['inception_v2', 53, false],
  ['inception_v3', 141, true],
  ['mobilenet_v1', 39, false],
];

describe('zoo models at reduced inputs: gradient probes agree with traceUnit cells at every upstream node', () => {
  it.each(ZOO)('%s at %i px (a non-product support: %s)', (id, n, crosses) => {
    const model = findModel(id);
    if (model === undefined) throw new Error(`no zoo model ${id}`);
    const net: Network = { ...model.network, input: { h: n, w: n } };
    const tn = buildTensorNet(net);
    expect(compareSizes(net, tn)).toEqual([]);
    const end = tn.byName.get(model.endpoint);
    if (end === undefined) throw new Error(`no endpoint ${model.endpoint}`);
    const probes: [string, Axes<number>[]][] = [[model.endpoint, probeUnits(end.h, end.w)]];
    // A few intermediate nodes, a quarter, half and three quarters of the way through the graph.
    const local = tn.order.filter((x) => !x.global && x.name !== 'input');
    for (const f of [0.25, 0.5, 0.75]) {
      const mid = local[Math.floor(f * local.length)];
      if (mid !== undefined) probes.push([mid.name, probeUnits(mid.h, mid.w)]);
    }
    const problems: string[] = [];
    let nonProduct = 0;
    for (const [node, units] of probes)
      for (const unit of units) {
        const result = probeUnit(net, tn, node, unit);
        problems.push(...result.problems, ...result.overReport.map((o) => o.message));
        nonProduct += result.nonProduct.length;
      }
    expect(problems).toEqual([]);
    expect(nonProduct > 0).toBe(crosses);
  });
});

describe('random networks from the engine property tests', () => {
  const stats = { valid: 0, rejected: 0, units: 0, nonProduct: 0, emptyInput: 0 };
  const check = (net: Network) => {
    let tn: TensorNet;
    try {
      tn = buildTensorNet(net);
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      // The executor could not run it: the engine must not accept it either.
      expect(analyze(net).ok, `${e.message}: ${JSON.stringify(net)}`).toBe(false);
      stats.rejected++;
      return;
    }
    if (!analyze(net).ok) {
      stats.rejected++; // the engine's validation is stricter (e.g. pool padding ≥ kernel)
      return;
    }
    stats.valid++;
    const problems = compareSizes(net, tn);
    for (const node of tn.order.slice(1)) {
      const units = probeUnits(node.h, node.w);
      stats.units += units.length;
      for (const unit of units) {
        const result = probeUnit(net, tn, node.name, unit);
        problems.push(...result.problems, ...result.overReport.map((o) => o.message));
        if (result.nonProduct.length > 0) stats.nonProduct++;
        if (result.input.count === 0) stats.emptyInput++;
      }
    }
    if (problems.length > 0)
      throw new Error(`${problems.slice(0, 5).join('\n')}\nnetwork: ${JSON.stringify(net)}`);
  };

  // Any disagreement fails: a missing or extra cell at any node, a projection, the input box, the
  // pixel count, a size, a negative gradient. (With per-axis sets, 22 and 13 of these units were
  // over-reported: paths empty on one axis, and L/cross-shaped sets that later die on one axis.)
  it('200 random 2-D graphs (branches, add/mul/concat, squeeze-and-excitation) and 300 random 2-D stacks', () => {
    fc.assert(fc.property(graphArb(['h', 'w']), check), { numRuns: 200, seed: 11 });
    fc.assert(fc.property(stackArb(['h', 'w'], 4, 12), check), { numRuns: 300, seed: 13 });
    expect(stats.valid).toBeGreaterThan(250);
    expect(stats.units).toBeGreaterThan(2000);
    // Merges of differently shaped branches give L- or cross-shaped supports, and some units read no
    // input pixel at all (transposed-convolution gaps, windows in padding): both must be met here.
    expect(stats.nonProduct).toBeGreaterThan(0);
    expect(stats.emptyInput).toBeGreaterThan(0);
  }, 30_000);
});

describe('sets that per-axis intervals cannot express: the engine is exact in 2-D', () => {
  it('add(2×1 window, 1×2 window) depends on an L of 3 input pixels, and the trace says so', () => {
    // A vertical and a horizontal window, cropped so that both maps are 1×1, then added.
    const common: Network = {
      input: { h: 2, w: 2 },
      nodes: [
        {
          name: 'v',
          layer: conv({ h: 2, w: 1 }, 1, sides({ before: 0, after: 0 }, { before: 0, after: -1 })),
          inputs: ['input'],
        },
        {
          name: 'hz',
          layer: conv({ h: 1, w: 2 }, 1, sides({ before: 0, after: -1 }, { before: 0, after: 0 })),
          inputs: ['input'],
        },
        { name: 'sum', layer: { op: 'add' }, inputs: ['v', 'hz'] },
      ],
    };
    const tn = buildTensorNet(common);
    expect(compareSizes(common, tn)).toEqual([]);
    const result = probeUnit(common, tn, 'sum', { h: 0, w: 0 });
    expect([...result.problems, ...result.overReport]).toEqual([]);
    expect(result.input.count).toBe(3);
    expect(result.nonProduct).toHaveLength(1);
    // Row 0 × columns 0..1, then row 1 × column 0; the box is 2×2 but holds 3 pixels.
    expect(traceUnit(common, 'sum', { h: 0, w: 0 }).cells['input']).toEqual([
      { h: { lo: 0, hi: 0 }, w: { lo: 0, hi: 1 } },
      { h: { lo: 1, hi: 1 }, w: { lo: 0, hi: 0 } },
    ]);
    expect(unitRegion(common, 'sum', { h: 0, w: 0 })).toMatchObject({ pixels: 3, filled: false });
  });

  // A decoder-style merge: a transposed conv with k < s on h (odd output rows receive nothing) added to
  // a nearest ×2 upsampling. Unit (1, 1) of the sum reads, through `up`, a gap row (an empty set on h)
  // but columns 0..2 on w: that path reads nothing. Through `skip`, input pixel (0, 1). The true set is
  // {(0, 1)}; per-axis unions reported rows 0 × cols 0..2 (3 pixels, box w 0..2).
  const decoder: Network = {
    input: { h: 4, w: 4 },
    nodes: [
      {
        name: 'up',
        layer: {
          op: 'deconv',
          kernel: { h: 1, w: 3 },
          stride: { h: 2, w: 1 },
          dilation: { h: 1, w: 1 },
          padding: { mode: 'explicit', h: { before: 0, after: 0 }, w: { before: 1, after: 1 } },
          outputPadding: { h: 1, w: 0 },
        },
        inputs: ['input'],
      },
      {
        name: 'skip',
        layer: { op: 'upsample', factor: { h: 2, w: 1 }, mode: 'nearest' },
        inputs: ['input'],
      },
      { name: 'sum', layer: { op: 'add' }, inputs: ['up', 'skip'] },
    ],
  };

  it('the gradient of the decoder merge reaches exactly input pixel (0, 1)', () => {
    const tn = buildTensorNet(decoder);
    expect(compareSizes(decoder, tn)).toEqual([]);
    const s = supportOf(backward(tn, 'sum', { h: 1, w: 1 }).get('input') ?? new Float64Array(0), 4, 4);
    expect([showIntervals(s.rows), showIntervals(s.cols), s.count]).toEqual(['0', '1', 1]);
  });

  it('a path empty on one axis adds nothing: traceUnit/unitRegion agree with the probe on the decoder merge', () => {
    const tn = buildTensorNet(decoder);
    expect(probeAll(decoder, tn, 'sum', [{ h: 1, w: 1 }])).toEqual([]);
    const trace = traceUnit(decoder, 'sum', { h: 1, w: 1 });
    expect(trace.cells['input']).toEqual([{ h: { lo: 0, hi: 0 }, w: { lo: 1, hi: 1 } }]);
    expect(trace.nodes['input']).toEqual({ h: [{ lo: 0, hi: 0 }], w: [{ lo: 1, hi: 1 }] });
    // `up` is reached, but its unit (1, 1) reads a gap row: an empty set, on both axes.
    expect(trace.cells['up']).toEqual([{ h: { lo: 1, hi: 1 }, w: { lo: 1, hi: 1 } }]);
    const region = unitRegion(decoder, 'sum', { h: 1, w: 1 });
    const pixel = { h: { lo: 0, hi: 0 }, w: { lo: 1, hi: 1 } };
    // The un-clipped box had the bug too: the gap path's columns 0..2 are not read either.
    expect([region.clipped, region.unclipped, region.pixels]).toEqual([pixel, pixel, 1]);
    // Every unit of every node, for good measure.
    const problems: string[] = [];
    for (const n of tn.order.slice(1))
      for (let h = 0; h < n.h; h++)
        for (let w = 0; w < n.w; w++) problems.push(...probeAll(decoder, tn, n.name, [{ h, w }]));
    expect(problems).toEqual([]);
  });

  // Found by the random graphs, with no dead edge involved: upstream of g5 some support is not a
  // product; per-axis sets carried the product of its projections, a piece of that product reads
  // nothing on h further up (dilated windows in padding), and its rows were still counted.
  const nonProduct: Network = JSON.parse(
    '{"input":{"h":4,"w":2},"nodes":[' +
      '{"name":"g6","layer":{"op":"conv","kernel":{"h":2,"w":1},"stride":{"h":1,"w":1},"dilation":{"h":3,"w":1},"padding":{"mode":"explicit","h":{"before":2,"after":1},"w":{"before":0,"after":0}}},"inputs":["g5"]},' +
      '{"name":"g5","layer":{"op":"add"},"inputs":["g4","g2","g2"]},' +
      '{"name":"g4","layer":{"op":"conv","kernel":{"h":5,"w":2},"stride":{"h":1,"w":1},"dilation":{"h":3,"w":1},"padding":{"mode":"explicit","h":{"before":5,"after":7},"w":{"before":0,"after":1}}},"inputs":["g3"]},' +
      '{"name":"g3","layer":{"op":"conv","kernel":{"h":2,"w":3},"stride":{"h":1,"w":1},"dilation":{"h":3,"w":3},"padding":{"mode":"explicit","h":{"before":0,"after":3},"w":{"before":5,"after":1}}},"inputs":["g2"]},' +
      '{"name":"g2","layer":{"op":"conv","kernel":{"h":2,"w":4},"stride":{"h":1,"w":1},"dilation":{"h":3,"w":3},"padding":{"mode":"explicit","h":{"before":3,"after":0},"w":{"before":2,"after":7}}},"inputs":["g1"]},' +
      '{"name":"g1","layer":{"op":"upsample","factor":{"h":2,"w":1},"mode":"bilinear"},"inputs":["input"]}]}',
  ) as Network;

  it('a non-product support upstream: g5 (0, 0) reads input rows 0 × cols 1 only', () => {
    const tn = buildTensorNet(nonProduct);
    expect(compareSizes(nonProduct, tn)).toEqual([]);
    const result = probeUnit(nonProduct, tn, 'g5', { h: 0, w: 0 });
    expect([...result.problems, ...result.overReport]).toEqual([]);
    expect(result.nonProduct.length).toBeGreaterThan(0);
    expect([showIntervals(result.input.rows), showIntervals(result.input.cols)]).toEqual(['0', '1']);
  });

  it('unitRegion.clipped of g5 (0, 0) is the probed box h 0..0, w 1..1 (per-axis sets said h 0..3)', () => {
    expect(unitRegion(nonProduct, 'g5', { h: 0, w: 0 }).clipped).toEqual({
      h: { lo: 0, hi: 0 },
      w: { lo: 1, hi: 1 },
    });
  });
});
