/**
 * Central profiles of an ERF map and their moments (the Gaussian fit used throughout).
 */
import type { Axes } from '../types';

/** A 2-D map stored row-major in a Float64Array. */
export interface ErfMap {
  data: Float64Array;
  width: number;
  height: number;
}

/** Mean and standard deviation of a non-negative 1-D profile, in pixels (index units). */
export interface ProfileMoments {
  /** Σ i·p(i) / Σ p(i) (pixel index; 0 when the profile sums to 0). */
  mean: number;
  /** √(Σ (i − mean)²·p(i) / Σ p(i)) (pixels; 0 when the profile sums to 0). */
  std: number;
}

/** Central profiles: h = the column through the centre (top→bottom), w = the row (left→right). */
export function centralProfiles(map: ErfMap, centre: Axes<number>): Axes<Float64Array> {
  const column = new Float64Array(map.height);
  for (let y = 0; y < map.height; y++) column[y] = map.data[y * map.width + centre.w] as number;
  const row = map.data.slice(centre.h * map.width, (centre.h + 1) * map.width);
  return { h: column, w: row };
}

/** Profile scaled to sum 1: p(i) / Σ p (all zeros stay zeros). */
export function normaliseProfile(profile: Float64Array): Float64Array {
  let total = 0;
  for (const v of profile) total += v;
  const out = new Float64Array(profile.length);
  if (total > 0 && Number.isFinite(total))
    for (let i = 0; i < profile.length; i++) out[i] = (profile[i] as number) / total;
  return out;
}

/** First and second moments of a profile: mean = Σ i·p / Σ p, std = √(Σ (i − mean)²·p / Σ p), pixels. */
export function profileMoments(profile: Float64Array): ProfileMoments {
  let total = 0;
  let first = 0;
  for (let i = 0; i < profile.length; i++) {
    const v = profile[i] as number;
    total += v;
    first += i * v;
  }
  if (!(total > 0) || !Number.isFinite(total)) return { mean: 0, std: 0 };
  const mean = first / total;
  let second = 0;
  for (let i = 0; i < profile.length; i++) second += (i - mean) * (i - mean) * (profile[i] as number);
  return { mean, std: Math.sqrt(second / total) };
}
