/**
 * Web Worker entry: imports dropped ONNX files off the main thread.
 * Create it with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import { handleImportRequest } from './import.ts';
import type { WorkerResponse } from './protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: WorkerResponse): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event: MessageEvent) => {
  void handleImportRequest(event.data, (m) => scope.postMessage(m));
};
