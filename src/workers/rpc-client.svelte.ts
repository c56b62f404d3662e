/**
 * The page half of the worker protocol in `./rpc.ts`, shared by every worker client: the worker is
 * created on the first call (never at page load); every call gets its own id and a promise of its
 * result with progress on the side; a worker that fails to start or crashes rejects the calls in
 * flight, and the next call starts a fresh one. Payloads are made plain data before they are posted
 * (`$state.snapshot`): a Svelte state proxy cannot be structured-cloned, a `Blob` is sent as it is.
 */
import type { RpcRequest, RpcResponse } from './rpc';

/** The part of a Worker the client uses (a real Worker, or an in-process stand-in in tests). */
export interface RpcWorkerLike<P, R, G, E> {
  postMessage(message: RpcRequest<P>, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<RpcResponse<R, G, E>>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/**
 * Why a call did not give a result: the worker answered with an error (`error` holds it), the
 * worker could not run (`crashed`), or the page cancelled the call.
 */
export class RpcFailure<E> extends Error {
  override name = 'RpcFailure';
  constructor(
    readonly reason: 'error' | 'crashed' | 'cancelled',
    readonly error: E | null,
    message: string,
  ) {
    super(message);
  }
}

/** One call in flight. */
export interface RpcCall<R> {
  readonly id: number;
  /** Settles with the worker's result, or rejects with an `RpcFailure`. */
  readonly result: Promise<R>;
  /** Tells the worker to stop; `result` rejects with reason 'cancelled' and no progress follows. */
  cancel(): void;
}

export interface RpcClient<P, R, G> {
  call(payload: P, onProgress?: (value: G) => void): RpcCall<R>;
  /** Number of calls in flight. */
  pending(): number;
  /** Cancels every call and ends the worker (a later call starts a new one). */
  dispose(): void;
}

export interface RpcClientOptions<E> {
  /** A one-line message for an error value (the text of the rejection). */
  describe?(error: E): string;
}

/** Plain data for `postMessage`: state proxies snapshotted, Blobs (files) passed as they are. */
function plain<P>(payload: P): P {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || payload instanceof Blob) {
    return payload instanceof Blob ? payload : ($state.snapshot(payload) as P);
  }
  const entries = Object.entries(payload).map(([key, value]) => [
    key,
    value instanceof Blob ? value : $state.snapshot(value),
  ]);
  return Object.fromEntries(entries) as P;
}

/** A client over the worker `factory` creates. */
export function createRpcClient<P, R, G, E>(
  factory: () => RpcWorkerLike<P, R, G, E>,
  options: RpcClientOptions<E> = {},
): RpcClient<P, R, G> {
  interface Pending {
    resolve(value: R): void;
    reject(failure: RpcFailure<E>): void;
    onProgress: ((value: G) => void) | undefined;
  }
  let worker: RpcWorkerLike<P, R, G, E> | null = null;
  let nextId = 1;
  // Bookkeeping, not state a view reads: a plain Map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const pending = new Map<number, Pending>();
  const describe = options.describe ?? ((error: E) => String(error));

  function crash(message: string): void {
    const calls = [...pending.values()];
    pending.clear();
    worker?.terminate();
    worker = null;
    for (const call of calls) call.reject(new RpcFailure<E>('crashed', null, message));
  }

  function ensure(): RpcWorkerLike<P, R, G, E> {
    if (worker !== null) return worker;
    const created = factory();
    created.onmessage = (event) => {
      if (worker !== created) return;
      const message = event.data;
      const call = pending.get(message.id);
      if (call === undefined) return;
      if (message.type === 'progress') call.onProgress?.(message.value);
      else {
        pending.delete(message.id);
        if (message.type === 'result') call.resolve(message.value);
        else call.reject(new RpcFailure('error', message.error, describe(message.error)));
      }
    };
    created.onerror = (event) => {
      event.preventDefault?.();
      if (worker === created) crash(event.message || 'The worker stopped.');
    };
    worker = created;
    return created;
  }

  return {
    call(payload, onProgress) {
      const id = nextId++;
      let settle!: Pending;
      const result = new Promise<R>((resolve, reject) => {
        settle = { resolve, reject, onProgress };
      });
      // A caller that only cancels never reads the rejection.
      result.catch(() => {});
      pending.set(id, settle);
      try {
        ensure().postMessage({ type: 'call', id, payload: plain(payload) });
      } catch (error) {
        pending.delete(id);
        settle.reject(
          new RpcFailure<E>('crashed', null, error instanceof Error ? error.message : String(error)),
        );
      }
      return {
        id,
        result,
        cancel() {
          const call = pending.get(id);
          if (call === undefined) return;
          pending.delete(id);
          worker?.postMessage({ type: 'cancel', id });
          call.reject(new RpcFailure<E>('cancelled', null, 'cancelled'));
        },
      };
    },
    pending: () => pending.size,
    dispose() {
      const calls = [...pending.entries()];
      pending.clear();
      for (const [id, call] of calls) {
        worker?.postMessage({ type: 'cancel', id });
        call.reject(new RpcFailure<E>('cancelled', null, 'cancelled'));
      }
      worker?.terminate();
      worker = null;
    },
  };
}
