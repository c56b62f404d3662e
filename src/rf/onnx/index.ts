/** ONNX import: parse a model without reading its weights and map it onto the neutral network. */
export { bytesSource, blobSource, type ByteSource } from './byte-source.ts';
export { readOnnxModel, type ReadOptions } from './reader.ts';
export { OnnxFormatError } from './wire.ts';
export {
  mapOnnxModel,
  OnnxImportError,
  SUPPORTED_OPS,
  MIN_OPSET,
  MAX_OPSET,
  DEFAULT_INPUT_SIZE,
  type MapOptions,
  type MapResult,
  type StopInfo,
  type UnsupportedOp,
  type InputInfo,
} from './map-network.ts';
export {
  importOnnx,
  describeImportError,
  handleImportRequest,
  type ImportOptions,
  type OnnxImport,
} from './import.ts';
export type * from './protocol.ts';
export type * from './model.ts';
