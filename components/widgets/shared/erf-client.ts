/**
 * The ERF worker client shared by the ERF widgets, over the one worker protocol
 * (src/workers/rpc-client.svelte.ts): the worker is created on the first run (never at page load),
 * a new run supersedes the previous one, and messages of superseded runs are ignored. Widgets can
 * pass their own factory (tests use an in-process worker).
 */
import type { ErfConfig, ErfError } from '../../../src/rf/erf/config';
import type { ErfProgressMessage } from '../../../src/workers/erf-protocol';
import {
  createRpcClient,
  RpcFailure,
  type RpcCall,
  type RpcWorkerLike,
} from '../../../src/workers/rpc-client.svelte';

/** The part of a Worker the client uses (a real Worker, or a stand-in in tests). */
export type ErfWorkerLike = RpcWorkerLike<ErfConfig, null, ErfProgressMessage, ErfError[]>;

/** Creates the worker; called once, lazily. */
export type ErfWorkerFactory = () => ErfWorkerLike;

/** What a run reports back. */
export interface ErfRunHandlers {
  progress(message: ErfProgressMessage): void;
  done(): void;
  error(errors: ErfError[]): void;
}

/** The module worker, bundled by Vite as its own chunk and fetched only when this runs. */
export const defaultErfWorker: ErfWorkerFactory = () =>
  new Worker(new URL('../../../src/workers/erf.worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as ErfWorkerLike;

export interface ErfClient {
  /** Starts a run (cancelling the one in progress); returns its id. */
  run(config: ErfConfig, handlers: ErfRunHandlers): number;
  /** Stops the run in progress (its handlers receive nothing more). */
  cancel(): void;
  /** True while a run is in progress. */
  busy(): boolean;
  /** Stops everything and ends the worker. */
  dispose(): void;
}

/** A client over `factory`; the worker is created on the first `run`. */
export function createErfClient(factory: ErfWorkerFactory = defaultErfWorker): ErfClient {
  const rpc = createRpcClient(factory, {
    describe: (errors: ErfError[]) => errors.map((e) => e.message).join('; '),
  });
  let current: RpcCall<null> | null = null;

  return {
    run(config, handlers) {
      current?.cancel();
      const call = rpc.call(config, (message) => {
        if (current === call) handlers.progress(message);
      });
      current = call;
      call.result.then(
        () => {
          if (current !== call) return;
          current = null;
          handlers.done();
        },
        (failure: unknown) => {
          if (current !== call) return;
          current = null;
          if (failure instanceof RpcFailure && failure.reason === 'error')
            handlers.error(failure.error as ErfError[]);
          else
            handlers.error([
              { field: 'config', message: failure instanceof Error ? failure.message : 'worker failed' },
            ]);
        },
      );
      return call.id;
    },
    cancel() {
      const call = current;
      current = null;
      call?.cancel();
    },
    busy: () => current !== null,
    dispose() {
      current = null;
      rpc.dispose();
    },
  };
}
