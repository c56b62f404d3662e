/**
 * The one request/response protocol between a page and a Web Worker, and its worker half.
 * A page sends `call` (a new job with plain-data `payload`) or `cancel`; the worker answers each job
 * with any number of `progress` messages, then exactly one `result` or `error`. Ids are chosen by
 * the page. The page half is `./rpc-client.svelte.ts`.
 */

/** Page → worker. */
export type RpcRequest<P> = { type: 'call'; id: number; payload: P } | { type: 'cancel'; id: number };

/** Worker → page. */
export type RpcResponse<R, G, E> =
  | { type: 'progress'; id: number; value: G }
  | { type: 'result'; id: number; value: R }
  | { type: 'error'; id: number; error: E };

/** What a job's handler finishes with: a value (with buffers to transfer) or an error for the page. */
export type RpcOutcome<R, E> = { ok: true; value: R; transfer?: Transferable[] } | { ok: false; error: E };

/** What a handler gets besides its payload. */
export interface RpcJob<G> {
  readonly id: number;
  /** True once the page cancelled this job (or the worker was told to stop it): stop working. */
  readonly cancelled: boolean;
  /** Sends a progress value (transferring `transfer`), unless the job was cancelled. */
  progress(value: G, transfer?: Transferable[]): void;
}

/** The part of a worker's global scope the protocol uses. */
export interface RpcScope<P, R, G, E> {
  postMessage(message: RpcResponse<R, G, E>, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<RpcRequest<P>>) => void) | null;
}

export interface ServeOptions<E> {
  /** Turns an exception thrown by the handler into the error the page receives. */
  internalError(error: unknown): E;
  /** Cancel the jobs in progress whenever a new call arrives (the newest job wins). */
  supersede?: boolean;
}

/**
 * Answers calls on `scope` (the worker's global scope by default) with `handler`. A cancelled job
 * posts nothing more: neither progress nor its outcome.
 */
export function serve<P, R, G, E>(
  handler: (payload: P, job: RpcJob<G>) => Promise<RpcOutcome<R, E>> | RpcOutcome<R, E>,
  options: ServeOptions<E>,
  scope: RpcScope<P, R, G, E> = globalThis as unknown as RpcScope<P, R, G, E>,
): void {
  const live = new Set<number>();
  async function run(id: number, payload: P): Promise<void> {
    const job: RpcJob<G> = {
      id,
      get cancelled() {
        return !live.has(id);
      },
      progress(value, transfer = []) {
        if (live.has(id)) scope.postMessage({ type: 'progress', id, value }, transfer);
      },
    };
    let outcome: RpcOutcome<R, E>;
    try {
      outcome = await handler(payload, job);
    } catch (error) {
      outcome = { ok: false, error: options.internalError(error) };
    }
    if (!live.delete(id)) return;
    if (outcome.ok) scope.postMessage({ type: 'result', id, value: outcome.value }, outcome.transfer ?? []);
    else scope.postMessage({ type: 'error', id, error: outcome.error });
  }
  scope.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'cancel') live.delete(message.id);
    else if (message.type === 'call') {
      if (options.supersede) live.clear();
      live.add(message.id);
      void run(message.id, message.payload);
    }
  };
}
