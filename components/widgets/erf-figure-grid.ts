/**
 * View model of the Figure-1 grid (Luo et al. 2016): depth 5, 10, 20, 40 × uniform / random /
 * random + ReLU, 3×3 kernels. The configs match the engine's ERF_FIGURE1_GRID workload (a unit
 * test checks it) but are written out here, so the page does not load the simulation code.
 */
import type { ErfConfig } from '../../src/rf/erf/config';

export const GRID_DEPTHS = [5, 10, 20, 40] as const;
export const GRID_SETTINGS = ['uniform', 'random', 'relu'] as const;
export type GridSetting = (typeof GRID_SETTINGS)[number];

/** Channels and draws of every cell (as in the engine's Figure-1 workload). */
export const GRID_CHANNELS = 4;
export const GRID_DRAWS = 16;

export interface GridCell {
  index: number;
  layers: number;
  setting: GridSetting;
  config: ErfConfig;
}

/** The 12 cells, row by row (one row per depth). */
export const GRID_CELLS: readonly GridCell[] = GRID_DEPTHS.flatMap((layers, row) =>
  GRID_SETTINGS.map((setting, col) => ({
    index: row * GRID_SETTINGS.length + col,
    layers,
    setting,
    config: {
      layers,
      kernel: 3,
      channels: GRID_CHANNELS,
      draws: GRID_DRAWS,
      seed: 1,
      weights: setting === 'uniform' ? 'uniform' : 'random',
      activation: setting === 'relu' ? 'relu' : 'none',
    } satisfies ErfConfig,
  })),
);

/** Side (pixels) of every cell's canvas: the theoretical RF of the deepest cell, 1 + 40·2. */
export const GRID_SIDE = 1 + 2 * Math.max(...GRID_DEPTHS);

/** State of one cell in the widget. */
export type CellStatus = 'waiting' | 'running' | 'done' | 'cancelled' | 'error';

/** Overall progress in [0, 1] over all cells: finished cells count 1, the running one done/total. */
export function gridProgress(
  finished: number,
  done: number,
  total: number,
  cells = GRID_CELLS.length,
): number {
  if (cells <= 0) return 0;
  const partial = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return Math.min(1, (finished + partial) / cells);
}
