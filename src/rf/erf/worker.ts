/**
 * Module Web Worker running ERF simulations off the main thread. Protocol in ./protocol.ts.
 * Create it with `new Worker(new URL('.../erf/worker.ts', import.meta.url), { type: 'module' })`.
 * It yields to the event loop after every draw and, inside a long draw, every SLICE_MS (between
 * layers), so that a 'cancel' or a new 'start' is honoured promptly.
 */
import { frameToProgress, type ErfRequest, type ErfResponse } from './protocol';
import { createErfRun } from './run';

interface WorkerScope {
  postMessage(message: ErfResponse, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ErfRequest>) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;

/** Longest stretch of computation between two looks at the message queue (ms). */
const SLICE_MS = 30;

/** Id of the run allowed to continue; any other run stops at its next slice. */
let current: number | undefined;

/** Longest time between two timer-based yields (ms): some event loops (Node's) drain MessageChannel ticks before timers. */
const TIMER_YIELD_MS = 50;

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
let lastTimerYield = performance.now();

/**
 * Resolves on a later macrotask: a MessageChannel tick (not clamped like nested setTimeout), or a
 * setTimeout(0) when TIMER_YIELD_MS have passed since the last one, so every task source gets a turn.
 */
function nextTick(): Promise<void> {
  if (performance.now() - lastTimerYield > TIMER_YIELD_MS) {
    return new Promise((resolve) =>
      setTimeout(() => {
        lastTimerYield = performance.now();
        resolve();
      }, 0),
    );
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

async function start(id: number, config: unknown): Promise<void> {
  current = id;
  const created = createErfRun(config);
  if (!created.ok) {
    scope.postMessage({ type: 'error', id, errors: created.errors });
    return;
  }
  const { run } = created;
  try {
    for (;;) {
      if (current !== id) return;
      // One draw, in layer slices; hand control back to the event loop every SLICE_MS so a
      // cancel or a new start is seen even inside a long draw.
      const slices = run.stepSliced();
      let sliceStart = performance.now();
      let next = slices.next();
      while (!next.done) {
        if (performance.now() - sliceStart > SLICE_MS) {
          await nextTick();
          if (current !== id) return;
          sliceStart = performance.now();
        }
        next = slices.next();
      }
      const frame = next.value;
      if (!frame) break;
      const message = frameToProgress(id, frame);
      scope.postMessage(message, [message.map.buffer]);
      await nextTick();
    }
  } catch (error) {
    scope.postMessage({ type: 'error', id, errors: [{ field: 'config', message: String(error) }] });
    return;
  }
  if (current === id) {
    current = undefined;
    scope.postMessage({ type: 'done', id });
  }
}

scope.onmessage = (event: MessageEvent<ErfRequest>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    if (current === message.id) current = undefined;
  } else if (message.type === 'start') {
    void start(message.id, message.config);
  }
};
