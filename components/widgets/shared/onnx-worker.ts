/**
 * The ONNX import worker for pages: created on the first import (never at page load), bundled by Vite
 * as its own chunk. A worker that fails to start or crashes rejects the pending imports instead of
 * leaving them waiting, and the next import starts a fresh worker.
 */
import { createOnnxImporter, type OnnxImporter } from '../../../src/rf/onnx/client';

export function createWorkerImporter(): OnnxImporter {
  let worker: Worker | null = null;
  let importer: OnnxImporter | null = null;
  const pending = new Set<(error: Error) => void>();

  function ensure(): OnnxImporter {
    if (importer !== null) return importer;
    const created = new Worker(new URL('../../../src/rf/onnx/worker.ts', import.meta.url), {
      type: 'module',
    });
    created.addEventListener('error', (event) => {
      event.preventDefault();
      const message = event.message || 'The import worker stopped.';
      for (const reject of pending) reject(new Error(message));
      pending.clear();
      created.terminate();
      if (worker === created) {
        worker = null;
        importer = null;
      }
    });
    worker = created;
    importer = createOnnxImporter(created);
    return importer;
  }

  return {
    import(file, options) {
      const target = ensure();
      return new Promise((resolve, reject) => {
        pending.add(reject);
        target
          .import(file, options)
          .then(resolve, reject)
          .finally(() => pending.delete(reject));
      });
    },
  };
}
