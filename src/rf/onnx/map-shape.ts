/**
 * Shape and data-movement operators: constants, shape arithmetic, Reshape/Transpose/Flatten,
 * Squeeze/Unsqueeze, Gather, Slice, Concat, Split, Expand, Tile.
 *
 * Choices:
 * - A Reshape that keeps the image's height and width as two adjacent axes with the same sizes
 *   (and regroups only the other axes — a channel shuffle) is RF-neutral.
 * - A Reshape (or Flatten, or Squeeze of 1×1 spatial axes) that turns the tensor into a rank ≤ 2
 *   matrix is a flatten: a `global` layer (every later value may depend on the whole input).
 * - A Reshape that folds H·W (innermost) into one axis with part of the leading axes — GroupNorm
 *   exports, [N, C, H·W] tokens — is followed (`ImageVal.fold`) until a Reshape restores [H, W]:
 *   per-element ops are exact, reductions over the folded axis are global, and window ops,
 *   slices or matrix products over it stop.
 * - [..., H, r, W, r] → [..., H·r, W·r] (PixelShuffle as older exporters write it) is nearest
 *   upsampling by r.
 * - Any other Reshape that mixes the spatial axes stops the import: per-pixel receptive fields
 *   are not defined after it.
 * - Slice on a spatial axis is a crop (a pad layer with negative amounts) or, with a step > 1, a
 *   subsampling (a 1×1 convolution with that stride and cropping pads).
 */
import { DataType, isIntegerType, type TensorInfo } from './model.ts';
import {
  NodeContext,
  derive,
  fmtShape,
  normAxis,
  opaqueConst,
  product,
  type ConstVal,
  type Dim,
  type ImageVal,
} from './map-context.ts';

export function constFromTensor(t: TensorInfo): ConstVal {
  return {
    kind: 'const',
    shape: t.dims.slice(),
    values: t.values ? t.values.slice() : null,
    dataType: t.dataType,
  };
}

const MAX_FOLD = 4096;

function constVal(shape: Dim[] | null, values: number[] | null, dataType: number): ConstVal {
  return { kind: 'const', shape, values: values && values.length <= MAX_FOLD ? values : null, dataType };
}

export function mapConstant(ctx: NodeContext): void {
  for (const [name, a] of ctx.node.attributes) {
    if (name === 'value' && a.kind === 'tensor') return ctx.set(0, constFromTensor(a.value));
    if (name === 'value_float' && a.kind === 'float')
      return ctx.set(0, constVal([], [a.value], DataType.FLOAT));
    if (name === 'value_int' && a.kind === 'int') return ctx.set(0, constVal([], [a.value], DataType.INT64));
    if (name === 'value_floats' && a.kind === 'floats')
      return ctx.set(0, constVal([a.value.length], a.value, DataType.FLOAT));
    if (name === 'value_ints' && a.kind === 'ints')
      return ctx.set(0, constVal([a.value.length], a.value, DataType.INT64));
  }
  ctx.set(0, opaqueConst());
}

export function mapConstantOfShape(ctx: NodeContext): void {
  const shapeIn = ctx.input(0);
  const a = ctx.attr('value');
  const fill = a && a.kind === 'tensor' && a.value.values?.length === 1 ? a.value.values[0]! : 0;
  const dt = a && a.kind === 'tensor' ? a.value.dataType : DataType.FLOAT;
  if (shapeIn.kind === 'const' && shapeIn.values) {
    const n = shapeIn.values.reduce((x, y) => x * y, 1);
    ctx.set(0, constVal(shapeIn.values.slice(), n <= MAX_FOLD ? new Array<number>(n).fill(fill) : null, dt));
  } else ctx.set(0, opaqueConst(null, dt));
}

/** Shape: known when the input's shape is fully static. */
export function mapShape(ctx: NodeContext): void {
  const x = ctx.input(0);
  const shape = x.shape;
  if (!shape) return ctx.set(0, opaqueConst([null], DataType.INT64));
  const rank = shape.length;
  const clampAxis = (v: number) => Math.min(rank, Math.max(0, v < 0 ? v + rank : v));
  const start = clampAxis(ctx.int('start', 0));
  const end = clampAxis(ctx.int('end', rank));
  const dims = shape.slice(start, Math.max(start, end));
  const values = dims.some((d) => d === null) ? null : (dims as number[]);
  ctx.set(0, {
    ...constVal([dims.length], values, DataType.INT64),
    ...(x.kind === 'image' ? { fromInput: true } : {}),
  });
}

export function mapSize(ctx: NodeContext): void {
  const x = ctx.input(0);
  const p = x.shape ? product(x.shape) : null;
  ctx.set(0, constVal([], p === null ? null : [p], DataType.INT64));
}

/** Cast and other value-preserving unary ops on constants. */
export function mapCast(ctx: NodeContext): void {
  const x = ctx.input(0);
  const to = ctx.int('to', 0);
  if (x.kind === 'const') {
    const values = x.values && isIntegerType(to) ? x.values.map((v) => Math.trunc(v)) : x.values;
    return ctx.set(0, constVal(x.shape, values, to || x.dataType));
  }
  const node = ctx.emit({ op: 'neutral', kind: ctx.node.opType }, [x.node]);
  ctx.set(0, derive(x, node, x.shape));
}

function broadcastDims(a: Dim[], b: Dim[]): Dim[] {
  const r = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    out.push(x === 1 ? y : y === 1 ? x : x === null ? y : x);
  }
  return out;
}

export function broadcastShapes(shapes: (Dim[] | null)[]): Dim[] | null {
  let out: Dim[] = [];
  for (const s of shapes) {
    if (!s) return null;
    out = broadcastDims(out, s);
  }
  return out;
}

function resolveReshape(ctx: NodeContext, input: Dim[], target: number[]): Dim[] {
  const allowZero = ctx.int('allowzero', 0) !== 0;
  const out: Dim[] = target.map((t, i) => (t === 0 && !allowZero ? (input[i] ?? null) : t));
  const minus = out.flatMap((d, i) => (d === -1 ? [i] : []));
  if (minus.length > 1) ctx.stop('Reshape with more than one -1');
  if (minus.length === 1) {
    const total = product(input);
    const rest = product(out.filter((d) => d !== -1));
    out[minus[0]!] = total === null || rest === null || rest === 0 ? null : total / rest;
  }
  return out;
}

/** Finds where a spatial block [H, W] of `x` lands in a reshaped `out`, if the reshape keeps it. */
function keptSpatial(x: ImageVal, out: Dim[]): { h: number; w: number } | null {
  if (Math.abs(x.h - x.w) !== 1) return null;
  const a = Math.min(x.h, x.w);
  const pre = product(x.shape.slice(0, a));
  const post = x.shape.slice(a + 2);
  for (let b = 0; b + 1 < out.length; b++) {
    if (out[b] !== x.shape[a] || out[b + 1] !== x.shape[a + 1]) continue;
    const outPost = out.slice(b + 2);
    if (outPost.length !== post.length || outPost.some((d, i) => d !== post[i])) continue;
    const outPre = product(out.slice(0, b));
    if (pre !== null && outPre !== null && pre !== outPre) continue;
    if ((pre === null || outPre === null) && b !== a) continue;
    return { h: b + (x.h - a), w: b + (x.w - a) };
  }
  return null;
}

/**
 * If `out` ends with [M, ...T] where M = q·H·W merges H and W (innermost) with part of the leading
 * axes and T is unchanged, returns the index of M.
 */
function foldAxis(x: ImageVal, out: Dim[]): number | null {
  if (x.w !== x.h + 1 || out.length < 3) return null;
  const H = x.shape[x.h];
  const W = x.shape[x.w];
  if (typeof H !== 'number' || typeof W !== 'number') return null;
  const post = x.shape.slice(x.w + 1);
  const m = out.length - 1 - post.length;
  if (m < 1 || out.slice(m + 1).some((d, i) => d !== post[i])) return null;
  const merged = out[m];
  if (typeof merged !== 'number' || merged % (H * W) !== 0) return null;
  // Row-major order keeps (h, w) as the innermost factor of the merged axis whenever the element
  // count matches: merged index = q·H·W + h·W + w.
  const pre = product(x.shape.slice(0, x.h));
  const outPre = product(out.slice(0, m));
  return pre !== null && outPre !== null && outPre * merged === pre * H * W ? m : null;
}

/**
 * [..., H, r₁, W, r₂] → [..., H·r₁, W·r₂] where r₁, r₂ are non-image axes (split off the channels):
 * output row H_i·r₁ + k reads input row H_i, i.e. nearest upsampling by (r₁, r₂).
 */
function pixelShuffle(
  x: ImageVal,
  out: Dim[],
): { factor: { h: number; w: number }; h: number; w: number } | null {
  if (x.w !== x.h + 2 || x.shape.length !== x.w + 2 || out.length !== x.h + 2) return null;
  const [H, r1, W, r2] = x.shape.slice(x.h);
  if (typeof H !== 'number' || typeof r1 !== 'number' || typeof W !== 'number' || typeof r2 !== 'number')
    return null;
  if (out[x.h] !== H * r1 || out[x.h + 1] !== W * r2) return null;
  const pre = product(x.shape.slice(0, x.h));
  return pre !== null && pre === product(out.slice(0, x.h))
    ? { factor: { h: r1, w: r2 }, h: x.h, w: x.h + 1 }
    : null;
}

/** For a folded tensor, where [H, W] reappear in `out` (with everything else consistent), if they do. */
function unfold(x: ImageVal, out: Dim[]): { h: number; w: number } | null {
  const fold = x.fold!;
  const post = x.shape.slice(x.h + 1);
  const before = product(x.shape.slice(0, x.h + 1));
  for (let b = 0; b + 1 < out.length; b++) {
    if (out[b] !== fold.h || out[b + 1] !== fold.w) continue;
    const outPost = out.slice(b + 2);
    if (outPost.length !== post.length || outPost.some((d, i) => d !== post[i])) continue;
    const outBefore = product(out.slice(0, b + 2));
    if (before !== null && outBefore !== null && before === outBefore) return { h: b, w: b + 1 };
  }
  return null;
}

function flattenOrStop(ctx: NodeContext, x: ImageVal, out: Dim[], what: string): void {
  if (out.length <= 2) {
    const node = ctx.emit({ op: 'global', kind: 'flatten' }, [x.node]);
    ctx.set(0, { kind: 'image', node, shape: out, h: -1, w: -1, global: true });
    return;
  }
  ctx.stop(
    `${what} ${fmtShape(x.shape)} → ${fmtShape(out)} mixes the image's height and width axes; the receptive field per pixel is not defined after it`,
  );
}

/** The image axes after a reshape of a tensor that has lost them (global) are not tracked. */
function globalAfterReshape(ctx: NodeContext, x: ImageVal, out: Dim[]): void {
  const node = ctx.emit({ op: 'neutral', kind: ctx.node.opType }, [x.node]);
  const spatial4 = out.length === 4;
  ctx.set(0, { kind: 'image', node, shape: out, h: spatial4 ? 2 : -1, w: spatial4 ? 3 : -1, global: true });
}

export function mapReshape(ctx: NodeContext): void {
  const x = ctx.input(0);
  let target: number[] | null = null;
  if (ctx.opset >= 5) {
    const s = ctx.input(1);
    if (s.kind === 'const' && s.values) target = s.values;
  } else target = ctx.ints('shape');
  if (x.kind === 'const') {
    const shape = x.shape && target ? resolveReshape(ctx, x.shape, target) : null;
    return ctx.set(0, constVal(shape, x.values, x.dataType));
  }
  let out: Dim[] | null = target ? resolveReshape(ctx, x.shape, target) : null;
  if (!out) {
    // Fall back to a static shape recorded in the file, when there is one.
    const vi = ctx.state.graph.valueInfo.get(ctx.node.outputs[0] ?? '');
    if (vi?.shape && vi.shape.every((d) => typeof d === 'number') && !ctx.state.inputOverridden)
      out = vi.shape as number[];
  }
  if (!out) ctx.stop('the target shape of this Reshape is only known at run time');
  const pIn = product(x.shape);
  const pOut = product(out);
  if (pIn !== null && pOut !== null && pIn !== pOut) {
    ctx.stop(
      `Reshape ${fmtShape(x.shape)} → ${fmtShape(out)} does not keep the element count; the graph's shapes are fixed (check the input size)`,
    );
  }
  if (x.global) return globalAfterReshape(ctx, x, out);
  if (x.fold) {
    const unfolded = unfold(x, out);
    if (unfolded) {
      const node = ctx.emit({ op: 'neutral', kind: 'Reshape' }, [x.node]);
      const v = derive(x, node, out, unfolded);
      delete v.fold;
      return ctx.set(0, v);
    }
    return flattenOrStop(ctx, x, out, 'Reshape');
  }
  const folded = foldAxis(x, out);
  if (folded !== null) {
    ctx.note(
      'A Reshape that folds the image axes into one (as GroupNorm exports do) is followed until a Reshape restores them.',
    );
    const node = ctx.emit({ op: 'neutral', kind: 'Reshape' }, [x.node]);
    return ctx.set(
      0,
      derive(x, node, out, {
        h: folded,
        w: folded,
        fold: { h: x.shape[x.h] as number, w: x.shape[x.w] as number },
      }),
    );
  }
  const shuffle = pixelShuffle(x, out);
  if (shuffle) {
    ctx.note(
      'A Reshape that merges [H, r, W, r] into [H·r, W·r] (PixelShuffle as older exporters write it) is nearest upsampling by r.',
    );
    const node = ctx.emit({ op: 'upsample', factor: shuffle.factor, mode: 'nearest' }, [x.node]);
    return ctx.set(0, derive(x, node, out, { h: shuffle.h, w: shuffle.w }));
  }
  const kept = keptSpatial(x, out);
  if (kept) {
    const node = ctx.emit({ op: 'neutral', kind: 'Reshape' }, [x.node]);
    return ctx.set(0, derive(x, node, out, kept));
  }
  flattenOrStop(ctx, x, out, 'Reshape');
}

export function mapFlatten(ctx: NodeContext): void {
  const x = ctx.input(0);
  const rank = x.shape?.length ?? null;
  if (x.kind === 'const') {
    if (!x.shape) return ctx.set(0, constVal(null, x.values, x.dataType));
    const axis = normAxis(ctx.int('axis', 1), x.shape.length + 1);
    return ctx.set(
      0,
      constVal([product(x.shape.slice(0, axis)), product(x.shape.slice(axis))], x.values, x.dataType),
    );
  }
  const axis = normAxis(ctx.int('axis', 1), (rank ?? 0) + 1);
  const out = [product(x.shape.slice(0, axis)), product(x.shape.slice(axis))];
  const node = ctx.emit(x.global ? { op: 'neutral', kind: 'Flatten' } : { op: 'global', kind: 'flatten' }, [
    x.node,
  ]);
  ctx.set(0, { kind: 'image', node, shape: out, h: -1, w: -1, global: true });
}

export function mapTranspose(ctx: NodeContext): void {
  const x = ctx.input(0);
  const rank = x.shape?.length;
  const perm =
    ctx.ints('perm') ?? (rank !== undefined ? Array.from({ length: rank }, (_, i) => rank - 1 - i) : null);
  if (x.kind === 'const') {
    const shape = x.shape && perm ? perm.map((p) => x.shape![p] ?? null) : null;
    const values = x.shape && x.shape.filter((d) => d !== 1).length <= 1 ? x.values : null;
    return ctx.set(0, constVal(shape, values, x.dataType));
  }
  if (!perm || perm.length !== x.shape.length) ctx.stop('Transpose perm does not match the tensor rank');
  const shape = perm.map((p) => x.shape[p] ?? null);
  const node = ctx.emit({ op: 'neutral', kind: 'Transpose' }, [x.node]);
  ctx.set(
    0,
    derive(x, node, shape, { h: x.h < 0 ? -1 : perm.indexOf(x.h), w: x.w < 0 ? -1 : perm.indexOf(x.w) }),
  );
}

function axesFrom(ctx: NodeContext, inputIndex: number, sinceOpset: number): number[] | null {
  if (ctx.opset >= sinceOpset) return ctx.has(inputIndex) ? ctx.constValues(inputIndex, 'the axes') : null;
  return ctx.ints('axes');
}

export function mapSqueeze(ctx: NodeContext): void {
  const x = ctx.input(0);
  const axesRaw = axesFrom(ctx, 1, 13);
  if (!x.shape) return ctx.set(0, constVal(null, (x as ConstVal).values, (x as ConstVal).dataType));
  const rank = x.shape.length;
  const axes = axesRaw
    ? axesRaw.map((a) => normAxis(a, rank))
    : x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  const shape = x.shape.filter((_, i) => !axes.includes(i));
  if (x.kind === 'const') return ctx.set(0, constVal(shape, x.values, x.dataType));
  const removesSpatial = axes.includes(x.h) || axes.includes(x.w);
  if (removesSpatial && !x.global) {
    const node = ctx.emit({ op: 'global', kind: 'flatten' }, [x.node]);
    return ctx.set(0, { kind: 'image', node, shape, h: -1, w: -1, global: true });
  }
  const shift = (a: number) => (a < 0 || removesSpatial ? -1 : a - axes.filter((r) => r < a).length);
  const node = ctx.emit({ op: 'neutral', kind: 'Squeeze' }, [x.node]);
  ctx.set(0, derive(x, node, shape, { h: shift(x.h), w: shift(x.w) }));
}

export function mapUnsqueeze(ctx: NodeContext): void {
  const x = ctx.input(0);
  const axesRaw = axesFrom(ctx, 1, 13);
  if (!axesRaw) ctx.stop('Unsqueeze without axes');
  if (!x.shape) return ctx.set(0, constVal(null, (x as ConstVal).values, (x as ConstVal).dataType));
  const rank = x.shape.length + axesRaw.length;
  const axes = axesRaw.map((a) => normAxis(a, rank)).sort((a, b) => a - b);
  const shape: Dim[] = [];
  const where: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) {
    if (axes.includes(i)) shape.push(1);
    else {
      where[k] = i;
      shape.push(x.shape[k++] ?? null);
    }
  }
  if (x.kind === 'const') return ctx.set(0, constVal(shape, x.values, x.dataType));
  const node = ctx.emit({ op: 'neutral', kind: 'Unsqueeze' }, [x.node]);
  ctx.set(0, derive(x, node, shape, { h: x.h < 0 ? -1 : where[x.h]!, w: x.w < 0 ? -1 : where[x.w]! }));
}

export function mapGather(ctx: NodeContext): void {
  const x = ctx.input(0);
  const idx = ctx.input(1);
  if (idx.kind === 'image') ctx.stop('Gather with indices that depend on the image');
  const rank = x.shape?.length ?? 1;
  const axis = normAxis(ctx.int('axis', 0), rank);
  const idxShape = idx.shape;
  const outShape =
    x.shape && idxShape ? [...x.shape.slice(0, axis), ...idxShape, ...x.shape.slice(axis + 1)] : null;
  if (x.kind === 'const') {
    let values: number[] | null = null;
    if (x.values && idx.values && x.shape && x.shape.length === 1) {
      const n = x.values.length;
      values = idx.values.map((i) => x.values![i < 0 ? i + n : i] ?? NaN);
      if (values.some((v) => Number.isNaN(v))) values = null;
    }
    return ctx.set(0, constVal(outShape, values, x.dataType));
  }
  if (axis === x.h || axis === x.w)
    ctx.stop('Gather along the image height or width picks arbitrary rows or columns');
  if (!outShape) ctx.stop('the shape of the Gather output is unknown');
  const extra = (idxShape?.length ?? 0) - 1;
  const shift = (a: number) => (a < 0 ? -1 : a > axis ? a + extra : a);
  const node = ctx.emit({ op: 'neutral', kind: 'Gather' }, [x.node]);
  ctx.set(0, derive(x, node, outShape, { h: shift(x.h), w: shift(x.w) }));
}

interface SliceSpec {
  starts: number[];
  ends: number[];
  axes: number[];
  steps: number[];
}

function sliceSpec(ctx: NodeContext, rank: number): SliceSpec {
  let starts: number[];
  let ends: number[];
  let axes: number[] | null;
  let steps: number[] | null = null;
  if (ctx.opset >= 10) {
    starts = ctx.constValues(1, 'Slice starts');
    ends = ctx.constValues(2, 'Slice ends');
    axes = ctx.has(3) ? ctx.constValues(3, 'Slice axes') : null;
    steps = ctx.has(4) ? ctx.constValues(4, 'Slice steps') : null;
  } else {
    starts = ctx.ints('starts') ?? [];
    ends = ctx.ints('ends') ?? [];
    axes = ctx.ints('axes');
  }
  if (starts.length !== ends.length) ctx.stop('Slice starts and ends differ in length');
  const ax = (axes ?? starts.map((_, i) => i)).map((a) => normAxis(a, rank));
  return { starts, ends, axes: ax, steps: steps ?? starts.map(() => 1) };
}

/** Resolves start/end/step for one axis of length n (ONNX clamping rules). */
function sliceRange(
  start: number,
  end: number,
  step: number,
  n: number,
): { start: number; end: number; count: number } {
  if (step === 0) return { start: 0, end: 0, count: -1 };
  let s = start < 0 ? start + n : start;
  let e = end < 0 ? end + n : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), n);
    e = Math.min(Math.max(e, 0), n);
    return { start: s, end: e, count: Math.max(0, Math.ceil((e - s) / step)) };
  }
  s = Math.min(Math.max(s, 0), n - 1);
  e = Math.min(Math.max(e, -1), n - 1);
  return { start: s, end: e, count: Math.max(0, Math.ceil((e - s) / step)) };
}

export function mapSlice(ctx: NodeContext): void {
  const x = ctx.input(0);
  if (!x.shape) return ctx.set(0, opaqueConst(null, x.kind === 'const' ? x.dataType : 0));
  const rank = x.shape.length;
  const spec = sliceSpec(ctx, rank);
  const shape = x.shape.slice();
  const ranges = new Map<number, { start: number; end: number; count: number; step: number }>();
  spec.axes.forEach((a, i) => {
    const n = x.shape![a];
    const step = spec.steps[i]!;
    if (n === null || n === undefined) {
      shape[a] = null;
      return;
    }
    const r = sliceRange(spec.starts[i]!, spec.ends[i]!, step, n);
    if (r.count < 0) ctx.stop('Slice with step 0');
    ranges.set(a, { ...r, step });
    shape[a] = r.count;
  });
  if (x.kind === 'const') {
    let values: number[] | null = null;
    if (x.values && rank === 1 && ranges.has(0)) {
      const r = ranges.get(0)!;
      values = Array.from({ length: r.count }, (_, k) => x.values![r.start + k * r.step]!);
    } else if (!ranges.size) values = x.values;
    return ctx.set(0, constVal(shape, values, x.dataType));
  }
  const hr = ranges.get(x.h);
  const wr = ranges.get(x.w);
  const touches = (r: typeof hr, a: number) =>
    r !== undefined && (r.start !== 0 || r.count !== x.shape[a] || r.step !== 1);
  if (!touches(hr, x.h) && !touches(wr, x.w)) {
    const node = ctx.emit({ op: 'neutral', kind: 'Slice' }, [x.node]);
    return ctx.set(0, derive(x, node, shape));
  }
  if (x.global) ctx.stop('Slice over the spatial axes of a global tensor');
  if (x.fold) ctx.stop('Slice over the axis into which the image height and width were folded');
  const n = { h: x.shape[x.h] as number, w: x.shape[x.w] as number };
  const axis = (r: typeof hr, size: number) => {
    const rr = r ?? { start: 0, end: size, count: size, step: 1 };
    if (rr.step < 0) ctx.stop('Slice with a negative step flips the image');
    if (rr.count === 0) ctx.stop('Slice leaves nothing of the image');
    // The last element kept is start + (count − 1)·step; everything after it is cropped.
    const last = rr.start + (rr.count - 1) * rr.step;
    return { step: rr.step, before: 0 - rr.start || 0, after: last + 1 - size || 0 };
  };
  const ah = axis(hr, n.h);
  const aw = axis(wr, n.w);
  let node: string;
  if (ah.step === 1 && aw.step === 1) {
    node = ctx.emit(
      {
        op: 'pad',
        pads: { h: { before: ah.before, after: ah.after }, w: { before: aw.before, after: aw.after } },
      },
      [x.node],
    );
  } else {
    ctx.note(
      'A strided Slice over the image axes is mapped to a 1×1 convolution with that stride and cropping pads.',
    );
    node = ctx.emit(
      {
        op: 'conv',
        kernel: { h: 1, w: 1 },
        stride: { h: ah.step, w: aw.step },
        dilation: { h: 1, w: 1 },
        padding: {
          mode: 'explicit',
          h: { before: ah.before, after: ah.after },
          w: { before: aw.before, after: aw.after },
        },
      },
      [x.node],
    );
  }
  ctx.set(0, derive(x, node, shape));
}

export function mapConcat(ctx: NodeContext): void {
  const ins = ctx.inputs();
  const ref = ins.find((v) => v.shape)?.shape;
  const rank = ref?.length ?? 1;
  // Concat's axis was optional with default 1 before opset 4.
  const axis = normAxis(ctx.int('axis', ctx.opset < 4 ? 1 : 0), rank);
  const shape: Dim[] | null = ref ? ref.slice() : null;
  if (shape) {
    shape[axis] = ins.reduce<Dim>(
      (acc, v) => (acc === null || !v.shape ? null : acc + (v.shape[axis] ?? NaN)),
      0,
    );
    if (Number.isNaN(shape[axis])) shape[axis] = null;
  }
  const images = ins.filter((v): v is ImageVal => v.kind === 'image');
  if (images.length === 0) {
    const all = ins as ConstVal[];
    const values = rank === 1 && all.every((v) => v.values) ? all.flatMap((v) => v.values!) : null;
    return ctx.set(0, constVal(shape, values, all[0]?.dataType ?? 0));
  }
  const spatial = images.filter((v) => !v.global);
  const lead = spatial[0] ?? images[0]!;
  if (spatial.some((v) => v.h === axis || v.w === axis)) ctx.stop('Concat along the image height or width');
  for (const v of spatial) {
    if (
      v.h !== lead.h ||
      v.w !== lead.w ||
      v.shape[v.h] !== lead.shape[lead.h] ||
      v.shape[v.w] !== lead.shape[lead.w]
    ) {
      ctx.stop(
        `Concat of tensors with different spatial layouts: ${fmtShape(lead.shape)} and ${fmtShape(v.shape)}`,
      );
    }
  }
  const node =
    images.length > 1
      ? ctx.emit(
          { op: 'concat' },
          images.map((v) => v.node),
        )
      : ctx.emit({ op: 'neutral', kind: 'Concat' }, [lead.node]);
  ctx.set(0, derive(lead, node, shape ?? lead.shape, { global: spatial.length === 0 }));
}

export function mapSplit(ctx: NodeContext): void {
  const x = ctx.input(0);
  const rank = x.shape?.length ?? 1;
  const axis = normAxis(ctx.int('axis', 0), rank);
  const count = ctx.node.outputs.length;
  let sizes: number[] | null = null;
  if (ctx.opset >= 13 && ctx.has(1)) sizes = ctx.constValues(1, 'Split sizes');
  else if (ctx.opset < 13) sizes = ctx.ints('split');
  const n = x.shape?.[axis] ?? null;
  if (!sizes && n !== null) {
    const each = Math.ceil(n / count);
    sizes = Array.from({ length: count }, (_, i) => Math.max(0, Math.min(each, n - i * each)));
  }
  if (x.kind === 'const') {
    ctx.node.outputs.forEach((_, i) => {
      const shape = x.shape ? x.shape.map((d, k) => (k === axis ? (sizes?.[i] ?? null) : d)) : null;
      ctx.set(i, constVal(shape, null, x.dataType));
    });
    return;
  }
  if (axis === x.h || axis === x.w) ctx.stop('Split along the image height or width');
  const node = ctx.emit({ op: 'neutral', kind: 'Split' }, [x.node]);
  ctx.node.outputs.forEach((_, i) =>
    ctx.set(
      i,
      derive(
        x,
        node,
        x.shape.map((d, k) => (k === axis ? (sizes?.[i] ?? null) : d)),
      ),
    ),
  );
}

export function mapExpand(ctx: NodeContext): void {
  const x = ctx.input(0);
  const target = ctx.input(1);
  const tShape = target.kind === 'const' && target.values ? target.values : null;
  const shape = x.shape && tShape ? broadcastShapes([x.shape, tShape]) : null;
  if (x.kind === 'const') return ctx.set(0, constVal(shape, null, x.dataType));
  if (!shape) ctx.stop('the target shape of this Expand is only known at run time');
  const off = shape.length - x.shape.length;
  const h = x.h < 0 ? -1 : x.h + off;
  const w = x.w < 0 ? -1 : x.w + off;
  if (!x.global && (shape[h] !== x.shape[x.h] || shape[w] !== x.shape[x.w]))
    ctx.stop('Expand repeats the image along its height or width');
  // A global [N, C, 1, 1] spread over H×W (image pooling branches) is nearest upsampling, so that
  // its size matches the tensors it is later concatenated with.
  const fh = h >= 0 && x.h >= 0 ? shape[h] : null;
  const fw = w >= 0 && x.w >= 0 ? shape[w] : null;
  const spread =
    x.global &&
    x.shape[x.h] === 1 &&
    x.shape[x.w] === 1 &&
    typeof fh === 'number' &&
    typeof fw === 'number' &&
    fh * fw > 1;
  const node = spread
    ? ctx.emit({ op: 'upsample', factor: { h: fh, w: fw }, mode: 'nearest' }, [x.node])
    : ctx.emit({ op: 'neutral', kind: 'Expand' }, [x.node]);
  if (spread) return ctx.set(0, derive(x, node, shape, { h, w }));
  ctx.set(
    0,
    derive(
      x,
      node,
      shape,
      x.global ? { h: shape.length === 4 ? 2 : -1, w: shape.length === 4 ? 3 : -1 } : { h, w },
    ),
  );
}

export function mapTile(ctx: NodeContext): void {
  const x = ctx.input(0);
  const reps = ctx.input(1);
  const r = reps.kind === 'const' ? reps.values : null;
  const shape = x.shape && r ? x.shape.map((d, i) => (d === null ? null : d * (r[i] ?? 1))) : null;
  if (x.kind === 'const') return ctx.set(0, constVal(shape, null, x.dataType));
  if (!r || !shape) ctx.stop('the Tile repeats are only known at run time');
  if (!x.global && ((r[x.h] ?? 1) !== 1 || (r[x.w] ?? 1) !== 1))
    ctx.stop('Tile repeats the image along its height or width');
  const node = ctx.emit({ op: 'neutral', kind: 'Tile' }, [x.node]);
  ctx.set(0, derive(x, node, shape));
}

export function mapRange(ctx: NodeContext): void {
  const ins = ctx.inputs();
  if (ins.some((v) => v.kind === 'image')) ctx.stop('Range bounds depend on the image');
  const [s, l, d] = ins as ConstVal[];
  const sv = s?.values?.[0];
  const lv = l?.values?.[0];
  const dv = d?.values?.[0];
  if (sv === undefined || lv === undefined || dv === undefined || dv === 0)
    return ctx.set(0, opaqueConst([null], s?.dataType ?? 0));
  const n = Math.max(0, Math.ceil((lv - sv) / dv));
  ctx.set(
    0,
    constVal([n], n <= MAX_FOLD ? Array.from({ length: n }, (_, i) => sv + i * dv) : null, s!.dataType),
  );
}
