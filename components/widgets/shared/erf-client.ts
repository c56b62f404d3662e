/**
 * A small client for the ERF worker shared by the ERF widgets: the worker is created on the first
 * run (never at page load), every run gets a fresh id, a new run supersedes the previous one, and
 * messages of superseded runs are ignored. Widgets can pass their own factory (tests use a fake).
 */
import type { ErfConfig, ErfError } from '../../../src/rf/erf/config';
import type { ErfProgressMessage, ErfRequest, ErfResponse } from '../../../src/rf/erf/protocol';

/** The part of a Worker the client uses (a real Worker, or a fake in tests). */
export interface ErfWorkerLike {
  postMessage(message: ErfRequest): void;
  onmessage: ((event: MessageEvent<ErfResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

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
  new Worker(new URL('../../../src/rf/erf/worker.ts', import.meta.url), {
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
  let worker: ErfWorkerLike | null = null;
  let nextId = 1;
  let current: { id: number; handlers: ErfRunHandlers } | null = null;

  function ensureWorker(): ErfWorkerLike {
    if (worker) return worker;
    const created = factory();
    created.onmessage = (event) => {
      const message = event.data;
      if (!current || message.id !== current.id) return;
      const { handlers } = current;
      if (message.type === 'progress') handlers.progress(message);
      else if (message.type === 'done') {
        current = null;
        handlers.done();
      } else {
        current = null;
        handlers.error(message.errors);
      }
    };
    created.onerror = (event) => {
      const active = current;
      current = null;
      worker?.terminate();
      worker = null;
      active?.handlers.error([{ field: 'config', message: event.message || 'worker failed' }]);
    };
    worker = created;
    return created;
  }

  return {
    run(config, handlers) {
      const target = ensureWorker();
      if (current) target.postMessage({ type: 'cancel', id: current.id });
      const id = nextId++;
      current = { id, handlers };
      target.postMessage({ type: 'start', id, config });
      return id;
    },
    cancel() {
      if (current && worker) worker.postMessage({ type: 'cancel', id: current.id });
      current = null;
    },
    busy: () => current !== null,
    dispose() {
      this.cancel();
      worker?.terminate();
      worker = null;
    },
  };
}
