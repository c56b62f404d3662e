/** A few valid models used as seeds by the error and fuzz tests. */
import { zoo } from '../../../../src/rf/zoo/index.ts';
import { GraphBuilder, INT64 } from './onnx-builder.ts';
import { networkToOnnx } from './network-to-onnx.ts';
import { convSame } from './same-pad-graph.ts';

export function seedModels(): { name: string; bytes: Uint8Array<ArrayBuffer> }[] {
  const out: { name: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
  {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { pads: [1, 1, 1, 1], cout: 8 });
    let g = b.node('GlobalAveragePool', [c], {}, 'squeeze');
    g = b.conv(g, 'reduce', 1, { cin: 8, cout: 2 });
    g = b.node('Sigmoid', [g], {}, 'gate');
    const y = b.node('Mul', [c, g], {}, 'excite');
    const p = b.node('Pad', [y, b.int64('pads', [0, 0, 1, 1, 0, 0, 1, 1])], {}, 'pad');
    const u = b.node('Resize', [p, '', b.floats('scales', [1, 1, 2, 2])], { mode: 'nearest' }, 'up');
    const k = b.node(
      'Constant',
      [],
      { value: { t: { name: 'v', dims: [4], dataType: INT64, int64: [1, 8, 36, 36] } } },
      'shape',
    );
    const r = b.node('Reshape', [u, k], {}, 'reshape');
    const m = b.node(
      'MaxPool',
      [r],
      { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1, pads: [1, 0, 0, 1] },
      'pool',
    );
    out.push({ name: 'se-pad-resize', bytes: b.build({ inputShape: [1, 3, 16, 16], output: m }) });
  }
  {
    const b = new GraphBuilder('x', false);
    let t = b.conv('x', 'c1', [5, 3], { cout: 4, s: 2, autoPad: 'SAME_LOWER', noKernelShape: true });
    t = b.node(
      'ConvTranspose',
      [t, b.weight('w', [4, 4, 4, 4])],
      { strides: [2, 2], pads: [1, 1, 1, 1] },
      'up',
    );
    t = b.node('Flatten', [t], {}, 'flat');
    t = b.node('Gemm', [t, b.weight('fc', [10, 64])], { transB: 1 }, 'fc');
    out.push({
      name: 'graph-only',
      bytes: b.build({ inputShape: ['N', 3, 'H', 'W'], output: t, opset: 17 }),
    });
  }
  {
    // Run-time "same" padding (shape arithmetic folded by the evaluator), strided then dilated.
    const b = new GraphBuilder();
    const c = convSame(b, 'x', 'same1', 3, 2, 1);
    out.push({
      name: 'pad-same',
      bytes: b.build({ inputShape: [1, 1, 'H', 'W'], output: convSame(b, c, 'same2', 3, 1, 2) }),
    });
  }
  for (const id of ['torchvision-resnet18', 'tf-slim-inception_v1', 'inception_v1']) {
    const m = zoo.find((z) => z.id === id);
    if (m) out.push({ name: id, bytes: networkToOnnx(m.network) });
  }
  const small = [...zoo].sort((a, b) => a.network.nodes.length - b.network.nodes.length)[0];
  if (small) out.push({ name: small.id, bytes: networkToOnnx(small.network) });
  return out;
}
