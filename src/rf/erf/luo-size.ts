/**
 * Luo et al.'s ERF size (Luo, Li, Urtasun, Zemel, NIPS 2016, §3.1, verifying the theory): a pixel
 * belongs to the ERF when its value exceeds (1 − 95.45 %) of the centre pixel's value — 95.45 %
 * being the mass within two standard deviations of a Gaussian — and the ERF size is the square
 * root of the number of such pixels, comparable with the side of the theoretical RF.
 */
import type { Axes } from '../types';
import type { ErfMap } from './profile';

/** Fraction of the centre value used as the ERF threshold: 1 − 0.9545. */
export const LUO_THRESHOLD_FRACTION = 1 - 0.9545;

/** Luo's ERF size of a map. */
export interface LuoSize {
  /** Threshold value = (1 − 0.9545) × centre value (map units). */
  threshold: number;
  /** Pixels whose value is strictly above the threshold. */
  count: number;
  /** √count (pixels, a side length). */
  size: number;
}

/** Luo's ERF size: count pixels with value > (1 − 0.9545)·map(centre); size = √count (pixels). */
export function luoSize(map: ErfMap, centre: Axes<number>): LuoSize {
  const centreValue = map.data[centre.h * map.width + centre.w] ?? 0;
  if (!(centreValue > 0) || !Number.isFinite(centreValue)) return { threshold: 0, count: 0, size: 0 };
  const threshold = LUO_THRESHOLD_FRACTION * centreValue;
  let count = 0;
  for (const v of map.data) if (v > threshold) count++;
  return { threshold, count, size: Math.sqrt(count) };
}
