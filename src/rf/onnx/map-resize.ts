/**
 * Pad and Resize/Upsample.
 *
 * Pad modes: reflect and edge padding copy pixels from inside the image, which lie within the same
 * window the receptive-field arithmetic already counts, so they are mapped exactly like constant
 * padding (same size, jump, RF and start). Wrap padding reads the opposite border and is refused.
 *
 * Resize/Upsample: any scale, every coordinate_transformation_mode but tf_crop_and_resize, nearest
 * (each nearest_mode), linear and cubic, mapped exactly onto the engine's `resize` layer (each output
 * unit's window from the ONNX sampling formula, see ../resample.ts). When the windows are exactly
 * those of integer `upsample` (nearest ⌊u/f⌋, or bilinear half-pixel), that simpler layer is used.
 * Scales given as floats are read as the simplest fraction that rounds to the same float32
 * (2.8 → 14/5); sizes give the scale n_out/n_in exactly.
 */
import type { Op1D } from '../op1d.ts';
import type { Axes, ResizeLayer, UpsampleLayer } from '../types.ts';
import { planLayer } from '../validate-layer.ts';
import { windowOf } from '../windows.ts';
import { NodeContext, derive, fixedSizeReason, spatialSize, type ConstVal } from './map-context.ts';

export function mapPad(ctx: NodeContext): void {
  const x = ctx.input(0);
  const mode = ctx.str('mode', 'constant');
  let pads: number[];
  let axes: number[] | null = null;
  if (ctx.opset >= 11) {
    pads = ctx.constValues(1, 'the Pad amounts');
    if (ctx.has(3)) axes = ctx.constValues(3, 'the Pad axes');
  } else {
    pads = ctx.ints('pads') ?? ctx.ints('paddings') ?? [];
  }
  if (x.kind === 'const')
    return ctx.set(0, { kind: 'const', shape: null, values: null, dataType: x.dataType });
  const rank = x.shape.length;
  const ax = (axes ?? Array.from({ length: rank }, (_, i) => i)).map((a) => (a < 0 ? a + rank : a));
  if (pads.length !== 2 * ax.length) ctx.stop(`Pad has ${pads.length} amounts for ${ax.length} axes`);
  const amount = (axis: number) => {
    const i = ax.indexOf(axis);
    return i < 0 ? { before: 0, after: 0 } : { before: pads[i]!, after: pads[i + ax.length]! };
  };
  const shape = x.shape.map((d, i) => (d === null ? null : d + amount(i).before + amount(i).after));
  const h = amount(x.h);
  const w = amount(x.w);
  const spatial = x.h >= 0 && (h.before !== 0 || h.after !== 0 || w.before !== 0 || w.after !== 0);
  if (!spatial) {
    const node = ctx.emit({ op: 'neutral', kind: 'Pad' }, [x.node]);
    return ctx.set(0, derive(x, node, shape));
  }
  if (mode === 'wrap') ctx.stop('wrap padding reads pixels from the opposite border');
  if (mode !== 'constant' && mode !== 'reflect' && mode !== 'edge') ctx.stop(`unknown Pad mode '${mode}'`);
  if (mode !== 'constant')
    ctx.note(
      `Pad mode '${mode}' is mapped like constant padding (the copied pixels lie inside the counted window).`,
    );
  if ((shape[x.h] ?? 1) < 1 || (shape[x.w] ?? 1) < 1) ctx.stop('Pad crops the image away');
  const node = ctx.emit({ op: 'pad', pads: { h, w } }, [x.node]);
  ctx.set(0, derive(x, node, shape));
}

/** The simplest fraction p/q (q ≤ 2^16) that rounds to the same float32 as `x`, or null. */
export function rationalScale(x: number): { num: number; den: number } | null {
  if (!(x > 0) || !Number.isFinite(x)) return null;
  const target = Math.fround(x);
  const close = (p: number, q: number) =>
    Math.fround(p / q) === target || Math.abs(p / q - x) <= Math.abs(x) * 2 ** -24;
  // Continued-fraction convergents h/k of x.
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let rest = x;
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(rest);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > 65536) return null;
    if (close(h1, k1)) return { num: h1, den: k1 };
    const frac = rest - a;
    if (frac < 1e-12) return null;
    rest = 1 / frac;
  }
  return null;
}

const COORDINATES = new Set([
  'half_pixel',
  'pytorch_half_pixel',
  'align_corners',
  'asymmetric',
  'tf_half_pixel_for_nn',
]);
const NEAREST_MODES = new Set(['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil']);

type ResizeCoordinate = ResizeLayer['coordinate'];

/** True when the exact resize windows equal those of the integer `upsample` layer (so the simpler layer is used). */
function asUpsample(layer: ResizeLayer, nIn: Axes<number>): UpsampleLayer | null {
  const plan = planLayer('resize', layer, nIn);
  if (!plan.ops) return null;
  const factor = { h: layer.size.h / nIn.h, w: layer.size.w / nIn.w };
  if (!Number.isInteger(factor.h) || !Number.isInteger(factor.w)) return null;
  for (const mode of ['nearest', 'bilinear'] as const) {
    const same = (['h', 'w'] as const).every((axis) => {
      const f = factor[axis];
      const up: Op1D = { kind: 'upsample', f, mode };
      // Both rules repeat with period f (one input unit), so two periods on each side decide it.
      for (let u = -2 * f; u < 2 * f; u++) {
        const a = windowOf(plan.ops![axis], u);
        const b = windowOf(up, u);
        if (a.length !== b.length || a.some((x, i) => x !== b[i])) return false;
      }
      return true;
    });
    if (same) return { op: 'upsample', factor, mode };
  }
  return null;
}

export function mapResize(ctx: NodeContext): void {
  const op = ctx.node.opType;
  const x = ctx.input(0);
  if (x.kind === 'const')
    return ctx.set(0, { kind: 'const', shape: null, values: null, dataType: x.dataType });
  const rank = x.shape.length;
  let scales: number[] | null = null;
  let sizes: number[] | null = null;
  let sizesVal: ConstVal | null = null;
  const present = (i: number) => {
    if (!ctx.has(i)) return null;
    const v = ctx.input(i);
    if (v.kind === 'image') ctx.stop('the resize parameters depend on the image');
    return (v as ConstVal).values === null && v.shape?.[0] === 0 ? null : v;
  };
  if (op === 'Upsample') {
    if (ctx.opset >= 9) scales = ctx.constValues(1, 'the Upsample scales');
    else scales = ctx.floats('scales') ?? [1, 1, ctx.float('height_scale', 1), ctx.float('width_scale', 1)];
  } else if (ctx.opset < 11) {
    scales = ctx.constValues(1, 'the Resize scales');
  } else {
    const s = present(2);
    const z = present(3);
    if (s && (s as ConstVal).values && (s as ConstVal).values!.length > 0) scales = (s as ConstVal).values;
    else if (z) {
      sizes = ctx.constValues(3, 'the Resize sizes');
      sizesVal = z as ConstVal;
    } else if (s) ctx.stop('the Resize scales are not known before run time');
  }
  if (!scales && !sizes) ctx.stop('the Resize has neither scales nor sizes');
  const axesAttr = op === 'Resize' && ctx.opset >= 18 ? ctx.ints('axes') : null;
  const ax = (axesAttr ?? Array.from({ length: rank }, (_, i) => i)).map((a) => (a < 0 ? a + rank : a));
  const n = spatialSize(x);
  const at = (list: number[], axis: number, what: string): number | null => {
    const i = ax.indexOf(axis);
    if (i < 0) return null;
    const v = list[i];
    if (v === undefined) ctx.stop(`the Resize ${what} do not cover every axis`);
    return v;
  };
  for (let i = 0; i < rank; i++) {
    if (i === x.h || i === x.w) continue;
    const d = x.shape[i];
    const same = scales
      ? Math.abs((at(scales, i, 'scales') ?? 1) - 1) <= 1e-6
      : (at(sizes!, i, 'sizes') ?? d) === d;
    if (!same) ctx.stop(`Resize scales axis ${i}, which is not an image axis`);
  }
  if (sizes && !sizesVal?.fromInput && ctx.state.fixedFor)
    ctx.stop(fixedSizeReason(ctx.state.fixedFor, n, 'resize'), {
      fixedFor: ctx.state.fixedFor,
      what: 'resize',
    });
  // Per image axis: the output size and, with scales, the exact scale the sampling formula uses.
  const target = (axis: 'h' | 'w') => {
    const index = x[axis];
    if (scales) {
      const f = at(scales, index, 'scales') ?? 1;
      const scale = rationalScale(f);
      if (scale === null)
        ctx.stop(
          `the ${axis === 'h' ? 'height' : 'width'} scale ${f} is not a positive ratio of integers up to 65536`,
        );
      return { size: Math.floor((n[axis] * scale.num) / scale.den), scale };
    }
    const size = at(sizes!, index, 'sizes') ?? n[axis];
    if (!Number.isSafeInteger(size) || size < 1)
      ctx.stop(`the Resize size ${size} is not a positive integer`);
    return { size, scale: { num: size, den: n[axis] } };
  };
  const th = target('h');
  const tw = target('w');
  if (th.size < 1 || tw.size < 1) ctx.stop('Resize makes the image empty');
  const mode = ctx.str('mode', 'nearest').toLowerCase();
  const modern = op === 'Resize' && ctx.opset >= 11;
  const coord = modern ? ctx.str('coordinate_transformation_mode', 'half_pixel') : 'asymmetric';
  if (coord === 'tf_crop_and_resize')
    ctx.stop('tf_crop_and_resize samples a region of interest with extrapolation; it is not supported');
  if (!COORDINATES.has(coord)) ctx.stop(`unknown coordinate_transformation_mode '${coord}'`);
  if (mode !== 'nearest' && mode !== 'linear' && mode !== 'bilinear' && mode !== 'cubic')
    ctx.stop(`Resize mode '${mode}' is not supported`);
  if (
    ctx.opset >= 18 &&
    ctx.int('antialias', 0) !== 0 &&
    mode !== 'nearest' &&
    (th.size < n.h || tw.size < n.w)
  )
    ctx.stop('antialiased downsampling widens the interpolation kernel; it is not supported');
  if (ctx.opset >= 18 && sizes && ctx.str('keep_aspect_ratio_policy', 'stretch') !== 'stretch')
    ctx.stop('keep_aspect_ratio_policy other than stretch is not supported');
  let nearest = modern ? ctx.str('nearest_mode', 'round_prefer_floor') : 'floor';
  if (!NEAREST_MODES.has(nearest)) ctx.stop(`unknown nearest_mode '${nearest}'`);
  let kernel: ResizeLayer['mode'] = mode === 'bilinear' ? 'linear' : mode;
  // Cubic with a = 0 gives the outer taps weight 0: the dependencies are those of linear.
  if (kernel === 'cubic' && ctx.float('cubic_coeff_a', -0.75) === 0) kernel = 'linear';
  const base = {
    op: 'resize' as const,
    size: { h: th.size, w: tw.size },
    coordinate: coord as ResizeCoordinate,
    mode: kernel,
  };
  const exactScale = scales ? { scale: { h: th.scale, w: tw.scale } } : {};
  if (!modern && kernel === 'nearest') {
    // Upsample and Resize before opset 11 round down when enlarging and up when shrinking (per axis).
    nearest = 'floor';
    const hDown = th.size < n.h;
    const wDown = tw.size < n.w;
    if (hDown !== wDown)
      ctx.stop('nearest Resize (opset < 11) that enlarges one axis and shrinks the other is not supported');
    if (hDown) nearest = 'ceil';
  }
  const layer: ResizeLayer = {
    ...base,
    ...(kernel === 'nearest' ? { nearest: nearest as ResizeLayer['nearest'] } : {}),
    ...exactScale,
  };
  const shape = x.shape.slice();
  shape[x.h] = th.size;
  shape[x.w] = tw.size;
  const up = asUpsample(layer, n);
  if (up && up.factor.h === 1 && up.factor.w === 1) {
    const node = ctx.emit({ op: 'neutral', kind: op }, [x.node]);
    return ctx.set(0, derive(x, node, shape));
  }
  if (!up)
    ctx.note(
      'A Resize by a non-integer factor (or with a sampling rule of its own) is mapped exactly, unit by unit; its effective stride is not uniform.',
    );
  const node = ctx.emit(up ?? layer, [x.node]);
  ctx.set(0, derive(x, node, shape));
}
