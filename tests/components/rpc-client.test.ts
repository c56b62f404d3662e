import { createRpcClient, RpcFailure } from '../../src/workers/rpc-client.svelte';
import { inProcessWorker } from '../unit/workers/in-process-worker';
import { sizeState } from './rpc-state.svelte';

type Size = { h: number; w: number };
const area = () =>
  inProcessWorker<{ size: Size; file: Blob }, number, string, string>(
    async (p, job) => {
      job.progress('read');
      return { ok: true, value: p.size.h * p.size.w + p.file.size };
    },
    { internalError: String },
  );

describe('worker RPC client', () => {
  it('posts a Svelte state proxy as plain data (a proxy itself cannot be cloned)', async () => {
    const size = sizeState(64, 48);
    expect(() => structuredClone(size)).toThrow();
    const seen: string[] = [];
    const client = createRpcClient(area);
    const call = client.call({ size, file: new Blob([new Uint8Array(3)]) }, (g) => seen.push(g));
    await expect(call.result).resolves.toBe(64 * 48 + 3);
    expect(seen).toEqual(['read']);
  });

  it('rejects with the worker error, and a cancelled call hears nothing more', async () => {
    const client = createRpcClient(() =>
      inProcessWorker<number, number, never, string>(
        (n) => (n < 0 ? { ok: false, error: 'negative' } : { ok: true, value: n }),
        { internalError: String },
      ),
    );
    await expect(client.call(-1).result).rejects.toMatchObject({ reason: 'error', error: 'negative' });
    const call = client.call(5);
    call.cancel();
    await expect(call.result).rejects.toBeInstanceOf(RpcFailure);
    expect(client.pending()).toBe(0);
  });

  it('rejects the calls in flight when the worker crashes, and starts a fresh worker next time', async () => {
    let created = 0;
    const workers: ReturnType<typeof area>[] = [];
    const client = createRpcClient(() => {
      created++;
      const w = area();
      workers.push(w);
      return w;
    });
    const call = client.call({ size: { h: 1, w: 1 }, file: new Blob([]) });
    workers[0]!.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(call.result).rejects.toMatchObject({ reason: 'crashed', message: 'boom' });
    expect(workers[0]!.terminated).toBe(true);
    await expect(client.call({ size: { h: 2, w: 3 }, file: new Blob([]) }).result).resolves.toBe(6);
    expect(created).toBe(2);
  });
});
