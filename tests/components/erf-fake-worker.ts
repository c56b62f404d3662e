/**
 * An in-process stand-in for the ERF module worker, for component tests: it speaks the same protocol
 * (src/workers/rpc.ts, src/workers/erf-protocol.ts), runs the real simulation one draw per macrotask,
 * and honours 'cancel' and superseding 'call' messages. It also records every message it was sent.
 */
import { createErfRun } from '../../src/rf/erf/run';
import { frameToProgress, type ErfRequest, type ErfResponse } from '../../src/workers/erf-protocol';
import type { ErfWorkerLike } from '../../components/widgets/shared/erf-client';

export interface FakeErfWorker extends ErfWorkerLike {
  sent: ErfRequest[];
  terminated: boolean;
  /** Pauses after each draw while true (a run can then be cancelled midway). */
  hold: boolean;
  /** Lets a held run take its next draw. */
  release(): void;
}

export function createFakeErfWorker(): FakeErfWorker {
  let current: number | undefined;
  let waiting: (() => void) | null = null;
  const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const worker: FakeErfWorker = {
    sent: [],
    terminated: false,
    hold: false,
    onmessage: null,
    onerror: null,
    release() {
      const next = waiting;
      waiting = null;
      next?.();
    },
    postMessage(message: ErfRequest) {
      worker.sent.push(message);
      if (message.type === 'cancel') {
        if (current === message.id) current = undefined;
        return;
      }
      current = message.id;
      void run(message.id, message.payload);
    },
    terminate() {
      worker.terminated = true;
      current = undefined;
    },
  };
  const emit = (data: ErfResponse) => worker.onmessage?.({ data } as MessageEvent<ErfResponse>);
  async function run(id: number, config: unknown) {
    await tick();
    const created = createErfRun(config);
    if (!created.ok) {
      emit({ type: 'error', id, error: created.errors });
      return;
    }
    for (;;) {
      if (current !== id) return;
      const frame = created.run.step();
      if (!frame) break;
      emit({ type: 'progress', id, value: frameToProgress(frame) });
      if (worker.hold) await new Promise<void>((resolve) => (waiting = resolve));
      await tick();
    }
    if (current === id) {
      current = undefined;
      emit({ type: 'result', id, value: null });
    }
  }
  return worker;
}

/** jsdom has no 2-D canvas: a minimal context that records what was painted. */
export function installFakeCanvas(): { painted: number } {
  const stats = { painted: 0 };
  class FakeImageData {
    constructor(
      public data: Uint8ClampedArray,
      public width: number,
      public height: number,
    ) {}
  }
  (globalThis as unknown as { ImageData: unknown }).ImageData ??= FakeImageData;
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return {
      putImageData: () => {
        stats.painted++;
      },
      clearRect: () => {},
    } as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
  return stats;
}
