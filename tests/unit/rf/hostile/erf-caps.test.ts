/**
 * ERF work caps: the total over all draws is capped, not only one draw; a run computes the map and
 * metrics only for the frames it shows. Catches: `--draws 10000` multiplying a capped draw into hours,
 * and metrics of 1024² maps computed for 10,000 intermediate frames nobody sees.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ metrics: 0 }));
vi.mock('../../../../src/rf/erf/metrics', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../src/rf/erf/metrics')>();
  return {
    ...original,
    erfMetrics: (...args: Parameters<typeof original.erfMetrics>) => {
      calls.metrics++;
      return original.erfMetrics(...args);
    },
  };
});

const { simulateErf, createErfRun, MAX_MACS_TOTAL } = await import('../../../../src/rf/erf/run');
const { runErf } = await import('../../../../src/cli/erf');

describe('ERF total work', () => {
  it('refuses a run whose draws together exceed the total cap, naming the draws and the limit', () => {
    const result = simulateErf({ layers: 16, kernel: 15, channels: 8, draws: 10000 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors[0]!;
    expect(error.field).toBe('draws');
    expect(error.code).toBe('run-too-large');
    expect(error.params?.['max']).toBe(MAX_MACS_TOTAL);
    expect(error.message).toMatch(/10000 draws .* in total \(limit 3e\+10\); reduce the draws/);
    // The same network with one draw is within the cap.
    expect(createErfRun({ layers: 16, kernel: 15, channels: 8, draws: 1 }).ok).toBe(true);
  });

  it('a deterministic 10,000-draw run computes one draw and the metrics of one frame', () => {
    calls.metrics = 0;
    const result = simulateErf({ layers: 1, kernel: 1, inputSize: 1024, weights: 'uniform', draws: 10000 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.frame.done).toBe(10000);
    expect(calls.metrics).toBe(1);
  });

  it('a random run shows only its last frame on the command line', async () => {
    calls.metrics = 0;
    let out = '';
    const code = await runErf(['--layers', '2', '--kernel', '3', '--draws', '50'], {
      out: (s: string) => (out += s),
      err: () => undefined,
    } as never);
    expect(code).toBe(0);
    expect(out).toContain('50 draws');
    expect(calls.metrics).toBe(1);
  });

  it('without an input-size field, the memory message does not tell the reader to change one', () => {
    const result = simulateErf({ layers: 60, kernel: 17 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).not.toContain('reduce the input size');
    expect(result.errors[0]?.code).toBe('memory-too-large');
  });
});
