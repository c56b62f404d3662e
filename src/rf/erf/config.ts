/**
 * ERF simulation settings: the user-facing config, its defaults, and validation into a resolved
 * config with one value per layer. Validation never throws; every problem names its field.
 */
import type { Axes } from '../types';

/** Weight initialisation: all taps equal (1 / (k²·C)) or seeded Gaussian N(0, gain / (k²·C)), gain 2 for ReLU (He), else 1. */
export type ErfWeights = 'uniform' | 'random';
/** Nonlinearity after every layer but the last (the output unit is the last pre-activation). */
export type ErfActivation = 'none' | 'relu' | 'tanh';
/**
 * How per-draw input gradients g are averaged into the map (Luo et al. 2016, §2):
 * - `abs` (default): mean over draws and input channels of |g|; for uniform weights without a
 *   nonlinearity this is exactly the paper's n-fold convolution of box kernels (§2.1);
 * - `square`: mean of g², the gradient variance Var[g] = E[g²] the paper derives for random
 *   weights (§2.2; E[g] = 0 there, so a plain mean of g would vanish). For random linear nets this
 *   map tends to the same box convolution, σ = √(n(k² − 1)/12); the `abs` map of such nets is
 *   wider (for Gaussian g, E|g| ∝ √Var[g], so σ grows by about √2).
 */
export type ErfAveraging = 'abs' | 'square';

/** The ERF experiment as a user sets it; only `layers` and `kernel` are required. */
export interface ErfConfig {
  /** Number of convolution layers n, 1–64. */
  layers: number;
  /** Square kernel side k ≥ 1 (at most 63). */
  kernel: number;
  /** Channels C in every layer and in the input, 1–32 (default 1). */
  channels?: number;
  /** Stride (subsampling) per layer, 1–16: one value for all, or a list of n values (default 1). */
  stride?: number | number[];
  /** Dilation per layer, 1–64: one value for all, or a list of n values (default 1). */
  dilation?: number | number[];
  /** Residual blocks x + f(x) around every layer (default false); with stride s the shortcut takes every s-th unit, aligned with the window centre. */
  residual?: boolean;
  /** Weight initialisation (default 'random'). */
  weights?: ErfWeights;
  /** Activation (default 'none'). */
  activation?: ErfActivation;
  /** Number of draws D of weights and inputs averaged into the map, 1–10000 (default 16). */
  draws?: number;
  /** Seed of the pseudo-random stream, any integer (default 1). */
  seed?: number;
  /** Averaging of the gradient (default 'abs'). */
  averaging?: ErfAveraging;
  /**
   * Input size: 'auto' (default) = exactly the theoretical RF of the centre unit, valid
   * convolutions, no boundary effects; or a fixed side (or { h, w }) with zero 'same' padding.
   */
  inputSize?: 'auto' | number | Axes<number>;
}

/** The largest input side the simulation accepts (pixels per axis). */
export const MAX_INPUT_SIDE = 1024;

/** A config with defaults applied and per-layer lists expanded. */
export interface ResolvedErfConfig {
  layers: number;
  kernel: number;
  channels: number;
  stride: number[];
  dilation: number[];
  residual: boolean;
  weights: ErfWeights;
  activation: ErfActivation;
  draws: number;
  seed: number;
  averaging: ErfAveraging;
  inputSize: 'auto' | Axes<number>;
}

/** One validation problem, naming the config field at fault. */
export interface ErfError {
  field: string;
  message: string;
  /** Set for the work and memory caps, so a page can say it in its own language. */
  code?: 'draw-too-large' | 'run-too-large' | 'memory-too-large';
  params?: Record<string, number>;
}

/** Either a usable resolved config or the list of problems. */
export type ErfConfigCheck = { ok: true; config: ResolvedErfConfig } | { ok: false; errors: ErfError[] };

const describe = (value: unknown): string =>
  typeof value === 'number'
    ? String(value)
    : value === undefined
      ? 'nothing'
      : (JSON.stringify(value) ?? String(value));

/** Checks that `value` is an integer in [min, max]; pushes a field-named error otherwise. */
function checkInt(errors: ErfError[], field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errors.push({
      field,
      message: `${field} must be an integer from ${min} to ${max}, got ${describe(value)}`,
    });
    return min;
  }
  if (value < min || value > max) {
    errors.push({ field, message: `${field} must be from ${min} to ${max}, got ${value}` });
    return min;
  }
  return value;
}

/** Expands a uniform value or a per-layer list into n integers in [1, max]. */
function perLayer(errors: ErfError[], field: string, value: unknown, layers: number, max: number): number[] {
  if (value === undefined) return new Array<number>(Math.max(layers, 0)).fill(1);
  if (Array.isArray(value)) {
    if (layers < 1) return [];
    if (value.length !== layers) {
      errors.push({
        field,
        message: `${field} list must have one entry per layer (${layers}), got ${value.length}`,
      });
      return new Array<number>(layers).fill(1);
    }
    return value.map((entry: unknown, i) => checkInt(errors, `${field}[${i}]`, entry, 1, max));
  }
  return new Array<number>(layers).fill(checkInt(errors, field, value, 1, max));
}

/** Checks one of a fixed set of string options. */
function checkOption<T extends string>(
  errors: ErfError[],
  field: string,
  value: unknown,
  options: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
  errors.push({ field, message: `${field} must be one of ${options.join(', ')}, got ${describe(value)}` });
  return fallback;
}

/** Checks the input size: 'auto', a side in [1, MAX_INPUT_SIDE], or { h, w } of such sides. */
function checkInputSize(errors: ErfError[], value: unknown): 'auto' | Axes<number> {
  if (value === undefined || value === 'auto') return 'auto';
  if (typeof value === 'number') {
    const side = checkInt(errors, 'inputSize', value, 1, MAX_INPUT_SIDE);
    return { h: side, w: side };
  }
  if (typeof value === 'object' && value !== null && 'h' in value && 'w' in value) {
    return {
      h: checkInt(errors, 'inputSize.h', value.h, 1, MAX_INPUT_SIDE),
      w: checkInt(errors, 'inputSize.w', value.w, 1, MAX_INPUT_SIDE),
    };
  }
  errors.push({
    field: 'inputSize',
    message: `inputSize must be 'auto', a side in pixels or { h, w }, got ${describe(value)}`,
  });
  return 'auto';
}

/** Validates a config (never throws) and applies the defaults listed on {@link ErfConfig}. */
export function resolveErfConfig(input: unknown): ErfConfigCheck {
  const errors: ErfError[] = [];
  if (typeof input !== 'object' || input === null) {
    return { ok: false, errors: [{ field: 'config', message: 'config must be an object' }] };
  }
  const raw = input as Record<string, unknown>;
  const layerCount = errors.length;
  const checkedLayers = checkInt(errors, 'layers', raw['layers'], 1, 64);
  // With an invalid layer count, per-layer lists cannot be checked against it.
  const layers = errors.length > layerCount ? 0 : checkedLayers;
  const config: ResolvedErfConfig = {
    layers,
    kernel: checkInt(errors, 'kernel', raw['kernel'], 1, 63),
    channels: raw['channels'] === undefined ? 1 : checkInt(errors, 'channels', raw['channels'], 1, 32),
    stride: perLayer(errors, 'stride', raw['stride'], layers, 16),
    dilation: perLayer(errors, 'dilation', raw['dilation'], layers, 64),
    residual: false,
    weights: checkOption(errors, 'weights', raw['weights'], ['uniform', 'random'] as const, 'random'),
    activation: checkOption(
      errors,
      'activation',
      raw['activation'],
      ['none', 'relu', 'tanh'] as const,
      'none',
    ),
    draws: raw['draws'] === undefined ? 16 : checkInt(errors, 'draws', raw['draws'], 1, 10000),
    seed: 1,
    averaging: checkOption(errors, 'averaging', raw['averaging'], ['abs', 'square'] as const, 'abs'),
    inputSize: checkInputSize(errors, raw['inputSize']),
  };
  const residual = raw['residual'];
  if (residual !== undefined && typeof residual !== 'boolean') {
    errors.push({ field: 'residual', message: `residual must be true or false, got ${describe(residual)}` });
  } else config.residual = residual ?? false;
  const seed = raw['seed'];
  if (seed !== undefined) {
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
      errors.push({ field: 'seed', message: `seed must be an integer, got ${describe(seed)}` });
    } else config.seed = seed >>> 0;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}
