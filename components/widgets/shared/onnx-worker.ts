/**
 * The ONNX import worker for pages: created on the first import (never at page load), bundled by Vite
 * as its own chunk.
 */
import { createOnnxImporter, type OnnxImporter, type OnnxWorkerLike } from '../../../src/workers/onnx-client';

export function createWorkerImporter(): OnnxImporter {
  return createOnnxImporter(
    () =>
      new Worker(new URL('../../../src/workers/onnx.worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as OnnxWorkerLike,
  );
}
