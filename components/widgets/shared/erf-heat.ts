/**
 * Colours for ERF heat maps: a perceptual dark-to-bright ramp (close to matplotlib's "magma"),
 * opaque for the lesson's maps and translucent for overlays on a photograph.
 */
import { erfIntensities } from '../../../src/rf/erf/display';

/** Ramp stops, t from 0 to 1, as [r, g, b]. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [0, 0, 4],
  [59, 15, 112],
  [140, 41, 129],
  [222, 73, 104],
  [254, 159, 109],
  [252, 253, 191],
];

/** The ramp colour at t ∈ [0, 1] (clamped; NaN gives the first stop). */
export function heatColour(t: number): [number, number, number] {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const pos = x * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = STOPS[i] as readonly [number, number, number];
  const b = STOPS[i + 1] as readonly [number, number, number];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** How a map is painted. */
export interface HeatOptions {
  scale?: 'linear' | 'log';
  /** Decades shown below the peak in 'log' scale (default 3). */
  decades?: number;
  /** 'opaque': every pixel painted; 'overlay': alpha grows with the value (0 where it is 0). */
  mode?: 'opaque' | 'overlay';
  /** Largest alpha of an overlay (0–1, default 0.8); alpha = maxAlpha·t^0.75, so the rim fades out. */
  maxAlpha?: number;
}

/** RGBA bytes for `new ImageData(rgba, width, height)`. */
export function heatRgba(map: ArrayLike<number>, options: HeatOptions = {}): Uint8ClampedArray<ArrayBuffer> {
  const t = erfIntensities(map, { scale: options.scale ?? 'linear', decades: options.decades ?? 3 });
  const out = new Uint8ClampedArray(new ArrayBuffer(4 * t.length));
  const overlay = options.mode === 'overlay';
  const maxAlpha = options.maxAlpha ?? 0.8;
  for (let i = 0; i < t.length; i++) {
    const v = t[i] as number;
    const [r, g, b] = heatColour(overlay ? 0.55 + 0.45 * v : v);
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = overlay ? Math.round(255 * maxAlpha * v ** 0.75) : 255;
  }
  return out;
}

/** Paints `map` (width × height) into `canvas` at (x, y), resizing the canvas to `size` when given. */
export function paintHeat(
  canvas: HTMLCanvasElement,
  map: ArrayLike<number>,
  width: number,
  height: number,
  options: HeatOptions & { x?: number; y?: number } = {},
): boolean {
  const ctx = canvas.getContext('2d');
  if (!ctx || width <= 0 || height <= 0 || map.length !== width * height) return false;
  ctx.putImageData(new ImageData(heatRgba(map, options), width, height), options.x ?? 0, options.y ?? 0);
  return true;
}
