/** The parsed outline of an ONNX model: everything the mapping needs, and no weight bytes. */

/** ONNX `TensorProto.DataType` values used here. */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  BFLOAT16: 16,
} as const;

/** Bytes per element of fixed-width data types (0 = not fixed width). */
export function elementSize(dataType: number): number {
  switch (dataType) {
    case DataType.UINT8:
    case DataType.INT8:
    case DataType.BOOL:
      return 1;
    case DataType.UINT16:
    case DataType.INT16:
    case DataType.FLOAT16:
    case DataType.BFLOAT16:
      return 2;
    case DataType.FLOAT:
    case DataType.INT32:
    case DataType.UINT32:
      return 4;
    case DataType.INT64:
    case DataType.DOUBLE:
    case DataType.UINT64:
      return 8;
    default:
      return 0;
  }
}

/** True for integer (and bool) element types. */
export function isIntegerType(dataType: number): boolean {
  return (
    dataType === DataType.INT64 ||
    dataType === DataType.INT32 ||
    dataType === DataType.INT16 ||
    dataType === DataType.INT8 ||
    dataType === DataType.UINT8 ||
    dataType === DataType.UINT16 ||
    dataType === DataType.UINT32 ||
    dataType === DataType.UINT64 ||
    dataType === DataType.BOOL
  );
}

/** A tensor header: name, shape, type, and its values only when the tensor is small. */
export interface TensorInfo {
  name: string;
  dims: number[];
  dataType: number;
  /** Element values, present only for small numeric tensors (see `SMALL_TENSOR_BYTES`). */
  values: number[] | null;
  /** Size of the stored payload in bytes (0 for graph-only exports). */
  payloadBytes: number;
  /** True when the data lives in an external file (`data_location = EXTERNAL`). */
  external: boolean;
}

/** Tensors whose payload is at most this many bytes have their values read. */
export const SMALL_TENSOR_BYTES = 4096;

export type AttributeValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: TensorInfo }
  | { kind: 'floats'; value: number[] }
  | { kind: 'ints'; value: number[] }
  | { kind: 'strings'; value: string[] }
  | { kind: 'graph' }
  | { kind: 'other'; type: number };

export interface OnnxNode {
  /** The node's name in the file ('' when absent). */
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: ReadonlyMap<string, AttributeValue>;
}

/** A dimension: a number, a symbolic name, or unknown. */
export type OnnxDim = number | string | null;

export interface ValueInfo {
  name: string;
  elemType: number;
  /** Null when the type carries no shape (or is not a tensor). */
  shape: OnnxDim[] | null;
}

/** A growable list of 32-bit integers. */
class Int32List {
  #items = new Int32Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.#items.length) {
      const grown = new Int32Array(this.#items.length * 2);
      grown.set(this.#items);
      this.#items = grown;
    }
    this.#items[this.length++] = value;
  }

  at(i: number): number {
    return this.#items[i]!;
  }
}

const NO_ATTRIBUTES: ReadonlyMap<string, AttributeValue> = new Map();

/**
 * The nodes of a graph in file order, kept as columns: every node's inputs and outputs in one flat
 * list, its operator and domain as one small number, its attributes only when it has some. One
 * object and two arrays per node took about 300 MB on a 10^6-node graph; the columns take about a
 * third of that. `node(i)` makes the `OnnxNode` of a position when it is asked for.
 */
export class NodeTable {
  readonly #names: string[] = [];
  /** Every node's inputs, then its outputs, node after node; a released node's are undefined. */
  readonly #io: (string | undefined)[] = [];
  /** Where each node's inputs start in `#io` (and, at `length`, where the next node's would). */
  readonly #inputsAt = new Int32List();
  readonly #outputsAt = new Int32List();
  /** Each node's (operator, domain) pair as a position in `#kinds`. */
  readonly #kindOf = new Int32List();
  readonly #kinds: { opType: string; domain: string }[] = [];
  readonly #kindIndex = new Map<string, Map<string, number>>();
  readonly #attributes = new Map<number, ReadonlyMap<string, AttributeValue>>();

  constructor() {
    this.#inputsAt.push(0);
  }

  get length(): number {
    return this.#names.length;
  }

  push(node: OnnxNode): void {
    const i = this.#names.length;
    this.#names.push(node.name);
    for (const t of node.inputs) this.#io.push(t);
    this.#outputsAt.push(this.#io.length);
    for (const t of node.outputs) this.#io.push(t);
    this.#inputsAt.push(this.#io.length);
    let byOp = this.#kindIndex.get(node.domain);
    if (byOp === undefined) this.#kindIndex.set(node.domain, (byOp = new Map()));
    let kind = byOp.get(node.opType);
    if (kind === undefined) {
      kind = this.#kinds.length;
      this.#kinds.push({ opType: node.opType, domain: node.domain });
      byOp.set(node.opType, kind);
    }
    this.#kindOf.push(kind);
    if (node.attributes.size > 0) this.#attributes.set(i, node.attributes);
  }

  name(i: number): string {
    return this.#names[i]!;
  }

  opType(i: number): string {
    return this.#kinds[this.#kindOf.at(i)]!.opType;
  }

  domain(i: number): string {
    return this.#kinds[this.#kindOf.at(i)]!.domain;
  }

  attributes(i: number): ReadonlyMap<string, AttributeValue> {
    return this.#attributes.get(i) ?? NO_ATTRIBUTES;
  }

  inputCount(i: number): number {
    return this.#outputsAt.at(i) - this.#inputsAt.at(i);
  }

  /** Input `k` of node `i` ('' for an absent optional input). */
  input(i: number, k: number): string {
    return this.#io[this.#inputsAt.at(i) + k] ?? '';
  }

  outputCount(i: number): number {
    return this.#inputsAt.at(i + 1) - this.#outputsAt.at(i);
  }

  output(i: number, k: number): string {
    return this.#io[this.#outputsAt.at(i) + k] ?? '';
  }

  /** Every node's inputs and outputs are slots: numbers below `slots`, fixed once pushed. */
  get slots(): number {
    return this.#io.length;
  }

  inputSlot(i: number, k: number): number {
    return this.#inputsAt.at(i) + k;
  }

  outputSlot(i: number, k: number): number {
    return this.#outputsAt.at(i) + k;
  }

  /** Node `i` as an object (a new one on each call). */
  node(i: number): OnnxNode {
    const inputsAt = this.#inputsAt.at(i);
    const outputsAt = this.#outputsAt.at(i);
    const end = this.#inputsAt.at(i + 1);
    const kind = this.#kinds[this.#kindOf.at(i)]!;
    return {
      name: this.#names[i]!,
      opType: kind.opType,
      domain: kind.domain,
      inputs: this.#io.slice(inputsAt, outputsAt) as string[],
      outputs: this.#io.slice(outputsAt, end) as string[],
      attributes: this.attributes(i),
    };
  }

  /** Lets node `i`'s tensor names and attributes go (its name stays: the network uses it). */
  release(i: number): void {
    for (let k = this.#inputsAt.at(i), end = this.#inputsAt.at(i + 1); k < end; k++) this.#io[k] = undefined;
    this.#attributes.delete(i);
  }

  map<T>(f: (node: OnnxNode, i: number) => T): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(f(this.node(i), i));
    return out;
  }
}

export interface OnnxGraph {
  name: string;
  nodes: NodeTable;
  initializers: Map<string, TensorInfo>;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfo: Map<string, ValueInfo>;
}

export interface OpsetImport {
  domain: string;
  version: number;
}

export interface OnnxModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  opsets: OpsetImport[];
  graph: OnnxGraph;
  /** Bytes fetched from the source while parsing (weights are skipped, so this stays small). */
  bytesRead: number;
  /** Read requests issued to the source. */
  sourceReads: number;
  /** Total payload bytes of all initializers (read over, not into memory). */
  weightBytes: number;
}

/** The opset version of the default ONNX domain, or null when not imported. */
export function defaultOpset(model: Pick<OnnxModel, 'opsets'>): number | null {
  let v: number | null = null;
  for (const o of model.opsets) {
    if (o.domain === '' || o.domain === 'ai.onnx') v = Math.max(v ?? 0, o.version);
  }
  return v;
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** Decodes little-endian fixed-width `raw_data` into numbers; null for unsupported types. */
export function decodeRaw(dataType: number, raw: Uint8Array): number[] | null {
  const size = elementSize(dataType);
  if (size === 0 || raw.length % size !== 0) return null;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const n = raw.length / size;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const o = i * size;
    switch (dataType) {
      case DataType.FLOAT:
        out[i] = view.getFloat32(o, true);
        break;
      case DataType.DOUBLE:
        out[i] = view.getFloat64(o, true);
        break;
      case DataType.INT64:
        out[i] = Number(view.getBigInt64(o, true));
        break;
      case DataType.UINT64:
        out[i] = Number(view.getBigUint64(o, true));
        break;
      case DataType.INT32:
        out[i] = view.getInt32(o, true);
        break;
      case DataType.UINT32:
        out[i] = view.getUint32(o, true);
        break;
      case DataType.INT16:
        out[i] = view.getInt16(o, true);
        break;
      case DataType.UINT16:
        out[i] = view.getUint16(o, true);
        break;
      case DataType.INT8:
        out[i] = view.getInt8(o);
        break;
      case DataType.UINT8:
      case DataType.BOOL:
        out[i] = view.getUint8(o);
        break;
      case DataType.FLOAT16:
        out[i] = halfToFloat(view.getUint16(o, true));
        break;
      case DataType.BFLOAT16:
        out[i] = new Float32Array(new Uint32Array([view.getUint16(o, true) << 16]).buffer)[0]!;
        break;
      default:
        return null;
    }
  }
  return out;
}

/** Converts `int32_data` entries (which also carry 8/16-bit and float16 values) to numbers. */
export function decodeInt32Data(dataType: number, data: number[]): number[] {
  if (dataType === DataType.FLOAT16) return data.map((v) => halfToFloat(v & 0xffff));
  if (dataType === DataType.BFLOAT16)
    return data.map((v) => new Float32Array(new Uint32Array([(v & 0xffff) << 16]).buffer)[0]!);
  return data;
}
