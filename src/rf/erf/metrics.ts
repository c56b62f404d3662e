/**
 * Every metric reported with an ERF map, computed in one place.
 */
import type { Axes } from '../types';
import { highContributionAreas, type HighContributionArea } from './area-ratio';
import { luoSize, type LuoSize } from './luo-size';
import {
  centralProfiles,
  normaliseProfile,
  profileMoments,
  type ErfMap,
  type ProfileMoments,
} from './profile';

/** Metrics of one ERF map (all lengths in input pixels). */
export interface ErfMetrics {
  /** The centre pixel (row h, column w) of the centre unit's input cone. */
  centre: Axes<number>;
  /** Map value at the centre pixel (map units). */
  centreValue: number;
  /** Largest map value (map units). */
  peakValue: number;
  /** Σ of the map (map units). */
  total: number;
  /** Theoretical RF per axis: 1 + Σ_l d_l·(k − 1)·Π_{m<l} s_m (pixels). */
  theoreticalRf: Axes<number>;
  /** Luo et al.'s ERF size: √#{pixels > (1 − 0.9545)·centre value}. */
  luo: LuoSize;
  /** Luo size / √(RF_h·RF_w): the fraction of the theoretical RF that is effective. */
  ratio: number;
  /** Central profiles (column h, row w through the centre), each normalised to sum 1. */
  profile: Axes<Float64Array>;
  /**
   * Gaussian fit per axis: mean and σ from the first and second moments of the central profile
   * (a moment fit, not least squares; exact for the separable maps of linear networks).
   */
  gaussian: Axes<ProfileMoments>;
  /** RepLKNet's high-contribution squares for t = 20, 30, 50, 99 %. */
  areas: HighContributionArea[];
}

/** Computes all {@link ErfMetrics} of a map, given its centre pixel and the theoretical RF. */
export function erfMetrics(map: ErfMap, centre: Axes<number>, theoreticalRf: Axes<number>): ErfMetrics {
  let peakValue = 0;
  let total = 0;
  for (const v of map.data) {
    if (v > peakValue) peakValue = v;
    total += v;
  }
  const raw = centralProfiles(map, centre);
  const luo = luoSize(map, centre);
  const rfSide = Math.sqrt(theoreticalRf.h * theoreticalRf.w);
  return {
    centre,
    centreValue: map.data[centre.h * map.width + centre.w] ?? 0,
    peakValue,
    total,
    theoreticalRf,
    luo,
    ratio: rfSide > 0 ? luo.size / rfSide : 0,
    profile: { h: normaliseProfile(raw.h), w: normaliseProfile(raw.w) },
    gaussian: { h: profileMoments(raw.h), w: profileMoments(raw.w) },
    areas: highContributionAreas(map, centre),
  };
}
