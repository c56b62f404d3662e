/**
 * RepLKNet's high-contribution area ratio (Ding et al., "Scaling Up Your Kernels to 31×31",
 * CVPR 2022, and get_rectangle in its erf/analyze_erf.py): the smallest square centred on the
 * centre pixel whose summed contribution exceeds a fraction t of the map's total; reported as
 * side and area ratio side² / (H·W). RepLKNet starts at side 3 and first rescales its scores by
 * log10(1 + x); here squares start at side 1 and the map is used as it is (already an average of
 * |g| or g²).
 */
import type { Axes } from '../types';
import type { ErfMap } from './profile';

/** The thresholds RepLKNet reports (fractions of the total contribution). */
export const AREA_THRESHOLDS = [0.2, 0.3, 0.5, 0.99] as const;

/** The square found for one threshold t. */
export interface HighContributionArea {
  /** Threshold t, a fraction in (0, 1). */
  t: number;
  /** Side of the smallest centred square holding more than t of the total (pixels; 0 for an all-zero map). */
  side: number;
  /** side / √(H·W): the side as a fraction of the map's (geometric-mean) side. */
  sideRatio: number;
  /** side² / (H·W): RepLKNet's area ratio (squares clipped at the map border count their clipped area). */
  areaRatio: number;
}

/** Smallest centred square with Σ inside / Σ map > t, for each t; area ratio = side² / (H·W). */
export function highContributionAreas(
  map: ErfMap,
  centre: Axes<number>,
  thresholds: readonly number[] = AREA_THRESHOLDS,
): HighContributionArea[] {
  const { data, width, height } = map;
  let total = 0;
  for (const v of data) total += v;
  const area = width * height;
  const results: HighContributionArea[] = [];
  if (!(total > 0) || !Number.isFinite(total)) {
    return thresholds.map((t) => ({ t, side: 0, sideRatio: 0, areaRatio: 0 }));
  }
  // Summed-area table: table[(y)(width + 1) + x] = Σ of data above and left of (y, x).
  const stride = width + 1;
  const table = new Float64Array((height + 1) * stride);
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      rowSum += data[y * width + x] as number;
      table[(y + 1) * stride + x + 1] = (table[y * stride + x + 1] as number) + rowSum;
    }
  }
  const maxRadius = Math.max(centre.h, height - 1 - centre.h, centre.w, width - 1 - centre.w);
  const sums = new Float64Array(maxRadius + 1);
  const cells = new Float64Array(maxRadius + 1);
  for (let r = 0; r <= maxRadius; r++) {
    const y0 = Math.max(0, centre.h - r);
    const y1 = Math.min(height, centre.h + r + 1);
    const x0 = Math.max(0, centre.w - r);
    const x1 = Math.min(width, centre.w + r + 1);
    sums[r] =
      (table[y1 * stride + x1] as number) -
      (table[y0 * stride + x1] as number) -
      (table[y1 * stride + x0] as number) +
      (table[y0 * stride + x0] as number);
    cells[r] = (y1 - y0) * (x1 - x0);
  }
  for (const t of thresholds) {
    let r = 0;
    while (r < maxRadius && !((sums[r] as number) > t * total)) r++;
    const side = 2 * r + 1;
    results.push({ t, side, sideRatio: side / Math.sqrt(area), areaRatio: (cells[r] as number) / area });
  }
  return results;
}
