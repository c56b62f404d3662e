/**
 * The subset of onnx.proto (field numbers from the ONNX IR definition) needed to decode the small
 * sub-messages: nodes with their attributes, value infos with tensor shapes, small tensors, and
 * opset imports. Sub-graphs (`If`/`Loop` bodies) are kept as opaque bytes: they are never decoded,
 * which also keeps decoding free of recursion.
 */
import { Root, type Type } from 'protobufjs/light';

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });

export const onnxSchemaJson = {
  nested: {
    onnx: {
      nested: {
        OperatorSetIdProto: {
          fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
        },
        StringStringEntryProto: {
          fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } },
        },
        TensorProto: {
          fields: {
            dims: repeated('int64', 1),
            dataType: { type: 'int32', id: 2 },
            floatData: repeated('float', 4),
            int32Data: repeated('int32', 5),
            int64Data: repeated('int64', 7),
            name: { type: 'string', id: 8 },
            rawData: { type: 'bytes', id: 9 },
            doubleData: repeated('double', 10),
            uint64Data: repeated('uint64', 11),
            externalData: repeated('StringStringEntryProto', 13),
            dataLocation: { type: 'int32', id: 14 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            t: { type: 'TensorProto', id: 5 },
            g: { type: 'bytes', id: 6 },
            floats: repeated('float', 7),
            ints: repeated('int64', 8),
            strings: repeated('bytes', 9),
            type: { type: 'int32', id: 20 },
          },
        },
        NodeProto: {
          fields: {
            input: repeated('string', 1),
            output: repeated('string', 2),
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: repeated('AttributeProto', 5),
            domain: { type: 'string', id: 7 },
          },
        },
        Dimension: {
          fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } },
        },
        TensorShapeProto: { fields: { dim: repeated('Dimension', 1) } },
        TensorTypeProto: {
          fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
        },
        TypeProto: { fields: { tensorType: { type: 'TensorTypeProto', id: 1 } } },
        ValueInfoProto: {
          fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } },
        },
        // The outer messages: the reader walks them field by field over the file (so weights are
        // skipped, never read); the writer of the example models encodes them whole.
        GraphProto: {
          fields: {
            node: repeated('NodeProto', 1),
            name: { type: 'string', id: 2 },
            initializer: repeated('TensorProto', 5),
            input: repeated('ValueInfoProto', 11),
            output: repeated('ValueInfoProto', 12),
            valueInfo: repeated('ValueInfoProto', 13),
          },
        },
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: repeated('OperatorSetIdProto', 8),
          },
        },
      },
    },
  },
};

type MessageKind = 'node' | 'attribute' | 'valueInfo' | 'opset' | 'tensor' | 'model';

let types: Record<MessageKind, Type> | null = null;

/** The reflected message types (built once, on first use). */
export function onnxTypes(): Record<MessageKind, Type> {
  if (!types) {
    const root = Root.fromJSON(onnxSchemaJson);
    types = {
      node: root.lookupType('onnx.NodeProto'),
      attribute: root.lookupType('onnx.AttributeProto'),
      valueInfo: root.lookupType('onnx.ValueInfoProto'),
      opset: root.lookupType('onnx.OperatorSetIdProto'),
      tensor: root.lookupType('onnx.TensorProto'),
      model: root.lookupType('onnx.ModelProto'),
    };
  }
  return types;
}

/** A protobufjs 64-bit value: a plain number, or a Long-like object when the `long` package is present. */
export type Int64Like = number | { low: number; high: number; unsigned?: boolean } | string;

/** Converts a decoded int64 to a JS number (exact up to 2^53). */
export function toNum(v: Int64Like | null | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  const lo = v.low >>> 0;
  if (!v.unsigned && v.high < 0) return -((~v.high >>> 0) * 4294967296 + (~v.low >>> 0) + 1);
  return (v.high >>> 0) * 4294967296 + lo;
}

/** Decoded shapes of the sub-messages, as protobufjs returns them. */
export interface DecodedTensor {
  dims?: Int64Like[];
  dataType?: number;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: Int64Like[];
  name?: string;
  rawData?: Uint8Array;
  doubleData?: number[];
  uint64Data?: Int64Like[];
  externalData?: { key?: string; value?: string }[];
  dataLocation?: number;
}

export interface DecodedAttribute {
  name?: string;
  f?: number;
  i?: Int64Like;
  s?: Uint8Array;
  t?: DecodedTensor;
  g?: Uint8Array;
  floats?: number[];
  ints?: Int64Like[];
  strings?: Uint8Array[];
  type?: number;
}

export interface DecodedNode {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  attribute?: DecodedAttribute[];
  domain?: string;
}

export interface DecodedValueInfo {
  name?: string;
  type?: {
    tensorType?: {
      elemType?: number;
      shape?: { dim?: { dimValue?: Int64Like; dimParam?: string }[] };
    };
  };
}

export interface DecodedOpset {
  domain?: string;
  version?: Int64Like;
}
