/**
 * Pointwise and reducing operators: activations and other per-pixel ops (neutral), elementwise
 * arithmetic (neutral with a constant, add/mul merge with several image inputs), normalizations,
 * softmax, reductions, and matrix products.
 *
 * A [N, C, 1, 1] tensor from a global branch broadcast onto a spatial tensor (the squeeze-and-
 * excitation gate) becomes a merge whose global input makes the result `globalContext`.
 * Normalizations whose statistics run over the whole image (InstanceNormalization,
 * GroupNormalization, LayerNormalization or MeanVarianceNormalization over H and W, a softmax over
 * H and W) are written the same way: an implicit global-pool branch merged back with `mul`, so the
 * local receptive field stays exact and the report says the values also see global context.
 */
import { isIntegerType } from './model.ts';
import {
  NodeContext,
  derive,
  fmtShape,
  normAxis,
  type ConstVal,
  type Dim,
  type ImageVal,
} from './map-context.ts';
import { broadcastShapes } from './map-shape.ts';
import type { Layer } from '../types.ts';

/** Unary per-pixel op: neutral on the image, opaque on constants (Identity keeps their values). */
export function mapUnary(ctx: NodeContext): void {
  const ins = ctx.inputs();
  const x = ctx.input(0);
  if (
    x.kind === 'const' &&
    ins.length === 1 &&
    (ctx.node.opType === 'Identity' || ctx.node.opType === 'Dropout')
  ) {
    ctx.set(0, x);
    return;
  }
  const image = ins.filter((v): v is ImageVal => v.kind === 'image');
  if (x.kind === 'const' && image.length === 0) {
    ctx.node.outputs.forEach((_, i) =>
      ctx.set(i, { kind: 'const', shape: x.shape, values: null, dataType: x.dataType }),
    );
    return;
  }
  if (x.kind !== 'image') ctx.stop('the data input is constant but a parameter depends on the image');
  if (image.length > 1) ctx.stop('a parameter of this per-pixel op depends on the image');
  const node = ctx.emit(neutralLayer(ctx.node.opType), [x.node]);
  ctx.setAll(derive(x, node, x.shape));
}

/** One frozen layer per operator type, shared by its nodes (long chains of activations). */
const neutralLayers = new Map<string, Layer>();
function neutralLayer(kind: string): Layer {
  let layer = neutralLayers.get(kind);
  if (layer === undefined) {
    layer = Object.freeze({ op: 'neutral', kind });
    if (neutralLayers.size < 256) neutralLayers.set(kind, layer);
  }
  return layer;
}

const MUL_OPS = new Set(['Mul', 'Div', 'Pow', 'And', 'Where', 'PRelu', 'BitwiseAnd']);

function foldBinary(op: string, a: number, b: number, integer: boolean): number {
  switch (op) {
    case 'Add':
      return a + b;
    case 'Sub':
      return a - b;
    case 'Mul':
      return a * b;
    case 'Div':
      return integer ? Math.trunc(a / b) : a / b;
    case 'Max':
      return Math.max(a, b);
    case 'Min':
      return Math.min(a, b);
    default:
      return NaN;
  }
}

function foldConsts(op: string, consts: ConstVal[]): ConstVal {
  const shape = broadcastShapes(consts.map((c) => c.shape));
  const dataType = consts[0]?.dataType ?? 0;
  let values: number[] | null = null;
  if (consts.every((c) => c.values) && ['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min'].includes(op)) {
    const len = Math.max(...consts.map((c) => c.values!.length));
    if (consts.every((c) => c.values!.length === len || c.values!.length === 1)) {
      const at = (c: ConstVal, i: number) => (c.values!.length === 1 ? c.values![0]! : c.values![i]!);
      values = Array.from({ length: len }, (_, i) =>
        consts
          .slice(1)
          .reduce((acc, c) => foldBinary(op, acc, at(c, i), isIntegerType(dataType)), at(consts[0]!, i)),
      );
      if (values.some((v) => !Number.isFinite(v))) values = null;
    }
  }
  return { kind: 'const', shape, values, dataType };
}

/** Aligns an image tensor's axes to a broadcast result of rank `rank`. */
function aligned(v: ImageVal, rank: number): { h: number; w: number } {
  const off = rank - v.shape.length;
  return { h: v.h < 0 ? -1 : v.h + off, w: v.w < 0 ? -1 : v.w + off };
}

/** Add/Sub/Mul/Div/… and variadic Sum/Mean/Max/Min, plus Where and PRelu. */
export function mapElementwise(ctx: NodeContext): void {
  const op = ctx.node.opType;
  const ins = ctx.inputs();
  const images = ins.filter((v): v is ImageVal => v.kind === 'image');
  if (images.length === 0) return ctx.set(0, foldConsts(op, ins as ConstVal[]));
  // Before opset 7, a second operand with `broadcast = 1` aligns at `axis`, not at the end; it
  // cannot enlarge the result, so the image operands alone give the shape.
  const legacy = ctx.opset < 7 && ctx.int('broadcast', 0) !== 0;
  const shape = broadcastShapes((legacy ? images : ins).map((v) => v.shape)) ?? images[0]!.shape;
  const rank = shape.length;
  const spatial = images.filter((v) => !v.global);
  const lead = spatial[0] ?? images[0]!;
  const la = aligned(lead, rank);
  for (const v of spatial) {
    const a = aligned(v, rank);
    if (
      a.h !== la.h ||
      a.w !== la.w ||
      v.shape[v.h] !== lead.shape[lead.h] ||
      v.shape[v.w] !== lead.shape[lead.w]
    ) {
      ctx.stop(
        `${op} of tensors with different spatial sizes or layouts: ${fmtShape(lead.shape)} and ${fmtShape(v.shape)}`,
      );
    }
  }
  // A constant must not change the spatial size by broadcasting (it may be [1, C, H, W], though).
  if (
    spatial.length > 0 &&
    la.h >= 0 &&
    (shape[la.h] !== lead.shape[lead.h] || shape[la.w] !== lead.shape[lead.w])
  ) {
    ctx.stop(`${op} broadcasts the image to a different spatial size ${fmtShape(shape)}`);
  }
  let node: string;
  if (images.length === 1) node = ctx.emit({ op: 'neutral', kind: op }, [lead.node]);
  else
    node = ctx.emit(
      { op: MUL_OPS.has(op) ? 'mul' : 'add' },
      images.map((v) => v.node),
    );
  if (spatial.length === 0) {
    const g4 = rank === 4;
    ctx.set(0, { kind: 'image', node, shape, h: g4 ? 2 : -1, w: g4 ? 3 : -1, global: true });
  } else ctx.set(0, { kind: 'image', node, shape, h: la.h, w: la.w, global: false });
}

/** Writes `x` merged with a global-pool branch of itself: same local RF, plus global context. */
function withGlobalContext(ctx: NodeContext, x: ImageVal, why: string): void {
  if (x.global) {
    const node = ctx.emit({ op: 'neutral', kind: ctx.node.opType }, [x.node]);
    return ctx.setAll(derive(x, node, x.shape));
  }
  ctx.note(why);
  const stats = ctx.emit({ op: 'global', kind: 'global-pool' }, [x.node], 'stats');
  const node = ctx.emit({ op: 'mul' }, [x.node, stats]);
  ctx.set(0, derive(x, node, x.shape));
  for (let i = 1; i < ctx.node.outputs.length; i++)
    ctx.set(i, { kind: 'image', node: stats, shape: [], h: -1, w: -1, global: true });
}

/** Normalization or softmax over a set of axes. */
function overAxes(ctx: NodeContext, x: ImageVal, axes: number[], what: string): void {
  const hasH = axes.includes(x.h);
  const hasW = axes.includes(x.w);
  if (!hasH && !hasW) {
    const node = ctx.emit({ op: 'neutral', kind: ctx.node.opType }, [x.node]);
    return ctx.setAll(derive(x, node, x.shape));
  }
  if (hasH !== hasW && !x.global)
    ctx.stop(`${what} over only one of the image's axes (${hasH ? 'height' : 'width'})`);
  withGlobalContext(
    ctx,
    x,
    `${what} over the image's height and width is written as a merge with a global-pool branch (global context).`,
  );
}

export function mapNormalization(ctx: NodeContext): void {
  const op = ctx.node.opType;
  const x = ctx.image(0);
  const rank = x.shape.length;
  let axes: number[];
  if (op === 'InstanceNormalization' || op === 'GroupNormalization')
    axes = Array.from({ length: rank - 2 }, (_, i) => i + 2);
  else if (op === 'LayerNormalization') {
    const axis = normAxis(ctx.int('axis', -1), rank);
    axes = Array.from({ length: rank - axis }, (_, i) => i + axis);
  } else if (op === 'MeanVarianceNormalization')
    axes = (ctx.ints('axes') ?? [0, 2, 3]).map((a) => normAxis(a, rank));
  else if (op === 'LpNormalization') axes = [normAxis(ctx.int('axis', -1), rank)];
  else axes = [];
  overAxes(ctx, x, axes, op);
}

export function mapSoftmax(ctx: NodeContext): void {
  const x = ctx.input(0);
  if (x.kind === 'const')
    return ctx.set(0, { kind: 'const', shape: x.shape, values: null, dataType: x.dataType });
  const rank = x.shape.length;
  const axis = normAxis(ctx.int('axis', ctx.opset >= 13 ? -1 : 1), rank);
  // Before opset 13 the input is coerced to 2-D: the softmax runs over every axis from `axis` on.
  const axes = ctx.opset >= 13 ? [axis] : Array.from({ length: rank - axis }, (_, i) => i + axis);
  overAxes(ctx, x, axes, ctx.node.opType);
}

/** Reductions (and ArgMax/ArgMin): over both image axes → global pooling, over none → neutral. */
export function mapReduce(ctx: NodeContext): void {
  const op = ctx.node.opType;
  const x = ctx.input(0);
  const keep = ctx.int('keepdims', 1) !== 0;
  const rank = x.shape?.length ?? null;
  let axes: number[] | null;
  if (op === 'ArgMax' || op === 'ArgMin') axes = [ctx.int('axis', 0)];
  else {
    const fromInput = ctx.opset >= 18 || (op === 'ReduceSum' && ctx.opset >= 13);
    axes = fromInput ? (ctx.has(1) ? ctx.constValues(1, 'the reduction axes') : null) : ctx.ints('axes');
    if (axes && axes.length === 0) axes = null;
    if (!axes && ctx.int('noop_with_empty_axes', 0) !== 0) axes = [];
  }
  if (x.kind === 'const') {
    const shape =
      x.shape && axes
        ? x.shape.flatMap((d, i) =>
            axes!.map((a) => normAxis(a, rank!)).includes(i) ? (keep ? [1] : []) : [d],
          )
        : null;
    return ctx.set(0, { kind: 'const', shape, values: null, dataType: x.dataType });
  }
  const all = axes === null;
  const ax = all ? x.shape.map((_, i) => i) : axes!.map((a) => normAxis(a, x.shape.length));
  const shape = x.shape.flatMap((d, i) => (ax.includes(i) ? (keep ? [1] : []) : [d]));
  const hasH = ax.includes(x.h);
  const hasW = ax.includes(x.w);
  const shift = (a: number) =>
    a < 0 || (!keep && ax.includes(a)) ? -1 : keep ? a : a - ax.filter((r) => r < a).length;
  if (!hasH && !hasW) {
    const node = ctx.emit({ op: 'neutral', kind: op }, [x.node]);
    return ctx.set(0, derive(x, node, shape, { h: shift(x.h), w: shift(x.w) }));
  }
  if (hasH !== hasW && !x.global)
    ctx.stop(`${op} over only one of the image's axes (${hasH ? 'height' : 'width'})`);
  const node = ctx.emit(x.global ? { op: 'neutral', kind: op } : { op: 'global', kind: 'global-pool' }, [
    x.node,
  ]);
  ctx.set(0, { kind: 'image', node, shape, h: keep ? x.h : -1, w: keep ? x.w : -1, global: true });
}

function matmulShape(a: Dim[] | null, b: Dim[] | null): Dim[] | null {
  if (!a || !b || a.length === 0 || b.length === 0) return null;
  const aa = a.length === 1 ? [1, a[0]!] : a;
  const bb = b.length === 1 ? [b[0]!, 1] : b;
  const batch = broadcastShapes([aa.slice(0, -2), bb.slice(0, -2)]) ?? [];
  const out = [...batch, aa[aa.length - 2]!, bb[bb.length - 1]!];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.pop();
  return out;
}

/** MatMul/Gemm: on a global tensor → fc; a pointwise linear map over a channels-last axis → neutral. */
export function mapMatMul(ctx: NodeContext): void {
  const op = ctx.node.opType;
  const a = ctx.input(0);
  const b = ctx.input(1);
  let shape: Dim[] | null;
  if (op === 'Gemm') {
    const ta = ctx.int('transA', 0) !== 0;
    const tb = ctx.int('transB', 0) !== 0;
    const m = a.shape?.[ta ? 1 : 0] ?? null;
    const n = b.shape?.[tb ? 0 : 1] ?? null;
    shape = [m, n];
  } else shape = matmulShape(a.shape, b.shape);
  const images = [a, b].filter((v): v is ImageVal => v.kind === 'image');
  if (images.length === 0)
    return ctx.set(0, { kind: 'const', shape, values: null, dataType: (a as ConstVal).dataType });
  if (images.every((v) => v.global)) {
    const node = ctx.emit(
      { op: 'global', kind: 'fc' },
      images.map((v) => v.node),
    );
    const r4 = shape?.length === 4;
    return ctx.set(0, {
      kind: 'image',
      node,
      shape: shape ?? [null],
      h: r4 ? 2 : -1,
      w: r4 ? 3 : -1,
      global: true,
    });
  }
  if (op === 'Gemm' || images.length > 1) ctx.stop(`${op} mixes the positions of the image`);
  const x = images[0]!;
  const r = x.shape.length;
  // x @ B contracts x's last axis; A @ x contracts x's second-to-last axis.
  const contracted = x === a ? r - 1 : r - 2;
  if (contracted === x.h || contracted === x.w || !shape)
    ctx.stop(`${op} contracts the image's ${contracted === x.h ? 'height' : 'width'} axis`);
  ctx.note('A MatMul over a channels-last axis is a per-pixel linear map (neutral).');
  const node = ctx.emit({ op: 'neutral', kind: op }, [x.node]);
  ctx.set(0, derive(x, node, shape));
}
