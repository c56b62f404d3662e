/**
 * Colours for ERF heat maps: matplotlib's perceptual "magma" ramp (from d3-scale-chromatic), opaque
 * for the lesson's maps and translucent for overlays on a photograph.
 */
import { interpolateMagma } from 'd3-scale-chromatic';
import { erfIntensities } from '../../../src/rf/erf/display';

/** Levels of the ramp: d3's magma is a table of 256 colours. */
const LEVELS = 256;

let table: Uint8Array | null = null;

/** The 256 ramp colours as r, g, b bytes, parsed once from d3's "#rrggbb" strings. */
function ramp(): Uint8Array {
  if (table !== null) return table;
  const bytes = new Uint8Array(3 * LEVELS);
  for (let i = 0; i < LEVELS; i++) {
    const hex = interpolateMagma((i + 0.5) / LEVELS);
    for (let c = 0; c < 3; c++) bytes[3 * i + c] = parseInt(hex.slice(1 + 2 * c, 3 + 2 * c), 16);
  }
  table = bytes;
  return bytes;
}

/** The ramp colour at t ∈ [0, 1] (clamped; NaN gives the darkest colour). */
export function heatColour(t: number): [number, number, number] {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const i = Math.min(LEVELS - 1, Math.floor(x * LEVELS));
  const bytes = ramp();
  return [bytes[3 * i]!, bytes[3 * i + 1]!, bytes[3 * i + 2]!];
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
