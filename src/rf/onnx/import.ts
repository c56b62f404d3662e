/**
 * importOnnx(): a byte source in, the neutral network and a description of the model out.
 * Shared by the Web Worker and the command line.
 */
import type { Axes, Network } from '../types.ts';
import { blobSource, type ByteSource } from './byte-source.ts';
import { defaultOpset } from './model.ts';
import {
  OnnxImportError,
  mapOnnxModel,
  type InputInfo,
  type StopInfo,
  type UnsupportedOp,
} from './map-network.ts';
import { readOnnxModel } from './reader.ts';
import { dict } from '../dict.ts';
import { OnnxFormatError } from './wire.ts';
import { ForeignFormatError, type ForeignFormat } from './signature.ts';
import type { ImportRequest, ModelSummary, WorkerResponse } from './protocol.ts';

export interface ImportOptions {
  /** Overrides the input height and width. */
  input?: Axes<number>;
  onProgress?: (offset: number, size: number) => void;
  /** Which tensors `tensorNode` knows besides the graph outputs (default: all; see `MapOptions`). */
  keepTensor?: (name: string) => boolean;
}

export interface OnnxImport {
  network: Network;
  model: ModelSummary;
  input: InputInfo;
  /** Graph outputs that depend on the image and the network node producing each. */
  outputs: { tensor: string; node: string }[];
  /**
   * Image-dependent tensor name → network node name (lets `--at` take a tensor name); with
   * `keepTensor`, only the tensors it accepts and the graph outputs.
   */
  tensorNode(name: string): string | undefined;
  /** Network node name → the ONNX operator it came from. */
  opOf(name: string): string | undefined;
  /** The same two as prototype-free tables (each made when first read, as the worker posts them). */
  readonly tensors: Record<string, string>;
  readonly ops: Record<string, string>;
  unsupported: UnsupportedOp[];
  stoppedAt: StopInfo | null;
  notes: string[];
}

/** Reads and maps a model. Throws `OnnxFormatError` / `OnnxImportError` with a readable message. */
export async function importOnnx(source: ByteSource, options: ImportOptions = {}): Promise<OnnxImport> {
  const model = await readOnnxModel(source, options.onProgress ? { onProgress: options.onProgress } : {});
  const nodeCount = model.graph.nodes.length;
  // The model is handed over: its nodes are dropped as they are mapped.
  const mapped = mapOnnxModel(model, {
    ...(options.input ? { input: options.input } : {}),
    ...(options.keepTensor ? { keepTensor: options.keepTensor } : {}),
    consume: true,
  });
  const tensorMap = mapped.tensors;
  let tensors: Record<string, string> | null = null;
  return {
    network: mapped.network,
    model: {
      producer: model.producerName,
      producerVersion: model.producerVersion,
      irVersion: model.irVersion,
      opset: defaultOpset(model) ?? 0,
      opsets: model.opsets,
      graphName: model.graph.name,
      nodeCount,
      initializerCount: model.graph.initializers.size,
      weightBytes: model.weightBytes,
      fileBytes: source.size,
      bytesRead: model.bytesRead,
      sourceReads: model.sourceReads,
      input: mapped.input,
    },
    input: mapped.input,
    outputs: mapped.outputs,
    tensorNode: (name) => tensorMap.get(name),
    opOf: mapped.opOf,
    get tensors() {
      if (tensors === null) {
        tensors = dict<string>();
        for (const [t, node] of tensorMap) tensors[t] = node;
      }
      return tensors;
    },
    get ops() {
      return mapped.ops;
    },
    unsupported: mapped.unsupported,
    stoppedAt: mapped.stoppedAt,
    notes: mapped.notes,
  };
}

/** A one-line message for any failure of `importOnnx`. */
export function describeImportError(error: unknown): {
  kind: 'format' | 'import' | 'internal';
  message: string;
  format?: ForeignFormat;
} {
  if (error instanceof ForeignFormatError)
    return { kind: 'format', message: error.message, format: error.format };
  if (error instanceof OnnxFormatError) return { kind: 'format', message: error.message };
  if (error instanceof OnnxImportError) return { kind: 'import', message: error.message };
  const text = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `The model could not be read: ${text}` };
}

function isRequest(msg: unknown): msg is ImportRequest {
  if (typeof msg !== 'object' || msg === null) return false;
  const m = msg as Record<string, unknown>;
  return m['type'] === 'import' && typeof Blob !== 'undefined' && m['file'] instanceof Blob;
}

/** Handles one worker request, posting progress and then exactly one result or error. */
export async function handleImportRequest(msg: unknown, post: (m: WorkerResponse) => void): Promise<void> {
  const id =
    typeof msg === 'object' && msg !== null
      ? (((msg as Record<string, unknown>)['id'] as string | number | undefined) ?? 0)
      : 0;
  if (!isRequest(msg)) {
    post({ type: 'error', id, kind: 'internal', message: 'Expected { type: "import", id, file }.' });
    return;
  }
  try {
    const result = await importOnnx(blobSource(msg.file), {
      ...(msg.input ? { input: msg.input } : {}),
      onProgress: (loaded, total) => post({ type: 'progress', id, loaded, total }),
    });
    post({
      type: 'result',
      id,
      network: result.network,
      model: result.model,
      outputs: result.outputs,
      tensors: result.tensors,
      ops: result.ops,
      unsupported: result.unsupported,
      stoppedAt: result.stoppedAt,
      notes: result.notes,
    });
  } catch (error) {
    post({ type: 'error', id, ...describeImportError(error) });
  }
}
