/**
 * The large test model of the ONNX benchmarks and the large-model end-to-end test: a 64 × 64 RGB
 * input, one 3 × 3 convolution (8 channels, no padding, stride 1), then `n` Relu nodes in a chain.
 * By hand (pixel centres at 0.5, 1.5…): the convolution and every Relu after it have n = 64 − 3 + 1 = 62,
 * r = 3, j = S = 1, start = 0.5 + (3 − 1)/2 = 1.5 and P = r/2 − start = 0.
 */
import { writeOnnx, type OnnxNodeSpec } from '../components/widgets/shared/onnx-writer.ts';

export function reluChain(n: number): Uint8Array<ArrayBuffer> {
  const nodes: OnnxNodeSpec[] = [
    { op: 'Conv', name: 'conv', inputs: ['x', 'w'], outputs: ['t0'], attrs: { kernel_shape: [3, 3] } },
  ];
  for (let i = 0; i < n; i++)
    nodes.push({ op: 'Relu', name: `r${i}`, inputs: [`t${i}`], outputs: [`t${i + 1}`] });
  return writeOnnx({
    producer: 'bench',
    opset: 17,
    graphName: 'chain',
    inputs: [
      { name: 'x', shape: [1, 3, 64, 64] },
      { name: 'w', shape: [8, 3, 3, 3] },
    ],
    outputs: [{ name: `t${n}`, shape: [1, 8, 62, 62] }],
    nodes,
  });
}
