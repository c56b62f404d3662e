/**
 * Messages between a page and the ONNX import worker (`src/workers/onnx.worker.ts`). Everything is structured-clone
 * friendly: the page posts a `File`, the worker answers with plain data.
 */
import type { Axes, Network } from '../types.ts';
import type { OpsetImport } from './model.ts';
import type { InputInfo, StopInfo, UnsupportedOp } from './map-network.ts';
import type { ForeignFormat } from './signature.ts';

export type RequestId = string | number;

/** Page → worker: import this file (optionally at another input size). */
export interface ImportRequest {
  type: 'import';
  id: RequestId;
  file: Blob;
  input?: Axes<number>;
}

export type WorkerRequest = ImportRequest;

/** What the page can show about the model besides the network. */
export interface ModelSummary {
  producer: string;
  producerVersion: string;
  irVersion: number;
  /** Opset of the default ONNX domain. */
  opset: number;
  opsets: OpsetImport[];
  graphName: string;
  nodeCount: number;
  initializerCount: number;
  /** Bytes of weights stored in the file (skipped, never read). */
  weightBytes: number;
  fileBytes: number;
  /** Bytes actually read to import the model. */
  bytesRead: number;
  /** Read requests issued to the file. */
  sourceReads: number;
  input: InputInfo;
}

/** Worker → page: reading progress for large files. */
export interface ImportProgress {
  type: 'progress';
  id: RequestId;
  loaded: number;
  total: number;
}

/** Worker → page: the imported network (up to `stoppedAt` when a node could not be mapped). */
export interface ImportResult {
  type: 'result';
  id: RequestId;
  network: Network;
  model: ModelSummary;
  outputs: { tensor: string; node: string }[];
  tensors: Record<string, string>;
  /** Network node name → the ONNX operator it came from (e.g. 'Conv'). */
  ops: Record<string, string>;
  /** Operators the importer does not know, by name. */
  unsupported: UnsupportedOp[];
  stoppedAt: StopInfo | null;
  /** Mapping choices worth telling the reader (SAME_LOWER resolved, reflect padding…). */
  notes: string[];
}

/** Worker → page: the file could not be imported. */
export interface ImportFailure {
  type: 'error';
  id: RequestId;
  /** format: not a readable ONNX file; import: readable but not importable; internal: anything else. */
  kind: 'format' | 'import' | 'internal';
  message: string;
  /** Set when the file was recognised as another format (a ZIP, HDF5, TFLite… file). */
  format?: ForeignFormat;
}

export type WorkerResponse = ImportProgress | ImportResult | ImportFailure;

export type { InputInfo, StopInfo, UnsupportedOp };
