import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErfRequest, ErfResponse } from '../../../src/workers/erf-protocol';

type Post = (message: ErfResponse, transfer?: Transferable[]) => void;
const scope = globalThis as unknown as {
  postMessage?: Post;
  onmessage?: ((event: { data: ErfRequest }) => void) | null;
};
const posted: ErfResponse[] = [];

beforeAll(async () => {
  scope.postMessage = (message) => void posted.push(message);
  await import('../../../src/workers/erf.worker');
});

afterAll(() => {
  delete scope.postMessage;
  scope.onmessage = null;
});

const send = (data: ErfRequest): void => scope.onmessage?.({ data });

async function until(predicate: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(predicate()).toBe(true), { timeout: 3000, interval: 5 });
}

describe('ERF worker over the worker protocol', () => {
  it('posts one progress per draw with a Float32 map, then done', async () => {
    posted.length = 0;
    send({
      type: 'call',
      id: 1,
      payload: { layers: 4, kernel: 3, channels: 2, activation: 'relu', draws: 3 },
    });
    await until(() => posted.some((m) => m.type === 'result'));
    const progress = posted.flatMap((m) => (m.type === 'progress' ? [{ id: m.id, ...m.value }] : []));
    expect(progress.map((m) => [m.id, m.done, m.total])).toEqual([
      [1, 1, 3],
      [1, 2, 3],
      [1, 3, 3],
    ]);
    const last = progress[2]!;
    expect(last.map).toBeInstanceOf(Float32Array);
    expect(last.map.length).toBe(last.width * last.height);
    expect(last.metrics.theoreticalRf).toEqual({ h: 9, w: 9 });
  });

  it('reports invalid configs as errors naming the field', async () => {
    posted.length = 0;
    send({ type: 'call', id: 2, payload: { layers: 0, kernel: 3 } });
    await until(() => posted.length > 0);
    expect(posted[0]).toMatchObject({ type: 'error', id: 2, error: [{ field: 'layers' }] });
  });

  it('stops a run on cancel and lets a new start supersede the old one', async () => {
    posted.length = 0;
    send({
      type: 'call',
      id: 3,
      payload: { layers: 6, kernel: 3, channels: 2, activation: 'relu', draws: 1000 },
    });
    await until(() => posted.length >= 1);
    send({ type: 'cancel', id: 3 });
    const count = posted.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posted.length).toBeLessThanOrEqual(count + 1);
    expect(posted.some((m) => m.type === 'result')).toBe(false);

    posted.length = 0;
    send({ type: 'call', id: 4, payload: { layers: 6, kernel: 3, activation: 'relu', draws: 1000 } });
    await until(() => posted.length >= 1);
    send({ type: 'call', id: 5, payload: { layers: 3, kernel: 3, draws: 2 } });
    await until(() => posted.some((m) => m.type === 'result' && m.id === 5));
    expect(posted.some((m) => m.type === 'result' && m.id === 4)).toBe(false);
    const after = posted.findIndex((m) => m.id === 5);
    expect(posted.slice(after + 1).some((m) => m.id === 4)).toBe(false);
  });

  it('honours a cancel that arrives in the middle of a long draw', async () => {
    posted.length = 0;
    // About 4·10⁸ multiply–accumulates per draw: far longer than the 30 ms slices.
    send({
      type: 'call',
      id: 6,
      payload: { layers: 40, kernel: 3, channels: 16, activation: 'relu', draws: 4 },
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    send({ type: 'cancel', id: 6 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(posted.filter((m) => m.id === 6)).toEqual([]);
  });
});
