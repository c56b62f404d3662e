/**
 * ERF simulation speed (run on demand: npx vitest bench --run bench/erf.bench.ts).
 * Workloads (src/rf/erf/workloads.ts):
 * - single: n = 20, 3×3, 8 channels, 64×64 input, 32 draws, random weights + ReLU;
 * - Figure-1 grid (Luo et al. 2016): n = 5, 10, 20, 40 × uniform / random / random + ReLU,
 *   3×3, 4 channels, 16 draws (uniform linear nets are computed once: every draw is identical).
 * GFLOP/s counts 2 × the multiply–accumulates the kernels actually perform.
 */
import { test } from 'vitest';
import { ERF_BENCH_SINGLE, ERF_FIGURE1_GRID, timeWorkloads } from '../src/rf/erf/index';

const now = (): number => performance.now();
// Benchmarks are collected by every project; run them once, in the Node environment (not under jsdom).
const underJsdom = typeof document !== 'undefined';
const grid = ERF_FIGURE1_GRID.map((entry) => entry.config);

for (const [name, configs] of [
  ['n = 20, 3×3, C = 8, 64×64, 32 draws, ReLU', [ERF_BENCH_SINGLE]],
  ['Figure-1 grid: 12 networks, C = 4, 16 draws', grid],
] as const) {
  test.skipIf(underJsdom)(name, async ({ bench }) => {
    let macs = 0;
    const result = await bench(name, () => {
      macs = timeWorkloads(configs, now).macs;
    }).run({ iterations: 5, time: 0, warmupIterations: 1 });
    const ms = result.latency.mean;
    console.log(
      `${name}: mean ${ms.toFixed(1)} ms, ${((2 * macs) / 1e9).toFixed(3)} GFLOP, ${((2 * macs) / (ms * 1e6)).toFixed(2)} GFLOP/s`,
    );
  });
}
