/**
 * A thin promise wrapper around the import worker for pages:
 * `const importer = createOnnxImporter(worker); const result = await importer.import(file)`.
 */
import type { Axes } from '../types.ts';
import type { ImportFailure, ImportResult, RequestId, WorkerRequest, WorkerResponse } from './protocol.ts';

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
}

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

export function createOnnxImporter(worker: WorkerLike): OnnxImporter {
  let next = 1;
  const pending = new Map<
    RequestId,
    {
      resolve: (r: ImportResult) => void;
      reject: (e: Error) => void;
      onProgress?: (loaded: number, total: number) => void;
    }
  >();
  worker.addEventListener('message', (event) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.(msg.loaded, msg.total);
    else {
      pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg);
      else p.reject(new OnnxImportFailure(msg));
    }
  });
  return {
    import(file, options = {}) {
      const id = next++;
      return new Promise<ImportResult>((resolve, reject) => {
        pending.set(id, {
          resolve,
          reject,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        worker.postMessage({ type: 'import', id, file, ...(options.input ? { input: options.input } : {}) });
      });
    },
  };
}
