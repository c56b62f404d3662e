/**
 * A tiny ONNX writer for the report's example models: just enough of the protobuf wire format
 * (varints and length-delimited fields) to write a graph-only model — nodes with integer, string and
 * integer-list attributes, and typed graph inputs and outputs. Weights are declared as graph inputs
 * with their shapes, as `torch.onnx.export(..., export_params=False)` does, so no tensor data is written.
 */

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

/** Bytes of one protobuf message under construction. */
class Message {
  private parts: number[] = [];

  private varint(value: bigint): void {
    // Negative int64 values are written as their 64-bit two's complement (10 bytes).
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }

  int(field: number, value: number): this {
    this.varint(BigInt(field << 3));
    this.varint(BigInt(value));
    return this;
  }

  bytes(field: number, data: Uint8Array | number[]): this {
    this.varint(BigInt((field << 3) | 2));
    this.varint(BigInt(data.length));
    for (const b of data) this.parts.push(b);
    return this;
  }

  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  message(field: number, inner: Message): this {
    return this.bytes(field, inner.parts);
  }

  finish(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.parts);
  }
}

function attribute(name: string, value: OnnxAttr): Message {
  const m = new Message().string(1, name);
  if (typeof value === 'number') m.int(3, value).int(20, ATTR_INT);
  else if (typeof value === 'string') m.string(4, value).int(20, ATTR_STRING);
  else {
    for (const v of value) m.int(8, v);
    m.int(20, ATTR_INTS);
  }
  return m;
}

function valueInfo(v: OnnxValueSpec): Message {
  const shape = new Message();
  for (const d of v.shape)
    shape.message(1, typeof d === 'number' ? new Message().int(1, d) : new Message().string(2, d));
  const tensor = new Message().int(1, FLOAT).message(2, shape);
  return new Message().string(1, v.name).message(2, new Message().message(1, tensor));
}

function node(n: OnnxNodeSpec): Message {
  const m = new Message();
  for (const i of n.inputs) m.string(1, i);
  for (const o of n.outputs) m.string(2, o);
  m.string(3, n.name).string(4, n.op);
  for (const [k, v] of Object.entries(n.attrs ?? {})) m.message(5, attribute(k, v));
  return m;
}

/** The bytes of an `.onnx` file holding the graph of `spec` (IR version 8, default domain only). */
export function writeOnnx(spec: OnnxModelSpec): Uint8Array<ArrayBuffer> {
  const graph = new Message();
  for (const n of spec.nodes) graph.message(1, node(n));
  graph.string(2, spec.graphName);
  for (const v of spec.inputs) graph.message(11, valueInfo(v));
  for (const v of spec.outputs) graph.message(12, valueInfo(v));
  return new Message()
    .int(1, 8)
    .string(2, spec.producer)
    .string(3, '1')
    .message(7, graph)
    .message(8, new Message().string(1, '').int(2, spec.opset))
    .finish();
}
