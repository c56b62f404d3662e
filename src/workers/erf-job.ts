/**
 * One ERF run as a worker job (protocol: ./rpc.ts, ./erf-protocol.ts). It yields to the event loop
 * after every draw and, inside a long draw, every SLICE_MS (between layers), so that a cancel or a
 * new call is honoured promptly.
 */
import type { ErfConfig, ErfError } from '../rf/erf/config';
import { createErfRun } from '../rf/erf/run';
import { frameToProgress, type ErfProgressMessage } from './erf-protocol';
import type { RpcJob, RpcOutcome, ServeOptions } from './rpc';

/** Longest stretch of computation between two looks at the message queue (ms). */
const SLICE_MS = 30;

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

const stopped: RpcOutcome<null, ErfError[]> = { ok: true, value: null };

/** Runs `config` draw by draw, posting progress after each, until done or cancelled. */
export async function erfJob(
  config: ErfConfig,
  job: RpcJob<ErfProgressMessage>,
): Promise<RpcOutcome<null, ErfError[]>> {
  const created = createErfRun(config);
  if (!created.ok) return { ok: false, error: created.errors };
  const { run } = created;
  for (;;) {
    if (job.cancelled) return stopped;
    // One draw, in layer slices; hand control back to the event loop every SLICE_MS so a
    // cancel or a new call is seen even inside a long draw.
    const slices = run.stepSliced();
    let sliceStart = performance.now();
    let next = slices.next();
    while (!next.done) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTick();
        if (job.cancelled) return stopped;
        sliceStart = performance.now();
      }
      next = slices.next();
    }
    const frame = next.value;
    if (!frame) return { ok: true, value: null };
    const message = frameToProgress(frame);
    job.progress(message, [message.map.buffer]);
    await nextTick();
  }
}

/** How the ERF worker serves calls: the newest run wins; a crash names the config. */
export const ERF_SERVE: ServeOptions<ErfError[]> = {
  supersede: true,
  internalError: (error): ErfError[] => [{ field: 'config', message: String(error) }],
};
