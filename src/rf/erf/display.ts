/**
 * Turning an ERF map into pixels, without the DOM: intensities in [0, 1] and RGBA bytes that a
 * widget can wrap in an ImageData (new ImageData(rgba, width, height)) and scale up with CSS.
 */

/** How map values become intensities. */
export interface ErfDisplayOptions {
  /** 'linear': t = v / peak; 'log': t = 1 + log10(v / peak) / decades, clipped to [0, 1] (default 'linear'). */
  scale?: 'linear' | 'log';
  /** Decades shown below the peak in 'log' scale (default 3). */
  decades?: number;
}

/** Intensity per pixel in [0, 1]: v / peak (linear) or 1 + log10(v / peak) / decades (log), 0 where v ≤ 0. */
export function erfIntensities(map: ArrayLike<number>, options: ErfDisplayOptions = {}): Float32Array {
  const decades = options.decades !== undefined && options.decades > 0 ? options.decades : 3;
  let peak = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i] as number;
    if (v > peak && Number.isFinite(v)) peak = v;
  }
  const out = new Float32Array(map.length);
  if (!(peak > 0)) return out;
  for (let i = 0; i < map.length; i++) {
    const v = map[i] as number;
    if (!(v > 0) || !Number.isFinite(v)) continue;
    const t = options.scale === 'log' ? 1 + Math.log10(v / peak) / decades : v / peak;
    out[i] = Math.min(1, Math.max(0, t));
  }
  return out;
}

/** RGBA bytes (4 per pixel, row-major): grey ink 255·(1 − t) on white, opaque; t from {@link erfIntensities}. */
export function erfToRgba(map: ArrayLike<number>, options: ErfDisplayOptions = {}): Uint8ClampedArray {
  const t = erfIntensities(map, options);
  const rgba = new Uint8ClampedArray(4 * t.length);
  for (let i = 0; i < t.length; i++) {
    const grey = Math.round(255 * (1 - (t[i] as number)));
    rgba[4 * i] = grey;
    rgba[4 * i + 1] = grey;
    rgba[4 * i + 2] = grey;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}
