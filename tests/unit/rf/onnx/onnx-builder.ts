/**
 * Test-side ONNX writer: builds `.onnx` bytes with protobufjs from a schema written independently
 * of the importer's (field numbers from onnx.proto), so a wrong field number on either side shows.
 */
import { parse, type Type } from 'protobufjs';

const PROTO = `
syntax = "proto2";
package onnx;
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional bytes raw_data = 9;
  repeated StringStringEntryProto external_data = 13;
  optional int32 data_location = 14;
}
message AttributeProto {
  optional string name = 1;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  optional int32 type = 20;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
  optional string doc_string = 6;
  optional string domain = 7;
}
message Dimension { optional int64 dim_value = 1; optional string dim_param = 2; }
message TensorShapeProto { repeated Dimension dim = 1; }
message TypeTensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
message TypeProto { optional TypeTensor tensor_type = 1; }
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; optional string doc_string = 3; }
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}
message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
`;

let modelType: Type | null = null;
let graphType: Type | null = null;
function types(): { model: Type; graph: Type } {
  if (!modelType || !graphType) {
    const root = parse(PROTO, { keepCase: true }).root;
    modelType = root.lookupType('onnx.ModelProto');
    graphType = root.lookupType('onnx.GraphProto');
  }
  return { model: modelType, graph: graphType };
}

export const FLOAT = 1;
export const INT64 = 7;

export interface TensorSpec {
  name: string;
  dims: number[];
  dataType?: number;
  /** int64 values stored in int64_data. */
  int64?: number[];
  /** int64 values stored little-endian in raw_data. */
  rawInt64?: (number | bigint)[];
  /** float values stored in float_data. */
  floats?: number[];
  /** float values stored in raw_data. */
  rawFloats?: number[];
  /** Fill raw_data with this many zero bytes (weights). */
  rawZeros?: number;
}

export type AttrSpec = number | number[] | string | { f: number } | { floats: number[] } | { t: TensorSpec };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, AttrSpec>;
}

export interface ValueSpec {
  name: string;
  shape?: (number | string)[];
  elemType?: number;
}

export interface ModelSpec {
  opset?: number;
  irVersion?: number;
  producer?: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers?: TensorSpec[];
  valueInfo?: ValueSpec[];
  /** Extra opset imports (custom domains). */
  extraOpsets?: { domain: string; version: number }[];
}

function tensor(t: TensorSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: t.name, dims: t.dims, data_type: t.dataType ?? FLOAT };
  if (t.int64) out['int64_data'] = t.int64;
  if (t.floats) out['float_data'] = t.floats;
  if (t.rawInt64) {
    const b = new Uint8Array(t.rawInt64.length * 8);
    const v = new DataView(b.buffer);
    t.rawInt64.forEach((x, i) => v.setBigInt64(i * 8, BigInt(x), true));
    out['raw_data'] = b;
  }
  if (t.rawFloats) {
    const b = new Uint8Array(t.rawFloats.length * 4);
    const v = new DataView(b.buffer);
    t.rawFloats.forEach((x, i) => v.setFloat32(i * 4, x, true));
    out['raw_data'] = b;
  }
  if (t.rawZeros !== undefined) out['raw_data'] = new Uint8Array(t.rawZeros);
  return out;
}

function attribute(name: string, a: AttrSpec): Record<string, unknown> {
  if (typeof a === 'number') return { name, type: 2, i: a };
  if (typeof a === 'string') return { name, type: 3, s: new TextEncoder().encode(a) };
  if (Array.isArray(a)) return { name, type: 7, ints: a };
  if ('f' in a) return { name, type: 1, f: a.f };
  if ('floats' in a) return { name, type: 6, floats: a.floats };
  return { name, type: 4, t: tensor(a.t) };
}

function valueInfo(v: ValueSpec): Record<string, unknown> {
  const tt: Record<string, unknown> = { elem_type: v.elemType ?? FLOAT };
  if (v.shape)
    tt['shape'] = { dim: v.shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) };
  return { name: v.name, type: { tensor_type: tt } };
}

export function graphObject(spec: ModelSpec): Record<string, unknown> {
  return {
    name: 'test-graph',
    node: spec.nodes.map((n, i) => ({
      name: n.name ?? `${n.op}_${i}`,
      op_type: n.op,
      input: n.inputs,
      output: n.outputs,
      ...(n.domain ? { domain: n.domain } : {}),
      attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
    })),
    initializer: (spec.initializers ?? []).map(tensor),
    input: spec.inputs.map(valueInfo),
    output: spec.outputs.map(valueInfo),
    value_info: (spec.valueInfo ?? []).map(valueInfo),
  };
}

/** Encodes a model. */
export function buildModel(spec: ModelSpec): Uint8Array<ArrayBuffer> {
  const { model } = types();
  const obj = {
    ir_version: spec.irVersion ?? 8,
    producer_name: spec.producer ?? 'fixture-builder',
    producer_version: '1.0',
    graph: graphObject(spec),
    opset_import: [{ domain: '', version: spec.opset ?? 13 }, ...(spec.extraOpsets ?? [])],
  };
  // A plain Uint8Array copy (protobufjs may hand out a Node Buffer, whose slice() shares memory).
  return new Uint8Array(model.encode(model.fromObject(obj)).finish());
}

/** Encodes a bare GraphProto (for writers that stream the model around it). */
export function encodeGraph(spec: ModelSpec): Uint8Array<ArrayBuffer> {
  const { graph } = types();
  return new Uint8Array(graph.encode(graph.fromObject(graphObject(spec))).finish());
}

/** A small fluent helper for chains of layers in tests. */
export class GraphBuilder {
  nodes: NodeSpec[] = [];
  initializers: TensorSpec[] = [];
  private n = 0;
  constructor(
    public input = 'x',
    readonly withWeights = true,
    readonly weightInputs: ValueSpec[] = [],
  ) {}

  private fresh(prefix: string): string {
    return `${prefix}_${++this.n}`;
  }

  /** A weight tensor: an initializer with zero bytes, or (graph-only) a graph input with a shape. */
  weight(name: string, dims: number[]): string {
    if (this.withWeights)
      this.initializers.push({ name, dims, rawZeros: dims.reduce((a, b) => a * b, 1) * 4 });
    else this.weightInputs.push({ name, shape: dims });
    return name;
  }

  int64(name: string, values: (number | bigint)[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawInt64: values });
    return name;
  }

  floats(name: string, values: number[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: FLOAT, rawFloats: values });
    return name;
  }

  node(
    op: string,
    inputs: string[],
    attrs: Record<string, AttrSpec> = {},
    name?: string,
    outputs?: string[],
  ): string {
    const nodeName = name ?? this.fresh(op.toLowerCase());
    const outs = outputs ?? [`${nodeName}:0`];
    this.nodes.push({ op, inputs, outputs: outs, name: nodeName, attrs });
    return outs[0]!;
  }

  conv(
    x: string,
    name: string,
    k: number | [number, number],
    opts: {
      s?: number | [number, number];
      pads?: number[];
      d?: number | [number, number];
      autoPad?: string;
      cin?: number;
      cout?: number;
      group?: number;
      noKernelShape?: boolean;
    } = {},
  ): string {
    const [kh, kw] = Array.isArray(k) ? k : [k, k];
    const pair = (v: number | [number, number] | undefined) =>
      v === undefined ? undefined : Array.isArray(v) ? v : [v, v];
    const cin = opts.cin ?? 1;
    const cout = opts.cout ?? 1;
    const g = opts.group ?? 1;
    const w = this.weight(`${name}.weight`, [cout, cin / g, kh, kw]);
    const attrs: Record<string, AttrSpec> = {};
    if (!opts.noKernelShape) attrs['kernel_shape'] = [kh, kw];
    const s = pair(opts.s);
    const d = pair(opts.d);
    if (s) attrs['strides'] = s;
    if (d) attrs['dilations'] = d;
    if (opts.pads) attrs['pads'] = opts.pads;
    if (opts.autoPad) attrs['auto_pad'] = opts.autoPad;
    if (g !== 1) attrs['group'] = g;
    return this.node('Conv', [x, w], attrs, name);
  }

  build(
    spec: Partial<ModelSpec> & { inputShape: (number | string)[]; output: string },
  ): Uint8Array<ArrayBuffer> {
    return buildModel({
      ...spec,
      inputs: [{ name: this.input, shape: spec.inputShape }, ...this.weightInputs],
      outputs: [{ name: spec.output }],
      nodes: this.nodes,
      initializers: this.initializers,
    });
  }
}

/** Decodes model bytes into a plain object (snake_case fields, int64 as numbers). */
export function decodeModelObject(bytes: Uint8Array): Record<string, unknown> {
  const { model } = types();
  return model.toObject(model.decode(bytes), { longs: Number, bytes: Array, defaults: false }) as Record<
    string,
    unknown
  >;
}

/** Encodes a plain model object back into bytes. */
export function encodeModelObject(obj: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  const { model } = types();
  return new Uint8Array(model.encode(model.fromObject(obj)).finish());
}
