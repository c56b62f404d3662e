/**
 * Convolution, transposed convolution and pooling.
 *
 * ONNX pads are [x1_begin, x2_begin, x1_end, x2_end] (x1 = height, x2 = width for NCHW).
 * auto_pad: SAME_UPPER is TensorFlow's SAME (the extra pixel after) and maps to `tf-same`;
 * SAME_LOWER puts the extra pixel before, which the layer vocabulary has no mode for, so it is
 * resolved here into explicit pads for the known input size; VALID maps to `valid`.
 */
import type { Axes, Padding, SidePad } from '../types.ts';
import {
  NodeContext,
  StopMapping,
  derive,
  spatialAttrIndex,
  spatialSize,
  type Dim,
  type ImageVal,
} from './map-context.ts';

type AxisName = 'h' | 'w';
const AXES: AxisName[] = ['h', 'w'];

interface WindowParams {
  kernel: Axes<number>;
  stride: Axes<number>;
  dilation: Axes<number>;
  padding: Padding;
  /** Explicit per-side pads actually applied (resolved for SAME modes). */
  sides: Axes<SidePad>;
  autoPad: string;
}

function pairAttr(ctx: NodeContext, name: string, fallback: number[], length: number): number[] {
  const v = ctx.ints(name) ?? fallback;
  if (v.length !== length)
    ctx.stop(`attribute '${name}' has ${v.length} values; a 2-D window needs ${length}`);
  return v;
}

/** Reads kernel/stride/dilation/pads/auto_pad for a 2-D window over image tensor `x`. */
function readWindow(ctx: NodeContext, x: ImageVal, kernelFromWeight: number[] | null): WindowParams {
  const op = ctx.node.opType;
  const idx = spatialAttrIndex(x, op);
  const n = spatialSize(x);
  const kernelAttr = ctx.ints('kernel_shape') ?? kernelFromWeight;
  if (!kernelAttr) ctx.stop('the kernel size is unknown (no kernel_shape attribute and no weight shape)');
  if (kernelAttr.length !== 2)
    ctx.stop(`kernel_shape has ${kernelAttr.length} values; only 2-D windows are supported`);
  const strides = pairAttr(ctx, 'strides', [1, 1], 2);
  const dilations = pairAttr(ctx, 'dilations', [1, 1], 2);
  const pads = pairAttr(ctx, 'pads', [0, 0, 0, 0], 4);
  const autoPad = ctx.str('auto_pad', 'NOTSET') || 'NOTSET';
  for (const v of [...kernelAttr, ...strides, ...dilations]) {
    if (!Number.isInteger(v) || v < 1)
      ctx.stop(`kernel, strides and dilations must be positive integers (got ${v})`);
  }
  const pick = (arr: number[], a: AxisName) => arr[idx[a]]!;
  const kernel = { h: pick(kernelAttr, 'h'), w: pick(kernelAttr, 'w') };
  const stride = { h: pick(strides, 'h'), w: pick(strides, 'w') };
  const dilation = { h: pick(dilations, 'h'), w: pick(dilations, 'w') };
  const sides = {} as Axes<SidePad>;
  let padding: Padding;
  switch (autoPad) {
    case 'NOTSET':
      for (const a of AXES) sides[a] = { before: pads[idx[a]]!, after: pads[2 + idx[a]]! };
      if (pads.some((p) => p < 0)) ctx.stop('negative pads are not valid for this operator');
      padding = { mode: 'explicit', h: sides.h, w: sides.w };
      break;
    case 'VALID':
      for (const a of AXES) sides[a] = { before: 0, after: 0 };
      padding = { mode: 'valid' };
      break;
    case 'SAME_UPPER':
    case 'SAME_LOWER':
      for (const a of AXES) {
        const out = Math.ceil(n[a] / stride[a]);
        const total = Math.max(0, (out - 1) * stride[a] + dilation[a] * (kernel[a] - 1) + 1 - n[a]);
        const small = Math.floor(total / 2);
        sides[a] =
          autoPad === 'SAME_UPPER'
            ? { before: small, after: total - small }
            : { before: total - small, after: small };
      }
      padding = autoPad === 'SAME_UPPER' ? { mode: 'tf-same' } : { mode: 'explicit', h: sides.h, w: sides.w };
      if (autoPad === 'SAME_LOWER')
        ctx.note(
          'auto_pad SAME_LOWER is resolved into explicit pads for the input size (the extra pixel goes before).',
        );
      break;
    default:
      ctx.stop(`unknown auto_pad '${autoPad}'`);
  }
  return { kernel, stride, dilation, padding, sides, autoPad };
}

/** Output size of a window layer on one axis. */
function windowOut(n: number, w: WindowParams, a: AxisName, ceil: boolean): number {
  if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return Math.ceil(n / w.stride[a]);
  const span = n + w.sides[a].before + w.sides[a].after - w.dilation[a] * (w.kernel[a] - 1) - 1;
  if (span < 0)
    throw new StopMapping(
      `the window does not fit: input ${n}, effective kernel ${w.dilation[a] * (w.kernel[a] - 1) + 1}`,
    );
  let out = (ceil ? Math.ceil(span / w.stride[a]) : Math.floor(span / w.stride[a])) + 1;
  // PyTorch/ONNX rule: the last window must start inside the input or the leading padding.
  if (ceil && (out - 1) * w.stride[a] >= n + w.sides[a].before) out--;
  return out;
}

function withSpatial(x: ImageVal, channels: Dim, size: Axes<number>): Dim[] {
  const shape = x.shape.slice();
  shape[1] = channels;
  shape[x.h] = size.h;
  shape[x.w] = size.w;
  return shape;
}

function weight(ctx: NodeContext, index = 1): Dim[] | null {
  if (!ctx.has(index)) return null;
  const w = ctx.input(index);
  if (w.kind === 'image') ctx.stop('the weights depend on the image (dynamic convolution)');
  return w.shape;
}

function known(dims: Dim[] | null | undefined): number[] | null {
  if (!dims || dims.some((d) => d === null)) return null;
  return dims as number[];
}

export function mapConv(ctx: NodeContext): void {
  const x = ctx.image(0);
  // QLinearConv: x, x_scale, x_zero_point, w, …; Conv and ConvInteger: x, w, ….
  const wShape = weight(ctx, ctx.node.opType === 'QLinearConv' ? 3 : 1);
  const kFromW = wShape && wShape.length === 4 ? known(wShape.slice(2)) : null;
  const win = readWindow(ctx, x, kFromW);
  const n = spatialSize(x);
  const size = { h: windowOut(n.h, win, 'h', false), w: windowOut(n.w, win, 'w', false) };
  const groups = ctx.int('group', 1);
  const channels = wShape?.[0] ?? null;
  const layer = {
    op: 'conv' as const,
    kernel: win.kernel,
    stride: win.stride,
    dilation: win.dilation,
    padding: win.padding,
    ...(groups > 1 ? { groups } : {}),
    ...(channels !== null ? { channels } : {}),
  };
  const node = ctx.emit(layer, [x.node]);
  ctx.set(0, derive(x, node, withSpatial(x, channels, size)));
}

export function mapConvTranspose(ctx: NodeContext): void {
  const x = ctx.image(0);
  const idx = spatialAttrIndex(x, 'ConvTranspose');
  const n = spatialSize(x);
  const wShape = weight(ctx);
  const kAttr = ctx.ints('kernel_shape') ?? (wShape && wShape.length === 4 ? known(wShape.slice(2)) : null);
  if (!kAttr || kAttr.length !== 2) ctx.stop('the kernel size is unknown or not 2-D');
  const strides = pairAttr(ctx, 'strides', [1, 1], 2);
  const dilations = pairAttr(ctx, 'dilations', [1, 1], 2);
  const pads = pairAttr(ctx, 'pads', [0, 0, 0, 0], 4);
  const outPad = pairAttr(ctx, 'output_padding', [0, 0], 2);
  const outShapeAttr = ctx.ints('output_shape');
  const autoPad = ctx.str('auto_pad', 'NOTSET') || 'NOTSET';
  const outShape = outShapeAttr ? outShapeAttr.slice(-2) : null;
  if (outShape && outShape.length !== 2) ctx.stop('output_shape must give the two spatial sizes');
  for (const v of [...kAttr, ...strides, ...dilations]) {
    if (!Number.isInteger(v) || v < 1)
      ctx.stop(`kernel, strides and dilations must be positive integers (got ${v})`);
  }
  const kernel = {} as Axes<number>;
  const stride = {} as Axes<number>;
  const dilation = {} as Axes<number>;
  const outputPadding = {} as Axes<number>;
  const sides = {} as Axes<SidePad>;
  const size = {} as Axes<number>;
  for (const a of AXES) {
    const i = idx[a];
    kernel[a] = kAttr[i]!;
    stride[a] = strides[i]!;
    dilation[a] = dilations[i]!;
    outputPadding[a] = outPad[i]!;
    const full = stride[a] * (n[a] - 1) + outputPadding[a] + dilation[a] * (kernel[a] - 1) + 1;
    let target: number | null = outShape ? outShape[i]! : null;
    if (target === null && (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER')) target = n[a] * stride[a];
    if (target !== null) {
      const total = full - target;
      const half = Math.floor(total / 2);
      sides[a] =
        autoPad === 'SAME_UPPER'
          ? { before: half, after: total - half }
          : { before: total - half, after: half };
    } else if (autoPad === 'VALID') {
      sides[a] = { before: 0, after: 0 };
    } else {
      sides[a] = { before: pads[i]!, after: pads[2 + i]! };
    }
    size[a] = full - sides[a].before - sides[a].after;
    if (size[a] < 1) ctx.stop(`the output would be empty on the ${a === 'h' ? 'height' : 'width'} axis`);
  }
  const groups = ctx.int('group', 1);
  const perGroup = wShape?.[1] ?? null;
  const channels = perGroup === null ? null : perGroup * groups;
  const node = ctx.emit(
    {
      op: 'deconv',
      kernel,
      stride,
      dilation,
      padding: { mode: 'explicit', h: sides.h, w: sides.w },
      outputPadding,
      ...(channels !== null ? { channels } : {}),
    },
    [x.node],
  );
  ctx.set(0, derive(x, node, withSpatial(x, channels, size)));
}

export function mapPool(ctx: NodeContext): void {
  const op = ctx.node.opType;
  const x = ctx.image(0);
  const win = readWindow(ctx, x, null);
  const ceil = ctx.int('ceil_mode', 0) !== 0;
  const n = spatialSize(x);
  const size = { h: windowOut(n.h, win, 'h', ceil), w: windowOut(n.w, win, 'w', ceil) };
  const kind = op === 'MaxPool' ? 'max' : 'avg';
  if (op === 'LpPool') ctx.note('LpPool is treated like average pooling (same window).');
  const node = ctx.emit(
    {
      op: 'pool',
      kind,
      kernel: win.kernel,
      stride: win.stride,
      dilation: win.dilation,
      padding: win.padding,
      ceil,
    },
    [x.node],
  );
  ctx.setAll(derive(x, node, withSpatial(x, x.shape[1] ?? null, size)));
}

export function mapGlobalPool(ctx: NodeContext): void {
  const x = ctx.image(0);
  if (x.shape.length < 3)
    ctx.stop(`global pooling needs a tensor with spatial axes, got rank ${x.shape.length}`);
  const node = ctx.emit({ op: 'global', kind: 'global-pool' }, [x.node]);
  const shape = x.shape.map((d, i) => (i < 2 ? d : 1));
  ctx.set(0, { kind: 'image', node, shape, h: x.h, w: x.w, global: true });
}
