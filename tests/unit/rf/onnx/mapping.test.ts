/**
 * Small ONNX models with hand-derived answers.
 *
 * Conventions (the engine's): pixel i spans [i, i + 1), start₀ = ½; a window layer with kernel k,
 * dilation d, stride s and leading pad p maps n → ⌊(n + p_b + p_a − k_eff) / s⌋ + 1,
 * j' = j·s, r' = r + (k_eff − 1)·j, start' = start + ((k_eff − 1)/2 − p_b)·j; Distill's
 * S = j and P is the leading offset with unit u covering [u·S − P, u·S − P + r − 1].
 */
import { GraphBuilder, INT64, buildModel } from './onnx-builder.ts';
import { load, row } from './helpers.ts';
import { unitRegion } from '../../../../src/rf/index.ts';

describe('windows', () => {
  test('asymmetric pads [h_begin, w_begin, h_end, w_end]', async () => {
    // 10×10, k = 3, s = 2, pads = [0, 1, 1, 0]:
    // h: n = ⌊(10 + 0 + 1 − 3)/2⌋ + 1 = 5, start = ½ + (1 − 0) = 1.5, P = 0.
    // w: n = ⌊(10 + 1 + 0 − 3)/2⌋ + 1 = 5, start = ½ + (1 − 1) = 0.5, P = 1.
    const b = new GraphBuilder();
    const y = b.conv('x', 'conv', 3, { s: 2, pads: [0, 1, 1, 0] });
    const { analysis } = await load(b.build({ inputShape: [1, 1, 10, 10], output: y }));
    expect(row(analysis, 'conv')).toMatchObject({
      n: [5, 5],
      j: [2, 2],
      r: [3, 3],
      start: [1.5, 0.5],
      P: [0, 1],
    });
  });

  test('ceil_mode adds the partial last window', async () => {
    // 6×6, max pool k = 3, s = 2: floor → ⌊3/2⌋ + 1 = 2; ceil → ⌈3/2⌉ + 1 = 3 (last window starts at 4 < 6).
    for (const [ceil, n] of [
      [0, 2],
      [1, 3],
    ] as const) {
      const b = new GraphBuilder();
      const y = b.node('MaxPool', ['x'], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: ceil }, 'pool');
      const { analysis } = await load(b.build({ inputShape: [1, 1, 6, 6], output: y }));
      expect(row(analysis, 'pool')).toMatchObject({ n: [n, n], j: [2, 2], r: [3, 3] });
    }
  });

  test('dilation', async () => {
    // k = 3, d = 2 → k_eff = 5, r = 5; then k = 3, d = 4 → k_eff = 9, r = 5 + 8 = 13. Pads keep n = 16.
    const b = new GraphBuilder();
    let t = b.conv('x', 'c1', 3, { d: 2, pads: [2, 2, 2, 2] });
    t = b.conv(t, 'c2', 3, { d: 4, pads: [4, 4, 4, 4] });
    const { analysis } = await load(b.build({ inputShape: [1, 1, 16, 16], output: t }));
    expect(row(analysis, 'c1')).toMatchObject({ n: [16, 16], r: [5, 5], start: [0.5, 0.5] });
    expect(row(analysis, 'c2')).toMatchObject({ n: [16, 16], r: [13, 13], P: [6, 6] });
  });

  test('auto_pad SAME_UPPER vs SAME_LOWER', async () => {
    // n = 7, k = 4, s = 2: out = ⌈7/2⌉ = 4, total pad = (4 − 1)·2 + 4 − 7 = 3.
    // SAME_UPPER: before 1 → start = ½ + (1.5 − 1) = 1, P = 1. SAME_LOWER: before 2 → start = 0, P = 2.
    const results = [];
    for (const autoPad of ['SAME_UPPER', 'SAME_LOWER']) {
      const b = new GraphBuilder();
      const y = b.conv('x', 'conv', 4, { s: 2, autoPad });
      results.push(row((await load(b.build({ inputShape: [1, 1, 7, 7], output: y }))).analysis, 'conv'));
    }
    expect(results[0]).toMatchObject({ n: [4, 4], r: [4, 4], start: [1, 1], P: [1, 1] });
    expect(results[1]).toMatchObject({ n: [4, 4], r: [4, 4], start: [0, 0], P: [2, 2] });
  });

  test('auto_pad VALID', async () => {
    // n = 9, k = 3, s = 2, no pads: n = ⌊6/2⌋ + 1 = 4, start = ½ + 1 = 1.5.
    const b = new GraphBuilder();
    const y = b.conv('x', 'conv', 3, { s: 2, autoPad: 'VALID' });
    const { analysis } = await load(b.build({ inputShape: [1, 1, 9, 9], output: y }));
    expect(row(analysis, 'conv')).toMatchObject({ n: [4, 4], r: [3, 3], start: [1.5, 1.5], P: [0, 0] });
  });

  test('transposed convolution: pads, output_shape and output_padding', async () => {
    // n = 8, k = 4, s = 2, pads 1: n' = 2·7 + 4 − 2 = 16, j = ½; each output reads ⌈k/s⌉ = 2 inputs → r = 2.
    const b1 = new GraphBuilder();
    const y1 = b1.node(
      'ConvTranspose',
      ['x', b1.weight('w', [1, 1, 4, 4])],
      { kernel_shape: [4, 4], strides: [2, 2], pads: [1, 1, 1, 1] },
      'up',
    );
    const a1 = (await load(b1.build({ inputShape: [1, 1, 8, 8], output: y1 }))).analysis;
    expect(row(a1, 'up')).toMatchObject({ n: [16, 16], j: [0.5, 0.5], r: [2, 2] });
    // output_shape [16, 16]: total padding = 2·7 + 4 − 16 = 2 → begin 1, end 1: the same layer.
    const b2 = new GraphBuilder();
    const y2 = b2.node(
      'ConvTranspose',
      ['x', b2.weight('w', [1, 1, 4, 4])],
      { strides: [2, 2], output_shape: [16, 16] },
      'up',
    );
    const a2 = (await load(b2.build({ inputShape: [1, 1, 8, 8], output: y2 }))).analysis;
    expect(row(a2, 'up')).toEqual(row(a1, 'up'));
    // k = 3, s = 2, pads 1, output_padding 1: n' = 2·7 + 1 + 3 − 2 = 16.
    const b3 = new GraphBuilder();
    const y3 = b3.node(
      'ConvTranspose',
      ['x', b3.weight('w', [1, 1, 3, 3])],
      { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] },
      'up',
    );
    const a3 = (await load(b3.build({ inputShape: [1, 1, 8, 8], output: y3 }))).analysis;
    expect(row(a3, 'up')).toMatchObject({ n: [16, 16], j: [0.5, 0.5] });
  });

  test('kernel size inferred from the weight initializer when kernel_shape is absent', async () => {
    // Weight [1, 1, 5, 3] → kernel 5×3, no pads: n = 12 − 4 = 8 by 12 − 2 = 10, r = (5, 3).
    const b = new GraphBuilder();
    const y = b.conv('x', 'conv', [5, 3], { noKernelShape: true });
    const { analysis } = await load(b.build({ inputShape: [1, 1, 12, 12], output: y }));
    expect(row(analysis, 'conv')).toMatchObject({ n: [8, 10], r: [5, 3] });
  });
});

describe('graph-only exports', () => {
  test('weights as graph inputs (export_params=False) give the same numbers as with weights', async () => {
    const make = (withWeights: boolean, kernelShape: boolean) => {
      const b = new GraphBuilder('x', withWeights);
      let t = b.conv('x', 'c1', [5, 3], { cout: 8, pads: [2, 1, 2, 1], noKernelShape: !kernelShape });
      t = b.node('Relu', [t], {}, 'relu');
      t = b.conv(t, 'c2', 3, { cin: 8, cout: 8, s: 2, pads: [1, 1, 1, 1], noKernelShape: !kernelShape });
      return b.build({ inputShape: [1, 1, 32, 32], output: t });
    };
    const withW = await load(make(true, false));
    const graphOnly = await load(make(false, false));
    const graphOnlyAttrs = await load(make(false, true));
    expect(withW.model.initializerCount).toBe(2);
    expect(graphOnly.model.initializerCount).toBe(0);
    expect(graphOnly.model.weightBytes).toBe(0);
    // c1: r = (5, 3), n = 32; c2: r = (5 + 2, 3 + 2) = (7, 5), j = 2, n = 16.
    for (const r of [withW, graphOnly, graphOnlyAttrs]) {
      expect(r.stoppedAt).toBeNull();
      expect(row(r.analysis, 'c2')).toMatchObject({ n: [16, 16], j: [2, 2], r: [7, 5] });
    }
  });
});

describe('branches', () => {
  test('Add and Concat of two branches', async () => {
    // a = 3×3 pad 1 (r 3), b = 1×1 (r 1): both keep n = 8 and centre ½ → aligned, r = 3.
    const b = new GraphBuilder();
    const a = b.conv('x', 'a', 3, { pads: [1, 1, 1, 1] });
    const c = b.conv('x', 'b', 1);
    const s = b.node('Add', [a, c], {}, 'sum');
    const cat = b.node('Concat', [s, c], { axis: 1 }, 'cat');
    const { analysis, network } = await load(b.build({ inputShape: [1, 1, 8, 8], output: cat }));
    expect(network.nodes.find((n) => n.name === 'sum')!.layer).toEqual({ op: 'add' });
    expect(network.nodes.find((n) => n.name === 'cat')!.layer).toEqual({ op: 'concat' });
    expect(row(analysis, 'sum')).toMatchObject({ n: [8, 8], r: [3, 3], aligned: true });
    expect(row(analysis, 'cat')).toMatchObject({ n: [8, 8], r: [3, 3], aligned: true });
  });

  test('adding a constant is neutral', async () => {
    const b = new GraphBuilder();
    const a = b.conv('x', 'a', 3);
    const y = b.node('Add', [a, b.floats('bias', [0.5])], {}, 'plus');
    const { network, analysis } = await load(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(network.nodes.find((n) => n.name === 'plus')!.layer).toEqual({ op: 'neutral', kind: 'Add' });
    expect(row(analysis, 'plus')).toMatchObject({ n: [6, 6], r: [3, 3] });
  });

  test('Concat along a spatial axis stops', async () => {
    const b = new GraphBuilder();
    const a = b.conv('x', 'a', 1);
    const y = b.node('Concat', [a, 'x'], { axis: 2 }, 'cat');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(r.stoppedAt).toMatchObject({ node: 'cat', op: 'Concat' });
    expect(r.stoppedAt!.reason).toMatch(/height or width/);
  });
});

describe('global context', () => {
  test('squeeze-and-excitation gate (GlobalAveragePool → 1×1 convs → Mul) is globalContext', async () => {
    // conv 3×3 pad 1: r = 3; the gate is global; Mul(conv, gate): local r = 3, globalContext.
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { pads: [1, 1, 1, 1], cout: 8 });
    let g = b.node('GlobalAveragePool', [c], {}, 'squeeze');
    g = b.conv(g, 'reduce', 1, { cin: 8, cout: 2 });
    g = b.node('Relu', [g], {}, 'relu');
    g = b.conv(g, 'expand', 1, { cin: 2, cout: 8 });
    g = b.node('Sigmoid', [g], {}, 'gate');
    const y = b.node('Mul', [c, g], {}, 'excite');
    const { analysis } = await load(b.build({ inputShape: [1, 3, 16, 16], output: y }));
    expect(row(analysis, 'gate')).toMatchObject({ global: true });
    expect(row(analysis, 'excite')).toMatchObject({
      n: [16, 16],
      r: [3, 3],
      global: false,
      globalContext: true,
    });
    expect(analysis.output?.name).toBe('excite');
  });

  test('SE gate through Flatten → Gemm → Reshape [N, C, 1, 1]', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { pads: [1, 1, 1, 1], cout: 4 });
    let g = b.node('GlobalAveragePool', [c], {}, 'squeeze');
    g = b.node('Flatten', [g], {}, 'flat');
    g = b.node('Gemm', [g, b.weight('fc.w', [4, 4])], { transB: 1 }, 'fc');
    g = b.node('Sigmoid', [g], {}, 'gate');
    g = b.node('Reshape', [g, b.int64('shape4', [1, 4, 1, 1])], {}, 'unflatten');
    const y = b.node('Mul', [c, g], {}, 'excite');
    const r = await load(b.build({ inputShape: [1, 3, 16, 16], output: y }));
    expect(r.stoppedAt).toBeNull();
    expect(r.network.nodes.find((n) => n.name === 'fc')!.layer).toEqual({ op: 'global', kind: 'fc' });
    expect(row(r.analysis, 'excite')).toMatchObject({ r: [3, 3], globalContext: true });
  });

  test('InstanceNormalization is written as a global-context merge', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3);
    const y = b.node('InstanceNormalization', [c, b.floats('s', [1]), b.floats('bias', [0])], {}, 'norm');
    const r = await load(b.build({ inputShape: [1, 1, 10, 10], output: y }));
    expect(row(r.analysis, 'norm')).toMatchObject({ n: [8, 8], r: [3, 3], globalContext: true });
    expect(r.notes.join(' ')).toMatch(/InstanceNormalization/);
  });

  test('ReduceMean over H and W is global pooling; over C it is neutral', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3);
    const m = b.node('ReduceMean', [c], { axes: [1], keepdims: 1 }, 'chanmean');
    const g = b.node('ReduceMean', [m], { axes: [2, 3], keepdims: 0 }, 'spatialmean');
    const r = await load(b.build({ inputShape: [1, 1, 10, 10], output: g }));
    expect(r.network.nodes.find((n) => n.name === 'chanmean')!.layer).toEqual({
      op: 'neutral',
      kind: 'ReduceMean',
    });
    expect(r.network.nodes.find((n) => n.name === 'spatialmean')!.layer).toEqual({
      op: 'global',
      kind: 'global-pool',
    });
    expect(row(r.analysis, 'spatialmean').global).toBe(true);
  });
});

describe('Pad', () => {
  // 8×8, pads h (2, 0), w (1, 3) then a valid 3×3 conv:
  // pad: n = (10, 12), start = ½ − (2, 1) = (−1.5, −0.5); conv: n = (8, 10), start + 1 = (−0.5, 0.5), P = (2, 1).
  const expected = { n: [8, 10], r: [3, 3], start: [-0.5, 0.5], P: [2, 1] };
  const pads = [0, 0, 2, 1, 0, 0, 0, 3];

  test('pads from an initializer (opset 13)', async () => {
    const b = new GraphBuilder();
    const p = b.node('Pad', ['x', b.int64('pads', pads)], {}, 'pad');
    const y = b.conv(p, 'conv', 3);
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(r.network.nodes.find((n) => n.name === 'pad')!.layer).toEqual({
      op: 'pad',
      pads: { h: { before: 2, after: 0 }, w: { before: 1, after: 3 } },
    });
    expect(row(r.analysis, 'conv')).toMatchObject(expected);
  });

  test('pads from a Constant node, reflect mode', async () => {
    const b = new GraphBuilder();
    const k = b.node(
      'Constant',
      [],
      { value: { t: { name: 'v', dims: [8], dataType: INT64, int64: pads } } },
      'pads_const',
    );
    const p = b.node('Pad', ['x', k], { mode: 'reflect' }, 'pad');
    const y = b.conv(p, 'conv', 3);
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(row(r.analysis, 'conv')).toMatchObject(expected);
    expect(r.notes.join(' ')).toMatch(/reflect/);
  });

  test('pads as an attribute (opset 10)', async () => {
    const b = new GraphBuilder();
    const p = b.node('Pad', ['x'], { pads }, 'pad');
    const y = b.conv(p, 'conv', 3);
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y, opset: 10 }));
    expect(row(r.analysis, 'conv')).toMatchObject(expected);
  });

  test('wrap padding stops', async () => {
    const b = new GraphBuilder();
    const y = b.node('Pad', ['x', b.int64('pads', pads)], { mode: 'wrap' }, 'pad');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y, opset: 19 }));
    expect(r.stoppedAt).toMatchObject({ node: 'pad', op: 'Pad' });
  });
});

describe('Resize', () => {
  test('integer scales → upsample; sizes too', async () => {
    // conv 3×3 (n 6, r 3), ×2 nearest: n 12, j ½.
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3);
    const u = b.node('Resize', [c, '', b.floats('scales', [1, 1, 2, 2])], { mode: 'nearest' }, 'up');
    const v = b.node('Resize', [u, '', '', b.int64('sizes', [1, 1, 36, 24])], { mode: 'linear' }, 'up2');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: v }));
    expect(r.network.nodes.find((n) => n.name === 'up')!.layer).toEqual({
      op: 'upsample',
      factor: { h: 2, w: 2 },
      mode: 'nearest',
    });
    expect(r.network.nodes.find((n) => n.name === 'up2')!.layer).toEqual({
      op: 'upsample',
      factor: { h: 3, w: 2 },
      mode: 'bilinear',
    });
    expect(row(r.analysis, 'up')).toMatchObject({ n: [12, 12], j: [0.5, 0.5] });
    expect(row(r.analysis, 'up2').n).toEqual([36, 24]);
  });

  test('a non-integer scale (1.5) is mapped exactly, unit by unit', async () => {
    // conv 3×3 on 8×8: 6 units, unit i sees pixels [i, i + 2]. Resize ×1.5, nearest, half_pixel,
    // round_prefer_floor: n = ⌊6·1.5⌋ = 9; unit u samples x = (u + ½)/1.5 − ½ = (4u − 1)/6:
    // −1/6, ½, 7/6, 11/6, 5/2, 19/6, 23/6, 9/2, 31/6 → rounded (ties down) 0, 0, 1, 2, 2, 3, 4, 4, 5.
    // So unit 3 reads conv unit 2 = pixels [2, 4]; every unit sees 3 pixels; j = 2/3, not uniform.
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3);
    const u = b.node('Resize', [c, '', b.floats('scales', [1, 1, 1.5, 1.5])], { mode: 'nearest' }, 'up');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: u }));
    expect(r.stoppedAt).toBeNull();
    const up = r.analysis.layers.find((l) => l.name === 'up')!;
    expect(up.size).toEqual({ h: 9, w: 9 });
    expect(up.jump.h).toEqual({ num: 2, den: 3 });
    expect(up.rf).toEqual({ h: 3, w: 3 });
    expect(up.uniform).toEqual({ h: false, w: false });
    const reads = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(
      (k) => unitRegion(r.network, 'up', { h: k, w: 0 }).clipped.h,
    );
    expect(reads).toEqual([0, 0, 1, 2, 2, 3, 4, 4, 5].map((i) => ({ lo: i, hi: i + 2 })));
  });

  test('Upsample (opset 9) with scales input', async () => {
    const b = new GraphBuilder();
    const u = b.node('Upsample', ['x', b.floats('scales', [1, 1, 2, 2])], { mode: 'nearest' }, 'up');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: u, opset: 9 }));
    expect(row(r.analysis, 'up').n).toEqual([16, 16]);
  });
});

describe('shapes', () => {
  test('channel shuffle (Reshape → Transpose → Reshape) is neutral', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { cout: 4, pads: [1, 1, 1, 1] });
    let t = b.node('Reshape', [c, b.int64('s5', [1, 2, 2, 8, 8])], {}, 'split_groups');
    t = b.node('Transpose', [t], { perm: [0, 2, 1, 3, 4] }, 'shuffle');
    t = b.node('Reshape', [t, b.int64('s4', [1, -1, 8, 8])], {}, 'merge_groups');
    const y = b.conv(t, 'conv2', 3, { cin: 4, pads: [1, 1, 1, 1] });
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(r.stoppedAt).toBeNull();
    expect(row(r.analysis, 'conv2')).toMatchObject({ n: [8, 8], r: [5, 5] });
  });

  test('a Reshape that mixes the spatial axes stops with a message', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 1, { cout: 4 });
    const t = b.node('Reshape', [c, b.int64('mixed', [1, 8, 4, 8])], {}, 'mixed');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: t }));
    expect(r.stoppedAt).toMatchObject({ node: 'mixed', op: 'Reshape' });
    expect(r.stoppedAt!.reason).toMatch(/\[1, 4, 8, 8\] → \[1, 8, 4, 8\] mixes/);
  });

  test('tokens [N, C, H·W] are followed until a MatMul contracts them (attention)', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 1, { cout: 4 });
    const t = b.node('Reshape', [c, b.int64('tokens', [1, 4, 64])], {}, 'tokens');
    const q = b.node('Transpose', [t], { perm: [0, 2, 1] }, 'q');
    const att = b.node('MatMul', [q, t], {}, 'scores');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: att }));
    expect(r.network.nodes.map((n) => n.name)).toEqual(['conv', 'tokens', 'q']);
    expect(r.stoppedAt).toMatchObject({ node: 'scores', op: 'MatMul' });
  });

  test('Shape → Gather → Unsqueeze → Concat → Reshape flatten (older PyTorch exports) is a global flatten', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { cout: 2 });
    const s = b.node('Shape', [c], {}, 'shape');
    const n = b.node(
      'Gather',
      [
        s,
        b.node(
          'Constant',
          [],
          { value: { t: { name: 'z', dims: [], dataType: INT64, int64: [0] } } },
          'zero',
        ),
      ],
      { axis: 0 },
      'batch',
    );
    const u = b.node('Unsqueeze', [n], { axes: [0] }, 'unsq');
    const cat = b.node('Concat', [u, b.int64('minus1', [-1])], { axis: 0 }, 'target');
    const f = b.node('Reshape', [c, cat], {}, 'flatten');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: f, opset: 11 }));
    expect(r.stoppedAt).toBeNull();
    expect(r.network.nodes.map((x) => x.name)).toEqual(['conv', 'flatten']);
    expect(r.network.nodes[1]!.layer).toEqual({ op: 'global', kind: 'flatten' });
  });

  test('NHWC input with a Transpose (tf2onnx style)', async () => {
    const b = new GraphBuilder();
    const t = b.node('Transpose', ['x'], { perm: [0, 3, 1, 2] }, 'to_nchw');
    const y = b.conv(t, 'conv', 3, { s: 2, cin: 3 });
    const r = await load(b.build({ inputShape: ['N', 20, 30, 3], output: y }));
    expect(r.input.layout).toBe('NHWC');
    expect(row(r.analysis, 'conv')).toMatchObject({ n: [9, 14], r: [3, 3] });
  });

  test('Slice crop and strided Slice (space-to-depth style)', async () => {
    // crop rows 1..6 of 8 (start 1, end 7): a pad of (−1, −1) → n 6, start ½ + 1 = 1.5.
    const b = new GraphBuilder();
    const crop = b.node(
      'Slice',
      ['x', b.int64('st', [1]), b.int64('en', [7]), b.int64('ax', [2])],
      {},
      'crop',
    );
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: crop }));
    expect(r.network.nodes[0]!.layer).toEqual({
      op: 'pad',
      pads: { h: { before: -1, after: -1 }, w: { before: 0, after: 0 } },
    });
    expect(row(r.analysis, 'crop')).toMatchObject({ n: [6, 8], start: [1.5, 0.5], r: [1, 1] });
    // x[..., ::2, 1::2] with end = INT64_MAX on rows: rows 0, 2, 4, 6 (n 4, j 2, start ½);
    // columns 1, 3, 5, 7 (n 4, j 2, start 1.5).
    const b2 = new GraphBuilder();
    const sub = b2.node(
      'Slice',
      [
        'x',
        b2.int64('st', [0, 1]),
        b2.int64('en', [9223372036854775807n, 8]),
        b2.int64('ax', [2, 3]),
        b2.int64('sp', [2, 2]),
      ],
      {},
      'sub',
    );
    const r2 = await load(b2.build({ inputShape: [1, 1, 8, 8], output: sub }));
    expect(row(r2.analysis, 'sub')).toMatchObject({ n: [4, 4], j: [2, 2], r: [1, 1], start: [0.5, 1.5] });
  });

  test('input size override', async () => {
    const b = new GraphBuilder();
    const y = b.conv('x', 'conv', 3, { s: 2, pads: [1, 1, 1, 1] });
    const bytes = b.build({ inputShape: [1, 1, 'H', 'W'], output: y });
    const assumed = await load(bytes);
    expect(assumed.input.assumed).toBe(true);
    expect(row(assumed.analysis, 'conv').n).toEqual([112, 112]);
    const given = await load(bytes, { h: 33, w: 20 });
    expect(given.input.assumed).toBe(false);
    expect(row(given.analysis, 'conv').n).toEqual([17, 10]);
  });
});

describe('unknown operators', () => {
  test('the import stops at the first node it cannot reason about, naming it', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv1', 3);
    const m = b.node('FancyWarp', [c], {}, 'warp');
    b.nodes[b.nodes.length - 1]!.domain = 'com.example';
    const y = b.conv(m, 'conv2', 3);
    const r = await load(
      b.build({
        inputShape: [1, 1, 16, 16],
        output: y,
        extraOpsets: [{ domain: 'com.example', version: 1 }],
      }),
    );
    expect(r.stoppedAt).toEqual({
      node: 'warp',
      op: 'com.example.FancyWarp',
      reason: expect.stringMatching(/unknown operator com\.example\.FancyWarp/),
    });
    expect(r.unsupported).toEqual([{ op: 'FancyWarp', domain: 'com.example', nodes: ['warp'], count: 1 }]);
    expect(r.network.nodes.map((n) => n.name)).toEqual(['conv1']);
    expect(row(r.analysis, 'conv1').r).toEqual([3, 3]);
  });

  test('unknown ops after the image is global do not stop the import', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3);
    const g = b.node('GlobalAveragePool', [c], {}, 'gap');
    const y = b.node('TopKish', [g], {}, 'head');
    const r = await load(b.build({ inputShape: [1, 1, 16, 16], output: y }));
    expect(r.stoppedAt).toBeNull();
    expect(r.unsupported.map((u) => u.op)).toEqual(['TopKish']);
    expect(row(r.analysis, 'head').global).toBe(true);
  });
});

describe('model summary', () => {
  test('producer, opset, counts', async () => {
    const b = new GraphBuilder();
    const y = b.conv('x', 'conv', 3);
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y, producer: 'pytorch', opset: 17 }));
    expect(r.model).toMatchObject({
      producer: 'pytorch',
      opset: 17,
      nodeCount: 1,
      initializerCount: 1,
      weightBytes: 36,
    });
    expect(r.outputs).toEqual([{ tensor: 'conv:0', node: 'conv' }]);
  });

  test('buildModel sanity: nodes out of order are sorted', async () => {
    const bytes = buildModel({
      inputs: [{ name: 'x', shape: [1, 1, 8, 8] }],
      outputs: [{ name: 'b' }],
      nodes: [
        { op: 'Relu', name: 'second', inputs: ['a'], outputs: ['b'] },
        {
          op: 'MaxPool',
          name: 'first',
          inputs: ['x'],
          outputs: ['a'],
          attrs: { kernel_shape: [2, 2], strides: [2, 2] },
        },
      ],
    });
    const r = await load(bytes);
    expect(row(r.analysis, 'second')).toMatchObject({ n: [4, 4], r: [2, 2] });
  });
});

describe('exporter patterns', () => {
  test('GroupNorm as exported by PyTorch (Reshape [0, G, -1] → InstanceNormalization → Reshape(Shape(x)))', async () => {
    // conv 3×3 pad 1 (r 3, n 8); the normalization statistics run over each group's C/G·H·W values
    // → global context; the following 3×3 conv sees r = 5.
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { cout: 4, pads: [1, 1, 1, 1] });
    const g = b.node('Reshape', [c, b.int64('groups', [0, 2, -1])], {}, 'to_groups');
    const n = b.node(
      'InstanceNormalization',
      [g, b.floats('ones', [1, 1]), b.floats('zeros', [0, 0])],
      {},
      'norm',
    );
    const s = b.node('Shape', [c], {}, 'shape_of_conv');
    const back = b.node('Reshape', [n, s], {}, 'from_groups');
    const m = b.node('Mul', [back, b.floats('gamma', [1, 1, 1, 1])], {}, 'gamma');
    const y = b.conv(m, 'conv2', 3, { cin: 4, pads: [1, 1, 1, 1] });
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y, opset: 13 }));
    expect(r.stoppedAt).toBeNull();
    expect(row(r.analysis, 'norm')).toMatchObject({ r: [3, 3], globalContext: true });
    expect(row(r.analysis, 'conv2')).toMatchObject({ n: [8, 8], r: [5, 5], globalContext: true });
  });

  test('a spatial op on folded axes stops', async () => {
    const b = new GraphBuilder();
    const g = b.node('Reshape', ['x', b.int64('groups', [1, 2, -1])], {}, 'fold');
    const y = b.node('MaxPool', [g], { kernel_shape: [2] }, 'pool');
    const r = await load(b.build({ inputShape: [1, 4, 8, 8], output: y }));
    expect(r.stoppedAt).toMatchObject({ node: 'pool', op: 'MaxPool' });
  });

  test('ASPP-style image pooling: GlobalAveragePool → Resize(sizes from Shape) → Concat', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'branch', 3, { cout: 2, pads: [2, 2, 2, 2], d: 2 });
    const p = b.node('GlobalAveragePool', ['x'], {}, 'image_pool');
    const sh = b.node('Shape', [c], {}, 'shape');
    const hw = b.node('Slice', [sh, b.int64('s0', [2]), b.int64('s1', [4])], {}, 'hw');
    const sizes = b.node('Concat', [b.int64('nc', [1, 1]), hw], { axis: 0 }, 'sizes');
    const up = b.node(
      'Resize',
      [p, '', '', sizes],
      { mode: 'linear', coordinate_transformation_mode: 'half_pixel' },
      'up',
    );
    const cat = b.node('Concat', [c, up], { axis: 1 }, 'cat');
    const r = await load(b.build({ inputShape: [1, 1, 12, 12], output: cat }));
    expect(r.stoppedAt).toBeNull();
    expect(r.network.nodes.find((n) => n.name === 'up')!.layer).toEqual({
      op: 'upsample',
      factor: { h: 12, w: 12 },
      mode: 'bilinear',
    });
    expect(row(r.analysis, 'cat')).toMatchObject({ n: [12, 12], r: [5, 5], globalContext: true });
  });

  test('SiLU (x · sigmoid(x)) keeps the RF; Identity of a constant keeps its values', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3);
    const s = b.node('Sigmoid', [c], {}, 'sig');
    const m = b.node('Mul', [c, s], {}, 'silu');
    const shape = b.node('Identity', [b.int64('target', [1, 1, 6, 6])], {}, 'same_shape');
    const y = b.node('Reshape', [m, shape], {}, 'reshape');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(r.stoppedAt).toBeNull();
    expect(row(r.analysis, 'reshape')).toMatchObject({
      n: [6, 6],
      r: [3, 3],
      aligned: true,
      globalContext: false,
    });
  });

  test('SpaceToDepth is a 2×2 window with stride 2; DepthToSpace upsamples by 2', async () => {
    const b = new GraphBuilder();
    const s = b.node('SpaceToDepth', ['x'], { blocksize: 2 }, 's2d');
    const d = b.node('DepthToSpace', [s], { blocksize: 2 }, 'd2s');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: d }));
    expect(row(r.analysis, 's2d')).toMatchObject({ n: [4, 4], j: [2, 2], r: [2, 2] });
    expect(row(r.analysis, 'd2s')).toMatchObject({ n: [8, 8], j: [1, 1] });
  });

  test('Softmax over channels is neutral, over the width (opset 13 default axis) stops', async () => {
    const b = new GraphBuilder();
    const s = b.node('Softmax', ['x'], { axis: 1 }, 'chan');
    const y = b.node('Softmax', [s], {}, 'last');
    const r = await load(b.build({ inputShape: [1, 3, 8, 8], output: y }));
    expect(r.network.nodes[0]!.layer).toEqual({ op: 'neutral', kind: 'Softmax' });
    expect(r.stoppedAt).toMatchObject({
      node: 'last',
      reason: expect.stringMatching(/only one of the image's axes \(width\)/),
    });
  });

  test('QLinearConv takes its kernel from the weight at input 3', async () => {
    const b = new GraphBuilder();
    const w = b.weight('qw', [1, 1, 5, 5]);
    const f = b.floats('sc', [1]);
    const z = b.int64('zp', [0]);
    const y = b.node('QLinearConv', ['x', f, z, w, f, z, f, z], { pads: [2, 2, 2, 2] }, 'qconv');
    const r = await load(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(row(r.analysis, 'qconv')).toMatchObject({ n: [8, 8], r: [5, 5] });
  });
});

describe('legacy opsets', () => {
  test('opset 6: Add with broadcast = 1, axis = 1 of a [C] bias; Concat without axis (default 1, opset < 4)', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { cout: 3 });
    const y = b.node('Add', [c, b.floats('bias', [1, 2, 3])], { broadcast: 1, axis: 1 }, 'bias_add');
    const r6 = await load(b.build({ inputShape: [1, 1, 8, 8], output: y, opset: 6 }));
    expect(r6.stoppedAt).toBeNull();
    expect(row(r6.analysis, 'bias_add')).toMatchObject({ n: [6, 6], r: [3, 3] });
    const b3 = new GraphBuilder();
    const a = b3.conv('x', 'a', 3, { pads: [1, 1, 1, 1] });
    const cat = b3.node('Concat', [a, 'x'], {}, 'cat');
    const r3 = await load(b3.build({ inputShape: [1, 1, 8, 8], output: cat, opset: 3 }));
    expect(r3.network.nodes.find((n) => n.name === 'cat')!.layer).toEqual({ op: 'concat' });
  });
});

test('Expand of a global [N, C, 1, 1] to H×W is an upsample, so Concat sizes agree', async () => {
  const b = new GraphBuilder();
  const c = b.conv('x', 'conv', 3, { pads: [1, 1, 1, 1] });
  const g = b.node('ReduceMean', ['x'], { axes: [2, 3], keepdims: 1 }, 'mean');
  const e = b.node('Expand', [g, b.int64('to', [1, 1, 10, 10])], {}, 'spread');
  const cat = b.node('Concat', [c, e], { axis: 1 }, 'cat');
  const r = await load(b.build({ inputShape: [1, 1, 10, 10], output: cat }));
  expect(r.analysis.ok).toBe(true);
  expect(row(r.analysis, 'cat')).toMatchObject({ n: [10, 10], r: [3, 3], globalContext: true });
});

test('PixelShuffle as older exporters write it (Reshape → Transpose → Reshape) is nearest upsampling by r', async () => {
  // [1, 9, 4, 4] → [1, 1, 3, 3, 4, 4] → perm [0, 1, 4, 2, 5, 3] → [1, 1, 4, 3, 4, 3] → [1, 1, 12, 12]:
  // output row 3·i + k reads input row i, so n = 12, j = ⅓, r = 1.
  const b = new GraphBuilder();
  let t = b.node('Reshape', ['x', b.int64('split', [1, 1, 3, 3, 4, 4])], {}, 'split');
  t = b.node('Transpose', [t], { perm: [0, 1, 4, 2, 5, 3] }, 'interleave');
  t = b.node('Reshape', [t, b.int64('merge', [1, 1, 12, 12])], {}, 'shuffle');
  const r = await load(b.build({ inputShape: [1, 9, 4, 4], output: t, opset: 9 }));
  expect(r.input.layout).toBe('NCHW');
  expect(r.network.nodes.find((n) => n.name === 'shuffle')!.layer).toEqual({
    op: 'upsample',
    factor: { h: 3, w: 3 },
    mode: 'nearest',
  });
  expect(row(r.analysis, 'shuffle')).toMatchObject({ n: [12, 12], r: [1, 1] });
  expect(row(r.analysis, 'shuffle').j[0]).toBeCloseTo(1 / 3);
});

test('a Keras-style graph (tf2onnx): NHWC input, Transposes around the convs, ReduceMean head, Dense', async () => {
  // conv 3×3 s2 SAME_UPPER on 32×32: n 16, r 3; conv 3×3 s1 SAME: r 3 + 2·2 = 7; then global.
  const b = new GraphBuilder();
  let t = b.node('Transpose', ['x'], { perm: [0, 3, 1, 2] }, 'to_nchw');
  t = b.conv(t, 'conv1', 3, { s: 2, autoPad: 'SAME_UPPER', cin: 3, cout: 8 });
  t = b.node('Relu', [t], {}, 'relu1');
  t = b.conv(t, 'conv2', 3, { autoPad: 'SAME_UPPER', cin: 8, cout: 8 });
  t = b.node('Transpose', [t], { perm: [0, 2, 3, 1] }, 'to_nhwc');
  const last = t;
  t = b.node('ReduceMean', [t], { axes: [1, 2], keepdims: 0 }, 'gap');
  t = b.node('MatMul', [t, b.weight('dense.w', [8, 10])], {}, 'dense');
  t = b.node('Softmax', [t], { axis: -1 }, 'probs');
  const r = await load(b.build({ inputShape: ['unk__1', 32, 32, 3], output: t }));
  expect(r.input).toMatchObject({ layout: 'NHWC', size: { h: 32, w: 32 }, assumed: false });
  expect(r.stoppedAt).toBeNull();
  expect(r.tensors[last]).toBe('to_nhwc');
  expect(row(r.analysis, 'to_nhwc')).toMatchObject({ n: [16, 16], r: [7, 7], j: [2, 2] });
  expect(r.network.nodes.find((n) => n.name === 'gap')!.layer).toEqual({ op: 'global', kind: 'global-pool' });
  expect(r.network.nodes.find((n) => n.name === 'dense')!.layer).toEqual({ op: 'global', kind: 'fc' });
  expect(row(r.analysis, 'probs').global).toBe(true);
  expect(r.analysis.output?.name).toBe('to_nhwc');
});
