import {
  analyze,
  formatRatio,
  stackToNetwork,
  traceUnit,
  unitRegion,
  type LayerResult,
} from '../../../src/rf/index.ts';
import { INPUT, type Network } from '../../../src/rf/types.ts';
import { chain, conv, deconv, gap, pool, relu, sides, upsample } from './builders.ts';

/** One axis of a row as display strings, so expectations read like the lecture's tables. */
function row(l: LayerResult | undefined, axis: 'h' | 'w' = 'w') {
  if (l === undefined) throw new Error('missing layer');
  return {
    n: l.size[axis],
    j: formatRatio(l.jump[axis]),
    r: l.rf[axis],
    start: formatRatio(l.start[axis]),
    S: l.stride === null ? 'n/a' : formatRatio(l.stride[axis]),
    P: l.padding === null ? 'n/a' : formatRatio(l.padding[axis]),
    uniform: l.uniform[axis],
  };
}

const at = (net: Network, name: string) => analyze(net).layers.find((l) => l.name === name);

describe("the lecture's worked example (n = 5, two convs k = 3, p = 1, s = 2)", () => {
  // Catches: jump applied after instead of before the r update, start off by half a pixel, floor vs round in n.
  const net = chain(5, [conv(3, 2, 1), conv(3, 2, 1)]);
  it('gives n₁ = 3, r₁ = 3, j₁ = 2, start₁ = 0.5 and n₂ = 2, r₂ = 7, j₂ = 4, start₂ = 0.5', () => {
    expect(row(at(net, 'l1'))).toEqual({ n: 3, j: '2', r: 3, start: '0.5', S: '2', P: '1', uniform: true });
    expect(row(at(net, 'l2'))).toEqual({ n: 2, j: '4', r: 7, start: '0.5', S: '4', P: '3', uniform: true });
  });
  it('gives r₂ = 11 with k₂ = 5 (p₂ = 1)', () => {
    // Catches: r growing by (k − 1) instead of (k − 1)·j_in.
    expect(row(at(chain(5, [conv(3, 2, 1), conv(5, 2, 1)]), 'l2'))).toMatchObject({
      n: 1,
      r: 11,
      j: '4',
      start: '2.5',
    });
  });
  it("agrees with Distill's P = 3 and with the region of unit 0, [−3, 3]", () => {
    const region = unitRegion(net, 'l2', { h: 0, w: 0 });
    expect(region.unclipped.w).toEqual({ lo: -3, hi: 3 });
    expect(region.clipped.w).toEqual({ lo: 0, hi: 3 });
    expect(region.paddingFraction).toBeCloseTo(1 - 16 / 49, 12);
  });
});

describe('Distill two-branch networks (Araujo, Norris & Sim, "Computing Receptive Fields of CNNs", Distill 2019)', () => {
  // Reconstructed from the article's alignment discussion: a 1×1 stride-4 path against a 3×3 stride-2
  // path followed by a 1×1 stride-2 path. Catches: summing instead of taking the max over paths, and
  // reporting alignment from strides alone.
  const twoBranch = (p: number): Network => ({
    input: { h: 16, w: 16 },
    nodes: [
      { name: 'a', layer: conv(1, 4, 0), inputs: [INPUT] },
      { name: 'b1', layer: conv(3, 2, p), inputs: [INPUT] },
      { name: 'b2', layer: conv(1, 2, 0), inputs: ['b1'] },
      { name: 'sum', layer: { op: 'add' }, inputs: ['a', 'b2'] },
    ],
  });
  it('aligned: RF 3, effective stride 4, effective padding 1', () => {
    const sum = at(twoBranch(1), 'sum');
    expect(row(sum)).toMatchObject({ r: 3, S: '4', P: '1', uniform: true });
    expect(sum?.aligned).toBe(true);
    expect(sum?.misalignments).toEqual([]);
  });
  it('misaligned (no padding on the 3×3): centres differ, reported as data naming the node and inputs', () => {
    const sum = at(twoBranch(0), 'sum');
    expect(sum?.aligned).toBe(false);
    expect(sum?.misalignments.map((m) => [m.node, m.axis, m.kind, m.inputs.map((i) => i.input)])).toEqual([
      ['sum', 'h', 'centre', ['a', 'b2']],
      ['sum', 'w', 'centre', ['a', 'b2']],
    ]);
    // The union is still one window per unit: [4u, 4u + 2].
    expect(row(sum)).toMatchObject({ r: 3, S: '4', P: '0', uniform: true });
  });
});

describe('padding modes and pooling', () => {
  it('TF SAME pads (1, 1) on an odd map and (0, 1) on an even one (k = 3, s = 2)', () => {
    // Catches: SAME computed as (k − 1)/2 regardless of n, or the extra pixel put before.
    const odd = at(chain(7, [conv(3, 2, { mode: 'tf-same' })]), 'l1');
    const even = at(chain(8, [conv(3, 2, { mode: 'tf-same' })]), 'l1');
    expect([odd?.size.w, odd?.paddingBefore?.w, formatRatio(odd?.start.w ?? { num: 0, den: 1 })]).toEqual([
      4,
      1,
      '0.5',
    ]);
    expect([even?.size.w, even?.paddingBefore?.w, formatRatio(even?.start.w ?? { num: 0, den: 1 })]).toEqual([
      4,
      0,
      '1.5',
    ]);
  });
  it('asymmetric padding (2 before, 0 after) shifts start to −0.5 and P to 2', () => {
    // Catches: using (before + after)/2 as the padding.
    const l = at(chain(5, [conv(3, 1, sides({ before: 0, after: 0 }, { before: 2, after: 0 }))]), 'l1');
    expect(row(l)).toMatchObject({ n: 5, r: 3, start: '-0.5', P: '2' });
    expect(row(l, 'h')).toMatchObject({ n: 3, start: '1.5', P: '0' });
  });
  it('ceil mode: 5 → 2 (floor) vs 3 (ceil); with p = 1 the last window must start inside, 5 → 3', () => {
    // Catches: ceil without PyTorch's last-window rule (which would give 4).
    expect(at(chain(5, [pool(2, 2)]), 'l1')?.size.w).toBe(2);
    expect(at(chain(5, [pool(2, 2, 0, true)]), 'l1')?.size.w).toBe(3);
    expect(at(chain(5, [pool(2, 2, 1, true)]), 'l1')?.size.w).toBe(3);
  });
  it('a factorised 1×7 then 7×1 pair sees 7×7, centred', () => {
    // Catches: per-axis values swapped between h and w.
    const net = chain(9, [conv({ h: 1, w: 7 }, 1, { h: 0, w: 3 }), conv({ h: 7, w: 1 }, 1, { h: 3, w: 0 })]);
    const l1 = at(net, 'l1');
    const l2 = at(net, 'l2');
    expect([l1?.rf.h, l1?.rf.w, l2?.rf.h, l2?.rf.w]).toEqual([1, 7, 7, 7]);
    expect(row(l2, 'h')).toMatchObject({ start: '0.5', P: '3' });
  });
  it('dilation k = 3, d = 2: r = 5, and the exact set has holes', () => {
    // Catches: r = k instead of k_eff, and traces that fill dilation holes.
    const net = chain(5, [conv(3, 1, 0, 2)]);
    expect(row(at(net, 'l1'))).toMatchObject({ n: 1, r: 5 });
    expect(traceUnit(net, 'l1', { h: 0, w: 0 }).nodes[INPUT]?.w).toEqual([
      { lo: 0, hi: 0 },
      { lo: 2, hi: 2 },
      { lo: 4, hi: 4 },
    ]);
    expect(unitRegion(net, 'l1', { h: 0, w: 0 }).contiguous.w).toBe(false);
  });
});

describe('fractional jumps', () => {
  it('transposed k = 4, s = 2, p = 1 on 4: n = 8, j = 0.5, start = 0.25, r = 2 (not uniform)', () => {
    // Catches: multiplying the jump by s for transposed layers, or r computed with a float period.
    const l = at(chain(4, [deconv(4, 2, 1)]), 'l1');
    expect(row(l)).toEqual({ n: 8, j: '0.5', r: 2, start: '0.25', S: '0.5', P: '0.75', uniform: false });
  });
  it('nearest ×2: j = 0.5, start = 0.25, r = 1; bilinear ×2 reads two pixels: r = 2', () => {
    expect(row(at(chain(3, [upsample(2)]), 'l1'))).toMatchObject({ n: 6, j: '0.5', start: '0.25', r: 1 });
    expect(row(at(chain(3, [upsample(2, 'bilinear')]), 'l1'))).toMatchObject({ n: 6, r: 2 });
    // Edge unit 0 samples x = −0.25: pixels −1 and 0 unclipped, only 0 after the clamp.
    const region = unitRegion(chain(3, [upsample(2, 'bilinear')]), 'l1', { h: 0, w: 0 });
    expect([region.unclipped.w, region.clipped.w]).toEqual([
      { lo: -1, hi: 0 },
      { lo: 0, hi: 0 },
    ]);
  });
  it('a stride of 3 gives thirds: deconv s = 3 then formatRatio shows "1/3"', () => {
    expect(row(at(chain(3, [deconv(3, 3)]), 'l1'))).toMatchObject({ j: '1/3', start: '1/6' });
  });
});

describe('graphs with global layers and different strides', () => {
  it('squeeze-and-excitation: globalContext true, global false, local RF of the conv path', () => {
    // Catches: declaring the whole SE block global, or dropping the context flag.
    const net: Network = {
      input: { h: 8, w: 8 },
      nodes: [
        { name: 'conv', layer: conv(3, 1, 1), inputs: [INPUT] },
        { name: 'squeeze', layer: gap, inputs: ['conv'] },
        { name: 'fc1', layer: conv(1), inputs: ['squeeze'] },
        { name: 'act', layer: relu, inputs: ['fc1'] },
        { name: 'scale', layer: { op: 'mul' }, inputs: ['conv', 'act'] },
        { name: 'after', layer: conv(3, 1, 1), inputs: ['scale'] },
      ],
    };
    const a = analyze(net);
    const scale = a.layers.find((l) => l.name === 'scale');
    expect([scale?.global, scale?.globalContext, scale?.rf.w, scale?.aligned]).toEqual([
      false,
      true,
      3,
      true,
    ]);
    expect(a.layers.find((l) => l.name === 'after')?.globalContext).toBe(true);
    expect(a.layers.find((l) => l.name === 'fc1')?.global).toBe(true);
    expect(a.output?.name).toBe('after');
    // unitRegion reports the local 3×3 window; traceUnit the true dependency (the whole image).
    const region = unitRegion(net, 'scale', { h: 4, w: 4 });
    expect([region.unclipped.w, region.globalContext, region.global]).toEqual([
      { lo: 3, hi: 5 },
      true,
      false,
    ]);
    expect(traceUnit(net, 'scale', { h: 4, w: 4 }).nodes[INPUT]?.w).toEqual([{ lo: 0, hi: 7 }]);
  });
  it('global pooling: global true, r reported as the input size', () => {
    const a = analyze(chain({ h: 6, w: 10 }, [conv(3), gap]));
    const g = a.layers.find((l) => l.name === 'l2');
    expect([g?.global, g?.rf.h, g?.rf.w, g?.size.w]).toEqual([true, 6, 10, 1]);
    expect(a.output?.name).toBe('l1');
    expect(unitRegion(chain(6, [conv(3), gap]), 'l2', { h: 0, w: 0 }).clipped.w).toEqual({ lo: 0, hi: 5 });
  });
  it('paths with strides 1 and 2 merged: misaligned by stride, not uniform, r = 5 exactly', () => {
    // Catches: assuming a common stride at merges.
    const net: Network = {
      input: { h: 8, w: 8 },
      nodes: [
        { name: 'a', layer: conv(5), inputs: [INPUT] },
        { name: 'b', layer: conv(2, 2), inputs: [INPUT] },
        { name: 'sum', layer: { op: 'add' }, inputs: ['a', 'b'] },
      ],
    };
    const sum = at(net, 'sum');
    expect(sum?.misalignments[0]?.kind).toBe('stride');
    expect([sum?.uniform.w, sum?.rf.w]).toEqual([false, 5]);
    expect(unitRegion(net, 'sum', { h: 3, w: 3 }).unclipped.w).toEqual({ lo: 3, hi: 7 });
  });
  it('layers are topologically sorted whatever the node order; the input comes first', () => {
    const net = chain(9, [conv(3), conv(3), conv(3)]);
    const a = analyze({ ...net, nodes: [...net.nodes].reverse() });
    expect(a.layers.map((l) => l.name)).toEqual([INPUT, 'l1', 'l2', 'l3']);
  });
});

describe('2-D sets that are not rectangles (parallel 1×3 and 3×1 convolutions, concatenated)', () => {
  // Inception's factorised branches: one reads a row of 3, the other a column of 3, and the concat
  // depends on their union, a cross (an L at a corner). Per-axis interval lists can only hold its
  // projections, whose product is the whole 3×3 box.
  const cross = (from: string): Network['nodes'] => [
    { name: 'a', layer: conv({ h: 1, w: 3 }, 1, { h: 0, w: 1 }), inputs: [from] },
    { name: 'b', layer: conv({ h: 3, w: 1 }, 1, { h: 1, w: 0 }), inputs: [from] },
    { name: 'cat', layer: { op: 'concat' }, inputs: ['a', 'b'] },
  ];
  const rect = (h0: number, h1: number, w0: number, w1: number) => ({
    h: { lo: h0, hi: h1 },
    w: { lo: w0, hi: w1 },
  });

  it('the corner unit depends on an L of 3 pixels, the centre unit on a cross of 5', () => {
    // Catches: reporting the product of the projections (4 and 9 pixels) as the dependency set.
    const net: Network = { input: { h: 4, w: 4 }, nodes: cross(INPUT) };
    const corner = traceUnit(net, 'cat', { h: 0, w: 0 });
    expect(corner.cells[INPUT]).toEqual([rect(0, 0, 0, 1), rect(1, 1, 0, 0)]);
    expect(corner.nodes[INPUT]).toEqual({ h: [{ lo: 0, hi: 1 }], w: [{ lo: 0, hi: 1 }] });
    expect(unitRegion(net, 'cat', { h: 0, w: 0 })).toMatchObject({
      clipped: rect(0, 1, 0, 1),
      pixels: 3,
      filled: false,
      contiguous: { h: true, w: true },
    });
    expect(traceUnit(net, 'cat', { h: 1, w: 1 }).cells[INPUT]).toEqual([
      rect(0, 0, 1, 1),
      rect(1, 1, 0, 2),
      rect(2, 2, 1, 1),
    ]);
    expect(unitRegion(net, 'cat', { h: 1, w: 1 }).pixels).toBe(5);
  });

  it('a conv before the branches whose window clips one arm: only the other arm reaches the image', () => {
    // `pre` is a 1×1 conv with one row of padding on top, so its row 0 reads no input pixel. Unit (0, 1)
    // of the concat depends on a T in `pre`: row 0 × columns 0..2 (the 1×3 branch) and rows 0..1 ×
    // column 1 (the 3×1 branch, clipped). Row 0 reads nothing, so only pre (1, 1) = input (0, 1) is
    // left. Catches: per-axis unions, which keep the dead arm's columns (input row 0 × columns 0..2).
    const pre = conv(1, 1, sides({ before: 1, after: 0 }, { before: 0, after: 0 }));
    const net: Network = {
      input: { h: 4, w: 4 },
      nodes: [{ name: 'pre', layer: pre, inputs: [INPUT] }, ...cross('pre')],
    };
    expect(at(net, 'cat')?.size).toEqual({ h: 5, w: 4 });
    const trace = traceUnit(net, 'cat', { h: 0, w: 1 });
    expect(trace.cells['pre']).toEqual([rect(0, 0, 0, 2), rect(1, 1, 1, 1)]);
    expect(trace.cells[INPUT]).toEqual([rect(0, 0, 1, 1)]);
    expect(trace.nodes[INPUT]).toEqual({ h: [{ lo: 0, hi: 0 }], w: [{ lo: 1, hi: 1 }] });
    const region = unitRegion(net, 'cat', { h: 0, w: 1 });
    expect([region.clipped, region.pixels, region.filled]).toEqual([rect(0, 0, 1, 1), 1, true]);
    // Un-clipped, the padding row is a virtual row −1 of the image: the T shifted up by one, plus the
    // 3×1 branch's row above it (virtual row −2).
    expect(region.unclipped).toEqual(rect(-2, 0, 0, 2));
  });
});

describe('helpers', () => {
  it('stackToNetwork names nodes by op with running counts', () => {
    const net = stackToNetwork({ h: 9, w: 9 }, [conv(3), pool(2, 2), conv(3), relu]);
    expect(net.nodes.map((n) => [n.name, n.inputs[0]])).toEqual([
      ['conv1', INPUT],
      ['pool1', 'conv1'],
      ['conv2', 'pool1'],
      ['relu1', 'conv2'],
    ]);
  });
});
