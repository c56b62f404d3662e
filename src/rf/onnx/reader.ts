/**
 * Reads the outline of an ONNX model from a random-access byte source.
 *
 * The outer messages (ModelProto → GraphProto → initializer headers) are walked field by field over
 * the source; initializer payloads (`raw_data`, `float_data`, …) are skipped by offset and only read
 * when small (Pad amounts, Resize scales, Reshape shapes). The small sub-messages — nodes, value
 * infos, opset imports — are read into memory one at a time and decoded with protobufjs using the
 * schema subset in `schema.ts` (nodes with a protobufjs `Reader` straight into `OnnxNode`).
 */
import { Reader } from 'protobufjs/light';
import type { ByteSource } from './byte-source.ts';
import {
  DataType,
  NodeTable,
  SMALL_TENSOR_BYTES,
  decodeInt32Data,
  decodeRaw,
  type AttributeValue,
  type OnnxDim,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
  type OpsetImport,
  type TensorInfo,
  type ValueInfo,
} from './model.ts';
import {
  onnxTypes,
  toNum,
  type DecodedAttribute,
  type DecodedOpset,
  type DecodedTensor,
  type DecodedValueInfo,
} from './schema.ts';
import {
  OnnxFormatError,
  SourceCursor,
  WIRE_FIXED32,
  WIRE_LEN,
  WIRE_VARINT,
  decodePackedVarints,
  type FieldHeader,
} from './wire.ts';
import { detectForeignFormat, ForeignFormatError, SIGNATURE_BYTES } from './signature.ts';

/** Sub-messages up to this size are read whole and decoded with protobufjs. */
const DECODE_LIMIT = 1 << 20;
/** More top-level fields than this means the file is not a model. */
const MAX_MODEL_FIELDS = 100_000;
/** Tensors of higher rank are treated as corrupt. */
const MAX_RANK = 64;

export interface ReadOptions {
  /** Called now and then with the current byte offset, for progress bars. */
  onProgress?: (offset: number, size: number) => void;
}

const utf8 = new TextDecoder('utf-8');
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function decodeWith<T>(
  kind: 'attribute' | 'valueInfo' | 'opset',
  bytes: Uint8Array,
  at: number,
  what: string,
): T {
  return guard(() => onnxTypes()[kind].decode(bytes) as unknown as T, at, what);
}

/** Runs a decoding step, turning any failure on malformed data into an `OnnxFormatError`. */
function guard<T>(fn: () => T, at: number, what: string): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof OnnxFormatError) throw error;
    throw new OnnxFormatError(
      `Corrupt ${what} at byte ${at}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Reads a whole length-delimited payload (bounded by `DECODE_LIMIT`). */
async function payload(c: SourceCursor, h: FieldHeader, what: string): Promise<Uint8Array> {
  if (h.wire !== WIRE_LEN) throw new OnnxFormatError(`Corrupt ${what} at byte ${h.start}: wrong wire type.`);
  const n = h.end - h.start;
  if (n > DECODE_LIMIT)
    throw new OnnxFormatError(`The ${what} at byte ${h.start} is ${n} bytes, too large to be plausible.`);
  c.pos = h.start;
  return c.bytes(n, h.end);
}

function product(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function tensorFromDecoded(t: DecodedTensor): TensorInfo {
  const dims = (t.dims ?? []).map(toNum);
  const dataType = t.dataType ?? 0;
  const external = t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0;
  let values: number[] | null = null;
  let payloadBytes = 0;
  if (t.rawData && t.rawData.length > 0) {
    payloadBytes = t.rawData.length;
    if (payloadBytes <= SMALL_TENSOR_BYTES) values = decodeRaw(dataType, t.rawData);
  } else if (t.int64Data && t.int64Data.length > 0) {
    payloadBytes = t.int64Data.length * 8;
    values = t.int64Data.map(toNum);
  } else if (t.int32Data && t.int32Data.length > 0) {
    payloadBytes = t.int32Data.length * 4;
    values = decodeInt32Data(dataType, t.int32Data);
  } else if (t.floatData && t.floatData.length > 0) {
    payloadBytes = t.floatData.length * 4;
    values = t.floatData.slice();
  } else if (t.doubleData && t.doubleData.length > 0) {
    payloadBytes = t.doubleData.length * 8;
    values = t.doubleData.slice();
  } else if (t.uint64Data && t.uint64Data.length > 0) {
    payloadBytes = t.uint64Data.length * 8;
    values = t.uint64Data.map(toNum);
  }
  if (dims.length > MAX_RANK)
    throw new OnnxFormatError(`Tensor '${t.name ?? ''}' has an implausible rank ${dims.length}.`);
  if (values && (values.length !== product(dims) || values.length > SMALL_TENSOR_BYTES)) values = null;
  return { name: t.name ?? '', dims, dataType, values, payloadBytes, external };
}

/**
 * Walks a TensorProto over the source, keeping its header and skipping its payload; reads the
 * values only when the payload is small.
 */
async function walkTensor(c: SourceCursor, start: number, end: number): Promise<TensorInfo> {
  c.pos = start;
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  let external = false;
  const segments: FieldHeader[] = [];
  const loose: number[] = [];
  while (c.pos < end) {
    const h = await c.header(end);
    switch (h.field) {
      case 1:
        if (h.wire === WIRE_VARINT) dims.push(h.value);
        else if (h.wire === WIRE_LEN && h.end - h.start <= 1024) {
          dims.push(...decodePackedVarints(await c.bytes(h.end - h.start, h.end)));
        } else throw new OnnxFormatError(`Corrupt tensor dims at byte ${h.start}.`);
        break;
      case 2:
        if (h.wire === WIRE_VARINT) dataType = h.value;
        break;
      case 8:
        if (h.wire === WIRE_LEN) name = await c.string(h);
        break;
      case 4:
      case 5:
      case 7:
      case 9:
      case 10:
      case 11:
        if (h.wire === WIRE_LEN) segments.push(h);
        else if (h.wire === WIRE_VARINT && loose.length < 1024) loose.push(h.value);
        c.pos = h.end;
        break;
      case 13:
        external = true;
        c.pos = h.end;
        break;
      case 14:
        if (h.wire === WIRE_VARINT && h.value === 1) external = true;
        break;
      default:
        c.pos = h.end;
    }
    if (dims.length > MAX_RANK) throw new OnnxFormatError(`Tensor '${name}' has an implausible rank.`);
  }
  const payloadBytes = segments.reduce((a, s) => a + (s.end - s.start), 0);
  let values: number[] | null = null;
  if (segments.length > 0 && payloadBytes <= SMALL_TENSOR_BYTES) {
    const parts: number[] = [];
    let ok = true;
    for (const s of segments) {
      c.pos = s.start;
      const bytes = await c.bytes(s.end - s.start, s.end);
      let vals: number[] | null;
      if (s.field === 9) vals = decodeRaw(dataType, bytes);
      else if (s.field === 4) vals = decodeRaw(DataType.FLOAT, bytes);
      else if (s.field === 10) vals = decodeRaw(DataType.DOUBLE, bytes);
      else if (s.field === 5) vals = decodeInt32Data(dataType, decodePackedVarints(bytes));
      else vals = decodePackedVarints(bytes);
      if (!vals) ok = false;
      else parts.push(...vals);
    }
    values = ok ? parts : null;
  } else if (segments.length === 0 && loose.length > 0) {
    values = loose;
  }
  if (values && values.length !== product(dims)) values = null;
  c.pos = end;
  return { name, dims, dataType, values, payloadBytes: Math.max(payloadBytes, loose.length * 8), external };
}

function attributeFromDecoded(a: DecodedAttribute): AttributeValue {
  const type = a.type ?? 0;
  // protobufjs gives absent bytes fields a default that is not always a Uint8Array.
  const str = (b: unknown) => (b instanceof Uint8Array ? utf8.decode(b) : '');
  switch (type) {
    case 1:
      return { kind: 'float', value: a.f ?? 0 };
    case 2:
      return { kind: 'int', value: toNum(a.i) };
    case 3:
      return { kind: 'string', value: str(a.s) };
    case 4:
      return { kind: 'tensor', value: tensorFromDecoded(a.t ?? {}) };
    case 5:
      return { kind: 'graph' };
    case 6:
      return { kind: 'floats', value: (a.floats ?? []).slice() };
    case 7:
      return { kind: 'ints', value: (a.ints ?? []).map(toNum) };
    case 8:
      return { kind: 'strings', value: (a.strings ?? []).map(str) };
    case 0:
      // IR version 1 files carry no type discriminator: infer it from the field present.
      if (hasOwn(a, 't')) return { kind: 'tensor', value: tensorFromDecoded(a.t ?? {}) };
      if (hasOwn(a, 'g')) return { kind: 'graph' };
      if (hasOwn(a, 's')) return { kind: 'string', value: str(a.s) };
      if (hasOwn(a, 'i')) return { kind: 'int', value: toNum(a.i) };
      if (hasOwn(a, 'f')) return { kind: 'float', value: a.f ?? 0 };
      if ((a.ints?.length ?? 0) > 0) return { kind: 'ints', value: (a.ints ?? []).map(toNum) };
      if ((a.floats?.length ?? 0) > 0) return { kind: 'floats', value: (a.floats ?? []).slice() };
      if ((a.strings?.length ?? 0) > 0) return { kind: 'strings', value: (a.strings ?? []).map(str) };
      return { kind: 'other', type };
    default:
      return { kind: 'other', type };
  }
}

/** Shared by every node without attributes (an empty Map per node costs ~100 bytes on large graphs). */
const NO_ATTRIBUTES: ReadonlyMap<string, AttributeValue> = new Map();

/** One string per operator type and domain: a model repeats a handful of them across all its nodes. */
const interned = new Map<string, string>();
function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size < 4096) interned.set(s, s);
  return s;
}

/**
 * Decodes a NodeProto straight into an `OnnxNode` with a protobufjs `Reader`: the fields the
 * schema's NodeProto decoder reads (inputs, outputs, name, op type, domain, attributes), with the
 * same wire-type checks and UTF-8 validation, but without the intermediate message object and its
 * arrays (10^6-node graphs). Attributes are decoded with the schema's AttributeProto type.
 */
export function decodeNode(bytes: Uint8Array): OnnxNode {
  const r = Reader.create(bytes);
  const inputs: string[] = [];
  const outputs: string[] = [];
  let name = '';
  let opType = '';
  let domain = '';
  let attributes = NO_ATTRIBUTES;
  while (r.pos < r.len) {
    const tag = r.uint32();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (wire === WIRE_LEN) {
      switch (field) {
        case 1:
          inputs.push(r.stringVerify());
          continue;
        case 2:
          outputs.push(r.stringVerify());
          continue;
        case 3:
          name = r.stringVerify();
          continue;
        case 4:
          opType = r.stringVerify();
          continue;
        case 5: {
          const a = onnxTypes().attribute.decode(r, r.uint32()) as unknown as DecodedAttribute;
          if (attributes === NO_ATTRIBUTES) attributes = new Map();
          (attributes as Map<string, AttributeValue>).set(a.name ?? '', attributeFromDecoded(a));
          continue;
        }
        case 7:
          domain = r.stringVerify();
          continue;
      }
    }
    r.skipType(wire, 0, field);
  }
  // The graph keeps nodes as columns (see `NodeTable`), so these arrays are not kept.
  return { name, opType: intern(opType), domain: intern(domain), inputs, outputs, attributes };
}

/** Walks an attribute too large to decode whole (a Constant holding a big tensor). */
async function walkAttribute(c: SourceCursor, start: number, end: number): Promise<[string, AttributeValue]> {
  c.pos = start;
  let name = '';
  let type = 0;
  let value: AttributeValue | null = null;
  while (c.pos < end) {
    const h = await c.header(end);
    if (h.field === 1 && h.wire === WIRE_LEN) name = await c.string(h);
    else if (h.field === 20 && h.wire === WIRE_VARINT) type = h.value;
    else if (h.field === 3 && h.wire === WIRE_VARINT) value = { kind: 'int', value: h.value };
    else if (h.field === 5 && h.wire === WIRE_LEN)
      value = { kind: 'tensor', value: await walkTensor(c, h.start, h.end) };
    else if (h.field === 6 && h.wire === WIRE_LEN) value = { kind: 'graph' };
    else if (h.field === 2 && h.wire === WIRE_FIXED32) {
      c.pos = h.start;
      const b = await c.bytes(4, h.end);
      value = { kind: 'float', value: new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true) };
    }
    c.pos = Math.max(c.pos, h.end);
  }
  return [name, value ?? { kind: 'other', type }];
}

async function readNode(c: SourceCursor, h: FieldHeader): Promise<OnnxNode> {
  if (h.wire !== WIRE_LEN) throw new OnnxFormatError(`Corrupt node at byte ${h.start}.`);
  if (h.end - h.start <= DECODE_LIMIT) {
    c.pos = h.start;
    const bytes = await c.view(h.end - h.start, h.end);
    return guard(() => decodeNode(bytes), h.start, 'node');
  }
  // A node too large to decode whole: walk it, skipping big attribute payloads.
  const attributes = new Map<string, AttributeValue>();
  const node: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes };
  c.pos = h.start;
  while (c.pos < h.end) {
    const f = await c.header(h.end);
    if (f.wire !== WIRE_LEN) {
      c.pos = f.end;
      continue;
    }
    switch (f.field) {
      case 1:
        node.inputs.push(await c.string(f));
        break;
      case 2:
        node.outputs.push(await c.string(f));
        break;
      case 3:
        node.name = await c.string(f);
        break;
      case 4:
        node.opType = await c.string(f);
        break;
      case 7:
        node.domain = await c.string(f);
        break;
      case 5: {
        if (f.end - f.start <= DECODE_LIMIT) {
          const a = decodeWith<DecodedAttribute>(
            'attribute',
            await payload(c, f, 'attribute'),
            f.start,
            'attribute',
          );
          attributes.set(
            a.name ?? '',
            guard(() => attributeFromDecoded(a), f.start, 'attribute'),
          );
        } else {
          const [name, value] = await walkAttribute(c, f.start, f.end);
          attributes.set(name, value);
        }
        break;
      }
      default:
        break;
    }
    c.pos = f.end;
  }
  return node;
}

function valueInfoFromDecoded(v: DecodedValueInfo): ValueInfo {
  const tt = v.type?.tensorType;
  let shape: OnnxDim[] | null = null;
  if (tt && tt.shape) {
    shape = (tt.shape.dim ?? []).map((d) => {
      if (hasOwn(d, 'dimValue')) return toNum(d.dimValue);
      if (hasOwn(d, 'dimParam') && d.dimParam) return d.dimParam;
      return null;
    });
    if (shape.length > MAX_RANK)
      throw new OnnxFormatError(`Value '${v.name ?? ''}' has an implausible rank.`);
  }
  return { name: v.name ?? '', elemType: tt?.elemType ?? 0, shape };
}

async function walkGraph(
  c: SourceCursor,
  start: number,
  end: number,
  graph: OnnxGraph,
  stats: { weightBytes: number },
  opts: ReadOptions,
): Promise<void> {
  c.pos = start;
  let lastReport = start;
  while (c.pos < end) {
    const h = await c.header(end);
    switch (h.field) {
      case 1:
        graph.nodes.push(await readNode(c, h));
        break;
      case 2:
        if (h.wire === WIRE_LEN) graph.name = await c.string(h);
        break;
      case 5: {
        if (h.wire !== WIRE_LEN) throw new OnnxFormatError(`Corrupt initializer at byte ${h.start}.`);
        const t = await walkTensor(c, h.start, h.end);
        stats.weightBytes += t.payloadBytes;
        graph.initializers.set(t.name, t);
        break;
      }
      case 15: {
        // Sparse initializer: only its name and dense shape matter here.
        if (h.wire !== WIRE_LEN) throw new OnnxFormatError(`Corrupt sparse initializer at byte ${h.start}.`);
        let info: TensorInfo | null = null;
        const dims: number[] = [];
        c.pos = h.start;
        while (c.pos < h.end) {
          const f = await c.header(h.end);
          if (f.field === 1 && f.wire === WIRE_LEN) info = await walkTensor(c, f.start, f.end);
          else if (f.field === 3 && f.wire === WIRE_VARINT) dims.push(f.value);
          else if (f.field === 3 && f.wire === WIRE_LEN && f.end - f.start <= 1024) {
            dims.push(...decodePackedVarints(await c.bytes(f.end - f.start, f.end)));
          }
          c.pos = Math.max(c.pos, f.end);
        }
        if (info) graph.initializers.set(info.name, { ...info, dims, values: null });
        break;
      }
      case 11:
      case 12:
      case 13: {
        const decoded = decodeWith<DecodedValueInfo>(
          'valueInfo',
          await payload(c, h, 'value info'),
          h.start,
          'value info',
        );
        const v = guard(() => valueInfoFromDecoded(decoded), h.start, 'value info');
        if (h.field === 11) graph.inputs.push(v);
        else if (h.field === 12) graph.outputs.push(v);
        else graph.valueInfo.set(v.name, v);
        break;
      }
      default:
        break;
    }
    c.pos = h.end;
    if (opts.onProgress && c.pos - lastReport > 1 << 24) {
      lastReport = c.pos;
      opts.onProgress(c.pos, c.size);
    }
  }
}

/** Parses the model outline. Throws `OnnxFormatError` for anything that is not a readable ONNX model. */
export async function readOnnxModel(source: ByteSource, opts: ReadOptions = {}): Promise<OnnxModel> {
  if (source.size === 0) throw new OnnxFormatError('The file is empty.');
  const c = new SourceCursor(source);
  const head = await source.read(0, SIGNATURE_BYTES);
  c.reads++;
  c.bytesFetched += head.length;
  const foreign = detectForeignFormat(head);
  if (foreign !== null) throw new ForeignFormatError(foreign);
  const graph: OnnxGraph = {
    name: '',
    nodes: new NodeTable(),
    initializers: new Map(),
    inputs: [],
    outputs: [],
    valueInfo: new Map(),
  };
  const stats = { weightBytes: 0 };
  const opsets: OpsetImport[] = [];
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  let domain = '';
  let sawGraph = false;
  const end = source.size;
  let fields = 0;
  while (c.pos < end) {
    // A model has a handful of top-level fields (and metadata); a long run of them is not ONNX.
    if (++fields > MAX_MODEL_FIELDS)
      throw new OnnxFormatError('Not an ONNX model: too many top-level fields.');
    const h = await c.header(end);
    switch (h.field) {
      case 1:
        if (h.wire !== WIRE_VARINT)
          throw new OnnxFormatError('Not an ONNX model: ir_version has the wrong type.');
        irVersion = h.value;
        break;
      case 2:
        if (h.wire === WIRE_LEN) producerName = await c.string(h);
        break;
      case 3:
        if (h.wire === WIRE_LEN) producerVersion = await c.string(h);
        break;
      case 4:
        if (h.wire === WIRE_LEN) domain = await c.string(h);
        break;
      case 7:
        if (h.wire !== WIRE_LEN)
          throw new OnnxFormatError('Not an ONNX model: the graph field has the wrong type.');
        sawGraph = true;
        await walkGraph(c, h.start, h.end, graph, stats, opts);
        break;
      case 8: {
        const o = decodeWith<DecodedOpset>(
          'opset',
          await payload(c, h, 'opset import'),
          h.start,
          'opset import',
        );
        opsets.push(
          guard(
            () => ({ domain: String(o.domain ?? ''), version: toNum(o.version) }),
            h.start,
            'opset import',
          ),
        );
        break;
      }
      default:
        break;
    }
    c.pos = h.end;
  }
  if (!sawGraph) throw new OnnxFormatError('Not an ONNX model: the file contains no graph.');
  opts.onProgress?.(end, end);
  return {
    irVersion,
    producerName,
    producerVersion,
    domain,
    opsets,
    graph,
    bytesRead: c.bytesFetched,
    sourceReads: c.reads,
    weightBytes: stats.weightBytes,
  };
}
