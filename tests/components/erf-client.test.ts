import { createErfClient } from '../../components/widgets/shared/erf-client';
import { heatColour, heatRgba } from '../../components/widgets/shared/erf-heat';
import type { ErfProgressMessage } from '../../src/workers/erf-protocol';
import { createFakeErfWorker } from './erf-fake-worker';

const handlers = () => {
  const seen = { progress: [] as ErfProgressMessage[], done: 0, errors: [] as string[] };
  return {
    seen,
    h: {
      progress: (m: ErfProgressMessage) => seen.progress.push(m),
      done: () => seen.done++,
      error: (e: { message: string }[]) => seen.errors.push(...e.map((x) => x.message)),
    },
  };
};

describe('ERF client', () => {
  it('creates the worker only on the first run', () => {
    let created = 0;
    const client = createErfClient(() => {
      created++;
      return createFakeErfWorker();
    });
    expect(created).toBe(0);
    client.run({ layers: 2, kernel: 3 }, handlers().h);
    client.run({ layers: 3, kernel: 3 }, handlers().h);
    expect(created).toBe(1);
    client.dispose();
  });

  it('delivers the frames of the latest run only, then done', async () => {
    const worker = createFakeErfWorker();
    const client = createErfClient(() => worker);
    const first = handlers();
    const second = handlers();
    client.run({ layers: 5, kernel: 3, weights: 'random', draws: 4 }, first.h);
    client.run({ layers: 5, kernel: 3, weights: 'uniform', activation: 'none', draws: 1 }, second.h);
    await vi.waitFor(() => expect(second.seen.done).toBe(1));
    expect(first.seen.progress).toHaveLength(0);
    expect(second.seen.progress).toHaveLength(1);
    // 5 uniform 3×3 layers: 69 pixels above 4.55 % of the centre → √69 ≈ 8.31.
    expect(second.seen.progress[0]?.metrics.luo.size).toBeCloseTo(Math.sqrt(69), 6);
    expect(worker.sent.map((m) => m.type)).toEqual(['call', 'cancel', 'call']);
  });

  it('reports field-named errors and stops on cancel', async () => {
    const worker = createFakeErfWorker();
    const client = createErfClient(() => worker);
    const bad = handlers();
    client.run({ layers: 0, kernel: 3 }, bad.h);
    await vi.waitFor(() => expect(bad.seen.errors.length).toBeGreaterThan(0));
    expect(bad.seen.errors[0]).toMatch(/layers/);

    worker.hold = true;
    const slow = handlers();
    client.run({ layers: 3, kernel: 3, draws: 50 }, slow.h);
    await vi.waitFor(() => expect(slow.seen.progress.length).toBe(1));
    expect(client.busy()).toBe(true);
    client.cancel();
    worker.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(slow.seen.progress.length).toBe(1);
    expect(slow.seen.done).toBe(0);
    expect(client.busy()).toBe(false);
    client.dispose();
    expect(worker.terminated).toBe(true);
  });
});

describe('ERF heat colours', () => {
  it('runs from dark to bright and clamps bad input', () => {
    const dark = heatColour(0);
    const bright = heatColour(1);
    expect(dark[0] + dark[1] + dark[2]).toBeLessThan(bright[0] + bright[1] + bright[2]);
    expect(heatColour(Number.NaN)).toEqual(dark);
    expect(heatColour(5)).toEqual(bright);
  });

  it('is matplotlib magma: its first, middle and last colours', () => {
    // matplotlib's _magma_data rows 0, 128 and 255 (RGB in 0–1) times 255, rounded.
    expect(heatColour(0)).toEqual([0, 0, 4]); // 0.001462, 0.000466, 0.013866
    expect(heatColour(0.5)).toEqual([183, 55, 121]); // 0.716387, 0.214982, 0.474720
    expect(heatColour(1)).toEqual([252, 253, 191]); // 0.987053, 0.991438, 0.749504
  });

  it('paints opaque maps and fades overlays to transparent where the map is zero', () => {
    const opaque = heatRgba([0, 0.5, 1]);
    expect([opaque[3], opaque[7], opaque[11]]).toEqual([255, 255, 255]);
    const overlay = heatRgba([0, 0.5, 1], { mode: 'overlay', maxAlpha: 1 });
    expect(overlay[3]).toBe(0);
    expect(overlay[11]).toBe(255);
    expect(overlay[7]).toBeGreaterThan(0);
    expect(overlay[7]).toBeLessThan(255);
  });
});
