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

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
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
