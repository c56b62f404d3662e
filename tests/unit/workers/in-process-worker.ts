/**
 * A worker job served in-process behind the page's worker interface, for tests that cannot start a
 * Web Worker: the real `serve` and the real job, with every message structured-cloned on the way as
 * `postMessage` would (a Svelte state proxy in a payload fails here as it fails in a browser; Blobs
 * are passed by reference because jsdom's cannot be cloned by Node).
 */
import {
  serve,
  type RpcJob,
  type RpcOutcome,
  type RpcRequest,
  type RpcResponse,
  type ServeOptions,
} from '../../../src/workers/rpc';
import type { RpcWorkerLike } from '../../../src/workers/rpc-client.svelte';

function cloneMessage<T>(message: T): T {
  const m = message as { payload?: unknown };
  if (typeof m.payload === 'object' && m.payload !== null && !Array.isArray(m.payload)) {
    const payload = Object.fromEntries(
      Object.entries(m.payload).map(([k, v]) => [k, v instanceof Blob ? v : structuredClone(v)]),
    );
    return { ...structuredClone({ ...m, payload: null }), payload } as T;
  }
  return structuredClone(message);
}

export interface InProcessWorker<P, R, G, E> extends RpcWorkerLike<P, R, G, E> {
  /** Every message the page sent, in order. */
  sent: RpcRequest<P>[];
  terminated: boolean;
}

export function inProcessWorker<P, R, G, E>(
  job: (payload: P, job: RpcJob<G>) => Promise<RpcOutcome<R, E>> | RpcOutcome<R, E>,
  options: ServeOptions<E>,
): InProcessWorker<P, R, G, E> {
  const scope = {
    onmessage: null as ((event: MessageEvent<RpcRequest<P>>) => void) | null,
    postMessage(message: RpcResponse<R, G, E>) {
      if (worker.terminated) return;
      const data = structuredClone(message);
      setTimeout(() => worker.onmessage?.({ data } as MessageEvent<RpcResponse<R, G, E>>), 0);
    },
  };
  const worker: InProcessWorker<P, R, G, E> = {
    sent: [],
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message) {
      worker.sent.push(message);
      const data = cloneMessage(message);
      setTimeout(() => scope.onmessage?.({ data } as MessageEvent<RpcRequest<P>>), 0);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  serve(job, options, scope);
  return worker;
}
