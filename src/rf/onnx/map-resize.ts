/**
 * Pad and Resize/Upsample.
 *
 * Pad modes: reflect and edge padding copy pixels from inside the image, which lie within the same
 * window the receptive-field arithmetic already counts, so they are mapped exactly like constant
 * padding (same size, jump, RF and start). Wrap padding reads the opposite border and is refused.
 *
 * Resize: integer scale factors on height and width (1 on the other axes) become an `upsample`
 * layer; mode nearest (any coordinate mode but align_corners, which for integer factors all pick
 * ⌊i / f⌋) → nearest; mode linear with half_pixel / pytorch_half_pixel → bilinear. Other modes and
 * non-integer factors stop with a message.
 */
import type { Axes } from '../types.ts';
import { NodeContext, derive, spatialSize, type ConstVal } from './map-context.ts';

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

function factorOf(ctx: NodeContext, scale: number, axis: string): number {
  const f = Math.round(scale);
  if (Math.abs(scale - f) > 1e-6 || f < 1) {
    ctx.stop(
      `the ${axis} scale factor ${scale} is not a positive integer; only integer upsampling is supported`,
    );
  }
  return f;
}

export function mapResize(ctx: NodeContext): void {
  const op = ctx.node.opType;
  const x = ctx.input(0);
  if (x.kind === 'const')
    return ctx.set(0, { kind: 'const', shape: null, values: null, dataType: x.dataType });
  const rank = x.shape.length;
  let scales: number[] | null = null;
  let sizes: number[] | null = null;
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
    else if (z) sizes = ctx.constValues(3, 'the Resize sizes');
    else if (s) ctx.stop('the Resize scales are only known at run time');
  }
  const axesAttr = op === 'Resize' && ctx.opset >= 18 ? ctx.ints('axes') : null;
  const ax = (axesAttr ?? Array.from({ length: rank }, (_, i) => i)).map((a) => (a < 0 ? a + rank : a));
  const n = spatialSize(x);
  const factorFor = (axis: number): number => {
    const i = ax.indexOf(axis);
    if (i < 0) return 1;
    if (scales) {
      const s = scales[i];
      if (s === undefined) ctx.stop('Resize scales do not cover every axis');
      return s;
    }
    const size = sizes?.[i];
    const d = x.shape[axis];
    if (size === undefined || d === null || d === undefined) ctx.stop('Resize sizes do not cover every axis');
    return size / d;
  };
  for (let i = 0; i < rank; i++) {
    if (i !== x.h && i !== x.w && Math.abs(factorFor(i) - 1) > 1e-6)
      ctx.stop(`Resize scales axis ${i}, which is not an image axis`);
  }
  const factor: Axes<number> = {
    h: factorOf(ctx, factorFor(x.h), 'height'),
    w: factorOf(ctx, factorFor(x.w), 'width'),
  };
  const mode = ctx.str('mode', 'nearest').toLowerCase();
  const coord =
    op === 'Upsample' || ctx.opset < 11
      ? 'asymmetric'
      : ctx.str('coordinate_transformation_mode', 'half_pixel');
  let kind: 'nearest' | 'bilinear';
  if (mode === 'nearest') {
    if (coord === 'align_corners' || coord === 'tf_crop_and_resize')
      ctx.stop(`nearest resizing with coordinate_transformation_mode '${coord}' is not supported`);
    kind = 'nearest';
  } else if (mode === 'linear' || mode === 'bilinear') {
    if (coord !== 'half_pixel' && coord !== 'pytorch_half_pixel' && !(factor.h === 1 && factor.w === 1)) {
      ctx.stop(
        `linear resizing with coordinate mode '${coord}' is not supported (only half_pixel, as in align_corners=False)`,
      );
    }
    kind = 'bilinear';
  } else ctx.stop(`Resize mode '${mode}' is not supported`);
  const shape = x.shape.slice();
  shape[x.h] = n.h * factor.h;
  shape[x.w] = n.w * factor.w;
  if (factor.h === 1 && factor.w === 1) {
    const node = ctx.emit({ op: 'neutral', kind: op }, [x.node]);
    return ctx.set(0, derive(x, node, shape));
  }
  const node = ctx.emit({ op: 'upsample', factor, mode: kind }, [x.node]);
  ctx.set(0, derive(x, node, shape));
}
