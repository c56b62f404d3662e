/**
 * Example models for the ONNX report, written at build time as graph-only `.onnx` files (served as
 * `<base>examples/…`, see ./onnx-example-file.ts): the lecture's example and a small residual network
 * with a squeeze-and-excitation block.
 */
import type { ExampleId } from '../onnx-report';
import { writeOnnx, type OnnxAttr, type OnnxNodeSpec, type OnnxValueSpec } from './onnx-writer';

/** Collects nodes and weight inputs of a chain of layers. */
class Graph {
  nodes: OnnxNodeSpec[] = [];
  weights: OnnxValueSpec[] = [];

  add(op: string, name: string, inputs: string[], attrs: Record<string, OnnxAttr> = {}): string {
    const out = `${name}_out`;
    this.nodes.push({ op, name, inputs, outputs: [out], attrs });
    return out;
  }

  conv(x: string, name: string, cin: number, cout: number, k: number, s = 1, p = 0): string {
    const w = `${name}.weight`;
    this.weights.push({ name: w, shape: [cout, cin, k, k] });
    return this.add('Conv', name, [x, w], {
      kernel_shape: [k, k],
      strides: [s, s],
      pads: [p, p, p, p],
    });
  }
}

/** The lecture's example: a 5×5 input and two 3×3 convolutions with stride 2 and padding 1. */
function lecture(): Uint8Array<ArrayBuffer> {
  const g = new Graph();
  let t = g.conv('input', 'conv1', 3, 8, 3, 2, 1);
  t = g.add('Relu', 'relu1', [t]);
  t = g.conv(t, 'conv2', 8, 8, 3, 2, 1);
  return writeOnnx({
    producer: 'rf-lab-example',
    opset: 17,
    graphName: 'lecture_example',
    inputs: [{ name: 'input', shape: ['N', 3, 5, 5] }, ...g.weights],
    outputs: [{ name: t, shape: ['N', 8, 2, 2] }],
    nodes: g.nodes,
  });
}

/**
 * A small residual network on a 32×32 image: a stem (3×3, stride 2), one basic block whose second
 * convolution is gated by squeeze-and-excitation, a skip connection, max pooling and a classifier.
 */
function resnet(): Uint8Array<ArrayBuffer> {
  const g = new Graph();
  let x = g.conv('input', 'stem.conv', 3, 16, 3, 2, 1);
  x = g.add('Relu', 'stem.relu', [x]);
  let y = g.conv(x, 'block.conv1', 16, 16, 3, 1, 1);
  y = g.add('Relu', 'block.relu1', [y]);
  y = g.conv(y, 'block.conv2', 16, 16, 3, 1, 1);
  let s = g.add('GlobalAveragePool', 'block.se.pool', [y]);
  s = g.conv(s, 'block.se.reduce', 16, 4, 1);
  s = g.add('Relu', 'block.se.relu', [s]);
  s = g.conv(s, 'block.se.expand', 4, 16, 1);
  s = g.add('Sigmoid', 'block.se.gate', [s]);
  y = g.add('Mul', 'block.se.scale', [y, s]);
  y = g.add('Add', 'block.add', [y, x]);
  y = g.add('Relu', 'block.relu2', [y]);
  y = g.add('MaxPool', 'pool', [y], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  y = g.add('GlobalAveragePool', 'head.pool', [y]);
  y = g.add('Flatten', 'head.flatten', [y], { axis: 1 });
  const fc = 'head.fc.weight';
  g.weights.push({ name: fc, shape: [10, 16] });
  y = g.add('Gemm', 'head.fc', [y, fc], { transB: 1 });
  return writeOnnx({
    producer: 'rf-lab-example',
    opset: 17,
    graphName: 'small_resnet_se',
    inputs: [{ name: 'input', shape: ['N', 3, 32, 32] }, ...g.weights],
    outputs: [{ name: y, shape: ['N', 10] }],
    nodes: g.nodes,
  });
}

/** The bytes of an example model. */
export function exampleBytes(id: ExampleId): Uint8Array<ArrayBuffer> {
  return id === 'lecture' ? lecture() : resnet();
}
