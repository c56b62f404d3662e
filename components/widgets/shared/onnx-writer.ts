/**
 * Writes the report's example models (and the test models) with protobufjs, from the schema subset
 * the importer reads (src/rf/onnx/schema.ts): a graph-only model — nodes with integer, string and
 * integer-list attributes, and typed graph inputs and outputs. Weights are declared as graph inputs
 * with their shapes, as `torch.onnx.export(..., export_params=False)` does, so no tensor data is written.
 */
import { onnxTypes } from '../../../src/rf/onnx/schema';

export type OnnxAttr = number | number[] | string;

export interface OnnxNodeSpec {
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, OnnxAttr>;
}

export interface OnnxValueSpec {
  name: string;
  /** Whole numbers are fixed sizes, strings are symbolic dimensions ("N"). */
  shape: (number | string)[];
}

export interface OnnxModelSpec {
  producer: string;
  opset: number;
  graphName: string;
  inputs: OnnxValueSpec[];
  outputs: OnnxValueSpec[];
  nodes: OnnxNodeSpec[];
}

const FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_INTS = 7;

const utf8 = new TextEncoder();

function attribute(name: string, value: OnnxAttr): Record<string, unknown> {
  if (typeof value === 'number') return { name, i: value, type: ATTR_INT };
  if (typeof value === 'string') return { name, s: utf8.encode(value), type: ATTR_STRING };
  return { name, ints: value, type: ATTR_INTS };
}

function valueInfo(v: OnnxValueSpec): Record<string, unknown> {
  const dim = v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name: v.name, type: { tensorType: { elemType: FLOAT, shape: { dim } } } };
}

/** The bytes of an `.onnx` file holding the graph of `spec` (IR version 8, default domain only). */
export function writeOnnx(spec: OnnxModelSpec): Uint8Array<ArrayBuffer> {
  const model = onnxTypes().model;
  const message = model.fromObject({
    irVersion: 8,
    producerName: spec.producer,
    producerVersion: '1',
    graph: {
      node: spec.nodes.map((n) => ({
        input: n.inputs,
        output: n.outputs,
        name: n.name,
        opType: n.op,
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
      })),
      name: spec.graphName,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
    opsetImport: [{ domain: '', version: spec.opset }],
  });
  // A copy that owns its buffer: protobufjs may hand back a view into a larger pool.
  return new Uint8Array(model.encode(message).finish());
}
