/**
 * Named ERF workloads shared by the benchmarks (Node and browser) and usable by lessons:
 * the single 64×64 configuration and the paper's Figure-1 grid.
 */
import type { ErfConfig } from './config';
import { createErfRun } from './run';

/** n = 20, 3×3, 8 channels, 64×64 input, 32 draws, random weights + ReLU. */
export const ERF_BENCH_SINGLE: ErfConfig = {
  layers: 20,
  kernel: 3,
  channels: 8,
  inputSize: 64,
  draws: 32,
  weights: 'random',
  activation: 'relu',
  seed: 1,
};

/** Channels and draws used for the Figure-1 grid (the figure's shapes are stable at these values). */
export const FIGURE1_CHANNELS = 4;
export const FIGURE1_DRAWS = 16;

/** Luo et al. (2016) Figure 1: 3×3 kernels, n = 5, 10, 20, 40 × uniform / random / random + ReLU. */
export const ERF_FIGURE1_GRID: { label: string; config: ErfConfig }[] = [5, 10, 20, 40].flatMap((layers) =>
  (
    [
      ['uniform', { weights: 'uniform', activation: 'none' }],
      ['random', { weights: 'random', activation: 'none' }],
      ['random + ReLU', { weights: 'random', activation: 'relu' }],
    ] as const
  ).map(([name, setting]) => ({
    label: `n = ${layers}, ${name}`,
    config: { layers, kernel: 3, channels: FIGURE1_CHANNELS, draws: FIGURE1_DRAWS, seed: 1, ...setting },
  })),
);

/** Result of running workloads: wall time (ms) and multiply–accumulates performed. */
export interface WorkloadTiming {
  ms: number;
  macs: number;
  /** 2 × MACs / time, in GFLOP/s. */
  gflops: number;
}

/** Runs every config to completion with `now()` as the clock (ms); throws on an invalid config. */
export function timeWorkloads(configs: readonly ErfConfig[], now: () => number): WorkloadTiming {
  const start = now();
  let macs = 0;
  for (const config of configs) {
    const created = createErfRun(config);
    if (!created.ok) throw new Error(created.errors.map((e) => e.message).join('; '));
    for (let frame = created.run.step(); frame; frame = created.run.step()) {
      // Every step computes the running mean and its metrics, as a widget would receive them.
    }
    macs += created.run.macsDone();
  }
  const ms = now() - start;
  return { ms, macs, gflops: ms > 0 ? (2 * macs) / (ms * 1e6) : 0 };
}
