/**
 * "Same" padding computed at run time from the input's shape, as `torch.onnx.export` writes timm's
 * `pad_same` (tf_* EfficientNet and MixNet ports) at opset 13:
 *
 *   pad = max((⌈i / s⌉ − 1)·s + (k − 1)·d + 1 − i, 0),  before = ⌊pad / 2⌋,  after = pad − before
 *
 * read from Shape → Gather, computed with Cast/Div/Ceil/Sub/Mul/Add/Max, split with integer Div,
 * packed by Unsqueeze → Concat, then rearranged the way the exporter's F.pad lowering does it
 * (ConstantOfShape zeros, Reshape [−1, 2], Slice with step −1, Transpose, Reshape [−1], Cast).
 * Expected numbers are derived by hand in each test.
 */
import { describe, expect, test } from 'vitest';
import { GraphBuilder, INT64, buildModel } from './onnx-builder.ts';
import { convSame } from './same-pad-graph.ts';
import { load, row } from './helpers.ts';

describe('run-time "same" padding (timm pad_same)', () => {
  test('k 3, s 2 on 15×16: asymmetric pads are folded into an explicit Pad', async () => {
    // H: i = 15, ⌈15/2⌉ = 8, pad = 7·2 + 3 − 15 = 2 → (1, 1). W: i = 16, ⌈16/2⌉ = 8, pad = 14 + 3 − 16 = 1 → (0, 1).
    // conv: n = (15 + 2 − 3)/2 + 1 = 8 and (16 + 1 − 3)/2 + 1 = 8; r 3, S 2, P = (1, 0);
    // start = ½ + (1 − p_before) = (½, 1½).
    const b = new GraphBuilder();
    const y = convSame(b, 'x', 'conv', 3, 2, 1);
    const r = await load(b.build({ inputShape: [1, 1, 15, 16], output: y }));
    expect(r.stoppedAt).toBeNull();
    expect(r.network.nodes.find((n) => n.name === 'conv/pad')!.layer).toEqual({
      op: 'pad',
      pads: { h: { before: 1, after: 1 }, w: { before: 0, after: 1 } },
    });
    expect(row(r.analysis, 'conv')).toMatchObject({
      n: [8, 8],
      r: [3, 3],
      S: [2, 2],
      P: [1, 0],
      start: [0.5, 1.5],
    });
  });

  test('with dilation, stacked after a strided one', async () => {
    // conv1 as above (15×16 → 8×8, r 3, S 2, P (1, 0)).
    // conv2: k 3, s 1, d 2 on 8: pad = 7 + 4 + 1 − 8 = 4 → (2, 2) on both axes; n stays 8.
    // r = 3 + (k_eff − 1)·S = 3 + 4·2 = 11; S = 2; P = P₁ + p_before·S₁ = 1 + 2·2 = 5 (H), 0 + 4 = 4 (W).
    const b = new GraphBuilder();
    const c1 = convSame(b, 'x', 'conv1', 3, 2, 1);
    const y = convSame(b, c1, 'conv2', 3, 1, 2);
    const r = await load(b.build({ inputShape: [1, 1, 15, 16], output: y }));
    expect(r.stoppedAt).toBeNull();
    expect(row(r.analysis, 'conv2')).toMatchObject({ n: [8, 8], r: [11, 11], S: [2, 2], P: [5, 4] });
  });

  test('is re-evaluated when the input size changes', async () => {
    // The same file analysed at 16×15 swaps the axes: H pad 1 → (0, 1), W pad 2 → (1, 1); P = (0, 1).
    const b = new GraphBuilder();
    const y = convSame(b, 'x', 'conv', 3, 2, 1);
    const bytes = b.build({ inputShape: [1, 1, 'H', 'W'], output: y });
    const r = await load(bytes, { h: 16, w: 15 });
    expect(r.network.nodes.find((n) => n.name === 'conv/pad')!.layer).toEqual({
      op: 'pad',
      pads: { h: { before: 0, after: 1 }, w: { before: 1, after: 1 } },
    });
    expect(row(r.analysis, 'conv')).toMatchObject({ n: [8, 8], P: [0, 1] });
    // At 224 (divisible by 2): pad = 111·2 + 3 − 224 = 1 → (0, 1) on both axes; n = 112, P = 0.
    const big = await load(bytes, { h: 224, w: 224 });
    expect(row(big.analysis, 'conv')).toMatchObject({ n: [112, 112], P: [0, 0], r: [3, 3] });
  });

  test('k 5, s 1, d 3 ("same" by hand): pad = 12 split (6, 6), r 13, P 6', async () => {
    // pad = (10 − 1)·1 + 4·3 + 1 − 10 = 12 → (6, 6); n = 10 + 12 − 13 + 1 = 10; r = k_eff = 13; P = 6.
    const b = new GraphBuilder();
    const y = convSame(b, 'x', 'conv', 5, 1, 3);
    const r = await load(b.build({ inputShape: [1, 1, 10, 10], output: y }));
    expect(row(r.analysis, 'conv')).toMatchObject({ n: [10, 10], r: [13, 13], P: [6, 6], S: [1, 1] });
  });

  test('a Pad whose amounts really are unknown says so in a sentence', async () => {
    const r = await load(
      buildModel({
        inputs: [
          { name: 'x', shape: [1, 1, 8, 8] },
          { name: 'pads_in', shape: [8], elemType: INT64 },
        ],
        outputs: [{ name: 'y' }],
        nodes: [{ op: 'Pad', inputs: ['x', 'pads_in'], outputs: ['y'], name: 'pad' }],
      }),
    );
    expect(r.stoppedAt?.reason).toBe('the Pad amounts are not known before run time');
  });
});
