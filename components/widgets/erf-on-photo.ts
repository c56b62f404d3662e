/**
 * View model of the ERF-on-photo widget: a stack of n 3×3 'same' convolutions on the lesson photograph
 * (224 × 224), the simulation config of its ERF, where the ERF map lands on the photo for a unit, and the
 * state kept in the URL.
 */
import type { ErfConfig } from '../../src/rf/erf/config';
import type { Axes } from '../../src/rf/types';
import { parseStack } from '../../src/rf/stack-grammar';
import { stackToNetwork } from '../../src/rf/stack';
import type { Network } from '../../src/rf/types';
import type { GridSetting } from './erf-figure-grid';

export const PHOTO_INPUT = 224;
export const PHOTO_DEPTHS = [5, 10, 20, 40] as const;
export const PHOTO_SETTINGS: readonly GridSetting[] = ['uniform', 'random', 'relu'];

export interface PhotoErfState {
  layers: number;
  setting: GridSetting;
  /** Selected unit (row h, column w) of the last layer; null: the middle. */
  unit: Axes<number> | null;
}

export const DEFAULT_PHOTO_ERF: Readonly<PhotoErfState> = { layers: 20, setting: 'relu', unit: null };

/** The network on the photograph: n layers "conv k=3 p=1" on a 224 × 224 input. */
export function photoNetwork(layers: number): Network {
  const parsed = parseStack(Array.from({ length: layers }, () => 'conv k=3 p=1').join(' | '));
  if (!parsed.ok) throw new Error('invalid photo stack');
  return stackToNetwork({ h: PHOTO_INPUT, w: PHOTO_INPUT }, parsed.layers);
}

/** The name of the last node of the photo network (the layer whose unit is picked). */
export function lastNode(network: Network): string {
  return network.nodes.at(-1)?.name ?? '';
}

export function photoConfig(state: PhotoErfState): ErfConfig {
  const relu = state.setting === 'relu';
  return {
    layers: state.layers,
    kernel: 3,
    channels: 4,
    draws: state.setting === 'uniform' ? 1 : 16,
    seed: 1,
    weights: state.setting === 'uniform' ? 'uniform' : 'random',
    activation: relu ? 'relu' : 'none',
  };
}

/**
 * Where a side × side map centred on `centre` lies on the image, in % of the image (it may overflow
 * it). Coordinates as the RF engine gives them: pixel i covers [i, i + 1], so its centre is i + 0.5.
 */
export function mapPlacement(
  centre: Axes<number>,
  side: number,
  input: Axes<number>,
): { left: number; top: number; width: number; height: number } {
  return {
    left: ((centre.w - side / 2) / input.w) * 100,
    top: ((centre.h - side / 2) / input.h) * 100,
    width: (side / input.w) * 100,
    height: (side / input.h) * 100,
  };
}

export function formatPhotoErf(state: PhotoErfState): string {
  const unit = state.unit ? `-${state.unit.h}.${state.unit.w}` : '';
  return `n${state.layers}-${state.setting}${unit}`;
}

export function parsePhotoErf(text: string | null): PhotoErfState | null {
  if (!text) return null;
  const match = /^n(\d+)-(uniform|random|relu)(?:-(\d+)\.(\d+))?$/.exec(text);
  if (!match) return null;
  const layers = Number(match[1]);
  if (!(PHOTO_DEPTHS as readonly number[]).includes(layers)) return null;
  const unit =
    match[3] !== undefined && match[4] !== undefined
      ? { h: Math.min(PHOTO_INPUT - 1, Number(match[3])), w: Math.min(PHOTO_INPUT - 1, Number(match[4])) }
      : null;
  return { layers, setting: match[2] as GridSetting, unit };
}
