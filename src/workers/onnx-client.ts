/**
 * The ONNX import worker's client for pages, over the one worker protocol (./rpc-client.svelte.ts):
 * `const importer = createOnnxImporter(factory); const result = await importer.import(file)`.
 * The worker is created on the first import; a worker that fails to start or crashes rejects the
 * imports in flight, and the next import starts a fresh one.
 */
import type { Axes } from '../rf/types.ts';
import type { ImportFailure, ImportResult } from '../rf/onnx/protocol.ts';
import { createRpcClient, RpcFailure, type RpcWorkerLike } from './rpc-client.svelte.ts';

/** A call's payload: the file, and optionally another input size. */
export interface OnnxImportPayload {
  file: Blob;
  input?: Axes<number>;
}

/** Reading progress in bytes. */
export interface OnnxImportProgress {
  loaded: number;
  total: number;
}

/** The part of a Worker the importer uses (a real Worker, or an in-process stand-in in tests). */
export type OnnxWorkerLike = RpcWorkerLike<
  OnnxImportPayload,
  ImportResult,
  OnnxImportProgress,
  ImportFailure
>;

/** Rejections carry the worker's message and kind. */
export class OnnxImportFailure extends Error {
  override name = 'OnnxImportFailure';
  constructor(readonly failure: ImportFailure) {
    super(failure.message);
  }
}

export interface OnnxImporter {
  import(
    file: Blob,
    options?: { input?: Axes<number>; onProgress?: (loaded: number, total: number) => void },
  ): Promise<ImportResult>;
}

/** An importer over the worker `factory` creates (once, on the first import). */
export function createOnnxImporter(factory: () => OnnxWorkerLike): OnnxImporter {
  const rpc = createRpcClient(factory, { describe: (failure: ImportFailure) => failure.message });
  return {
    async import(file, options = {}) {
      const { onProgress } = options;
      const call = rpc.call(
        { file, ...(options.input ? { input: options.input } : {}) },
        onProgress ? (p) => onProgress(p.loaded, p.total) : undefined,
      );
      try {
        return await call.result;
      } catch (error) {
        if (error instanceof RpcFailure && error.reason === 'error') {
          throw new OnnxImportFailure(error.error as ImportFailure);
        }
        throw error;
      }
    },
  };
}
