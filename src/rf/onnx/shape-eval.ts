/**
 * A partial evaluator for the integer shape arithmetic exporters write into graphs.
 *
 * Models that pad "same" the TensorFlow way (timm's `pad_same`), or resize to the input's size,
 * read the input's shape at run time and compute pad amounts or target sizes from it (Shape →
 * Gather → Sub, Mul, Div, Ceil, Max, Cast → Unsqueeze → Concat → Pad). Once the input size is
 * known every such value is a constant: this module evaluates one node whose inputs are all known
 * constants, with ONNX semantics — numpy broadcasting, integer Div truncating toward zero, Mod with
 * the sign of the divisor unless `fmod = 1`, float32 rounding for FLOAT tensors, row-major values.
 * It returns null when it cannot (unknown values, unsupported op, results too large), and the
 * mapping then falls back to tracking shapes only.
 */
import { DataType, isIntegerType, type AttributeValue, type OnnxNode } from './model.ts';

/** A constant tensor with known shape and values (row-major). */
export interface KnownTensor {
  shape: number[];
  values: number[];
  dataType: number;
}

/** Tensors with more elements than this are not evaluated (shape arithmetic stays tiny). */
export const MAX_EVAL_ELEMENTS = 4096;

class Unknown extends Error {}

function fail(): never {
  throw new Unknown();
}

type Attrs = ReadonlyMap<string, AttributeValue>;

function attrInt(a: Attrs, name: string, fallback: number): number {
  const v = a.get(name);
  return v?.kind === 'int' ? v.value : v?.kind === 'float' ? Math.trunc(v.value) : fallback;
}

function attrFloat(a: Attrs, name: string, fallback: number): number {
  const v = a.get(name);
  return v?.kind === 'float' || v?.kind === 'int' ? v.value : fallback;
}

function attrInts(a: Attrs, name: string): number[] | null {
  const v = a.get(name);
  return v?.kind === 'ints' ? v.value : v?.kind === 'int' ? [v.value] : null;
}

const count = (shape: number[]) => shape.reduce((x, y) => x * y, 1);

function strides(shape: number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1]! * shape[i + 1]!;
  return out;
}

function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) fail();
  return a;
}

/** A shape small enough to evaluate: every dim an integer in [0, MAX_EVAL_ELEMENTS], few elements. */
export function evaluableShape(shape: readonly number[]): boolean {
  return (
    shape.length <= 16 &&
    shape.every((d) => Number.isInteger(d) && d >= 0 && d <= MAX_EVAL_ELEMENTS) &&
    count(shape as number[]) <= MAX_EVAL_ELEMENTS
  );
}

function checked(shape: number[]): number[] {
  if (!evaluableShape(shape)) fail();
  return shape;
}

function tensor(shape: number[], values: number[], dataType: number): KnownTensor {
  if (!evaluableShape(shape) || values.length !== count(shape)) fail();
  return { shape, values, dataType };
}

/** Rounds a value to what its element type can hold (float32 for FLOAT; exact for integers). */
function store(v: number, dataType: number): number {
  if (dataType === DataType.BOOL) return v ? 1 : 0;
  if (isIntegerType(dataType)) {
    if (!Number.isSafeInteger(v)) fail();
    return v;
  }
  if (Number.isNaN(v)) fail();
  return dataType === DataType.FLOAT ? Math.fround(v) : v;
}

/** numpy broadcasting of several tensors; `f` gets one element of each. */
function broadcast(ins: KnownTensor[], dataType: number, f: (xs: number[]) => number): KnownTensor {
  const rank = Math.max(...ins.map((t) => t.shape.length));
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const t of ins) {
      const e = t.shape[t.shape.length - rank + i] ?? 1;
      if (e !== 1) {
        if (d !== 1 && d !== e) fail();
        d = e;
      }
    }
    shape.push(d);
  }
  const n = count(shape);
  if (n > MAX_EVAL_ELEMENTS) fail();
  const outStrides = strides(shape);
  const inStrides = ins.map((t) => {
    const s = strides(t.shape);
    return shape.map((_, i) => {
      const k = t.shape.length - rank + i;
      return k < 0 || t.shape[k] === 1 ? 0 : s[k]!;
    });
  });
  const values = new Array<number>(n);
  for (let flat = 0; flat < n; flat++) {
    const xs = ins.map((t, j) => {
      let off = 0;
      let rest = flat;
      for (let i = 0; i < rank; i++) {
        const idx = Math.floor(rest / outStrides[i]!);
        rest -= idx * outStrides[i]!;
        off += idx * inStrides[j]![i]!;
      }
      return t.values[off]!;
    });
    values[flat] = store(f(xs), dataType);
  }
  return { shape, values, dataType };
}

/** Integer division truncating toward zero, as ONNX runtimes do for integer tensors. */
function intDiv(a: number, b: number): number {
  if (b === 0) fail();
  return Math.trunc(a / b);
}

function mod(a: number, b: number, fmod: boolean, integer: boolean): number {
  if (b === 0) fail();
  const r = a % b;
  if (fmod || !integer) return r;
  // fmod = 0: the remainder takes the sign of the divisor (Python's %).
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Round half to even (ONNX Round). */
function roundEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const UNARY: Record<string, (v: number) => number> = {
  Neg: (v) => -v,
  Abs: Math.abs,
  Ceil: Math.ceil,
  Floor: Math.floor,
  Round: roundEven,
  Sign: Math.sign,
  Sqrt: Math.sqrt,
  Reciprocal: (v) => 1 / v,
  Relu: (v) => Math.max(v, 0),
  Not: (v) => (v ? 0 : 1),
  Identity: (v) => v,
};

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  Equal: (a, b) => a === b,
  Less: (a, b) => a < b,
  LessOrEqual: (a, b) => a <= b,
  Greater: (a, b) => a > b,
  GreaterOrEqual: (a, b) => a >= b,
  And: (a, b) => a !== 0 && b !== 0,
  Or: (a, b) => a !== 0 || b !== 0,
  Xor: (a, b) => (a !== 0) !== (b !== 0),
};

function binary(op: string, node: OnnxNode, ins: KnownTensor[]): KnownTensor {
  const dt = ins[0]!.dataType;
  const integer = isIntegerType(dt);
  switch (op) {
    case 'Add':
    case 'Sum':
      return broadcast(ins, dt, (xs) => xs.reduce((a, b) => a + b));
    case 'Sub':
      return broadcast(ins, dt, ([a, b]) => a! - b!);
    case 'Mul':
      return broadcast(ins, dt, (xs) => xs.reduce((a, b) => a * b));
    case 'Div':
      return broadcast(ins, dt, ([a, b]) => (integer ? intDiv(a!, b!) : a! / b!));
    case 'Mod':
      return broadcast(ins, dt, ([a, b]) => mod(a!, b!, attrInt(node.attributes, 'fmod', 0) === 1, integer));
    case 'Pow':
      return broadcast(ins, dt, ([a, b]) => a! ** b!);
    case 'Max':
      return broadcast(ins, dt, (xs) => Math.max(...xs));
    case 'Min':
      return broadcast(ins, dt, (xs) => Math.min(...xs));
    case 'Mean':
      return broadcast(ins, dt, (xs) => xs.reduce((a, b) => a + b) / xs.length);
    default:
      return broadcast(ins, DataType.BOOL, ([a, b]) => (COMPARE[op]!(a!, b!) ? 1 : 0));
  }
}

function gather(node: OnnxNode, data: KnownTensor, idx: KnownTensor): KnownTensor {
  const rank = data.shape.length;
  const axis = normAxis(attrInt(node.attributes, 'axis', 0), rank);
  const n = data.shape[axis]!;
  const outer = count(data.shape.slice(0, axis));
  const inner = count(data.shape.slice(axis + 1));
  const values: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const raw of idx.values) {
      const i = raw < 0 ? raw + n : raw;
      if (i < 0 || i >= n) fail();
      for (let k = 0; k < inner; k++) values.push(data.values[(o * n + i) * inner + k]!);
    }
  return tensor(
    [...data.shape.slice(0, axis), ...idx.shape, ...data.shape.slice(axis + 1)],
    values,
    data.dataType,
  );
}

/** Index lists per axis, then the row-major product of them. */
function pick(data: KnownTensor, perAxis: number[][]): number[] {
  const s = strides(data.shape);
  let offsets = [0];
  perAxis.forEach((list, a) => {
    const next: number[] = [];
    for (const o of offsets) for (const i of list) next.push(o + i * s[a]!);
    offsets = next;
  });
  return offsets.map((o) => data.values[o]!);
}

function slice(node: OnnxNode, opset: number, ins: (KnownTensor | undefined)[]): KnownTensor {
  const data = ins[0]!;
  const rank = data.shape.length;
  let starts: number[];
  let ends: number[];
  let axes: number[] | null;
  let steps: number[] | null = null;
  if (opset >= 10) {
    starts = ins[1]?.values ?? fail();
    ends = ins[2]?.values ?? fail();
    axes = ins[3]?.values ?? null;
    steps = ins[4]?.values ?? null;
  } else {
    starts = attrInts(node.attributes, 'starts') ?? fail();
    ends = attrInts(node.attributes, 'ends') ?? fail();
    axes = attrInts(node.attributes, 'axes');
  }
  const perAxis = data.shape.map((n) => Array.from({ length: n }, (_, i) => i));
  starts.forEach((s0, j) => {
    const a = normAxis(axes ? axes[j]! : j, rank);
    const n = data.shape[a]!;
    const step = steps ? steps[j]! : 1;
    if (step === 0) fail();
    let s = s0 < 0 ? s0 + n : s0;
    let e = ends[j]! < 0 ? ends[j]! + n : ends[j]!;
    const list: number[] = [];
    if (step > 0) {
      s = Math.min(Math.max(s, 0), n);
      e = Math.min(Math.max(e, 0), n);
      for (let i = s; i < e; i += step) list.push(i);
    } else {
      s = Math.min(Math.max(s, -1), n - 1);
      e = Math.min(Math.max(e, -1), n - 1);
      for (let i = s; i > e; i += step) list.push(i);
    }
    perAxis[a] = list;
  });
  return tensor(
    perAxis.map((l) => l.length),
    pick(data, perAxis),
    data.dataType,
  );
}

function concat(node: OnnxNode, opset: number, ins: KnownTensor[]): KnownTensor {
  const ref = ins[0]!;
  const rank = ref.shape.length;
  const axis = normAxis(attrInt(node.attributes, 'axis', opset < 4 ? 1 : 0), rank);
  for (const t of ins)
    if (t.shape.length !== rank || t.shape.some((d, i) => i !== axis && d !== ref.shape[i])) fail();
  const outer = count(ref.shape.slice(0, axis));
  const inner = count(ref.shape.slice(axis + 1));
  const values: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const t of ins) {
      const block = t.shape[axis]! * inner;
      values.push(...t.values.slice(o * block, (o + 1) * block));
    }
  const shape = ref.shape.slice();
  shape[axis] = ins.reduce((acc, t) => acc + t.shape[axis]!, 0);
  return tensor(shape, values, ref.dataType);
}

function transpose(node: OnnxNode, data: KnownTensor): KnownTensor {
  const rank = data.shape.length;
  const perm = attrInts(node.attributes, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (perm.length !== rank) fail();
  const shape = perm.map((p) => data.shape[p]!);
  const s = strides(data.shape);
  const outStrides = strides(shape);
  const values = new Array<number>(data.values.length);
  for (let flat = 0; flat < values.length; flat++) {
    let rest = flat;
    let off = 0;
    for (let i = 0; i < rank; i++) {
      const idx = Math.floor(rest / outStrides[i]!);
      rest -= idx * outStrides[i]!;
      off += idx * s[perm[i]!]!;
    }
    values[flat] = data.values[off]!;
  }
  return tensor(shape, values, data.dataType);
}

function reshape(node: OnnxNode, data: KnownTensor, target: number[]): KnownTensor {
  const allowZero = attrInt(node.attributes, 'allowzero', 0) !== 0;
  const shape = target.map((t, i) => (t === 0 && !allowZero ? (data.shape[i] ?? fail()) : t));
  if (target.length > 16 || shape.filter((d) => d === -1).length > 1 || shape.some((d) => d < -1)) fail();
  const minus = shape.indexOf(-1);
  if (minus >= 0) {
    const rest = count(shape.filter((_, i) => i !== minus));
    if (rest === 0 || data.values.length % rest !== 0) fail();
    shape[minus] = data.values.length / rest;
  }
  return tensor(shape, data.values, data.dataType);
}

function axesOf(
  node: OnnxNode,
  opset: number,
  since: number,
  ins: (KnownTensor | undefined)[],
): number[] | null {
  return opset >= since ? (ins[1]?.values ?? null) : attrInts(node.attributes, 'axes');
}

function reduce(op: string, node: OnnxNode, opset: number, ins: (KnownTensor | undefined)[]): KnownTensor {
  const data = ins[0]!;
  const rank = data.shape.length;
  const raw = axesOf(node, opset, op === 'ReduceSum' ? 13 : 18, ins);
  if (raw && raw.length === 0 && attrInt(node.attributes, 'noop_with_empty_axes', 0)) return data;
  const axes = (raw && raw.length ? raw : data.shape.map((_, i) => i)).map((a) => normAxis(a, rank));
  const keep = attrInt(node.attributes, 'keepdims', 1) !== 0;
  const outShape = data.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const acc = new Map<number, number>();
  const s = strides(data.shape);
  const os = strides(outShape);
  data.values.forEach((v, flat) => {
    let rest = flat;
    let off = 0;
    for (let i = 0; i < rank; i++) {
      const idx = Math.floor(rest / s[i]!);
      rest -= idx * s[i]!;
      if (!axes.includes(i)) off += idx * os[i]!;
    }
    const prev = acc.get(off);
    acc.set(
      off,
      prev === undefined
        ? v
        : op === 'ReduceProd'
          ? prev * v
          : op === 'ReduceSum'
            ? prev + v
            : op === 'ReduceMax'
              ? Math.max(prev, v)
              : Math.min(prev, v),
    );
  });
  const n = count(outShape);
  const values = Array.from({ length: n }, (_, i) =>
    store(acc.get(i) ?? (op === 'ReduceProd' ? 1 : 0), data.dataType),
  );
  return tensor(keep ? outShape : data.shape.filter((_, i) => !axes.includes(i)), values, data.dataType);
}

function range(ins: (KnownTensor | undefined)[]): KnownTensor {
  const [s, l, d] = [ins[0]?.values[0], ins[1]?.values[0], ins[2]?.values[0]];
  if (s === undefined || l === undefined || d === undefined || d === 0) fail();
  const n = Math.max(0, Math.ceil((l - s) / d));
  if (n > MAX_EVAL_ELEMENTS) fail();
  const dt = ins[0]!.dataType;
  return tensor(
    [n],
    Array.from({ length: n }, (_, i) => store(s + i * d, dt)),
    dt,
  );
}

function expand(data: KnownTensor, target: number[]): KnownTensor {
  checked(target);
  const shapeOnly: KnownTensor = {
    shape: target,
    values: new Array<number>(count(target)).fill(0),
    dataType: data.dataType,
  };
  return broadcast([data, shapeOnly], data.dataType, ([a]) => a!);
}

function tile(data: KnownTensor, repeats: number[]): KnownTensor {
  if (repeats.length !== data.shape.length) fail();
  checked(data.shape.map((n, a) => n * repeats[a]!));
  const perAxis = data.shape.map((n, a) => Array.from({ length: n * repeats[a]! }, (_, i) => i % n));
  return tensor(
    perAxis.map((l) => l.length),
    pick(data, perAxis),
    data.dataType,
  );
}

/** The operators this evaluator folds (when every input is a known constant). */
export const EVALUATED_OPS: readonly string[] = [
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Mod',
  'Pow',
  'Max',
  'Min',
  'Sum',
  'Mean',
  'Neg',
  'Abs',
  'Ceil',
  'Floor',
  'Round',
  'Sign',
  'Sqrt',
  'Reciprocal',
  'Relu',
  'Not',
  'Identity',
  'Equal',
  'Less',
  'LessOrEqual',
  'Greater',
  'GreaterOrEqual',
  'And',
  'Or',
  'Xor',
  'Where',
  'Cast',
  'CastLike',
  'Clip',
  'Gather',
  'Slice',
  'Concat',
  'Transpose',
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Expand',
  'Tile',
  'Range',
  'ConstantOfShape',
  'Shape',
  'Size',
  'ReduceProd',
  'ReduceSum',
  'ReduceMax',
  'ReduceMin',
];
const EVALUATED = new Set(EVALUATED_OPS);

function evaluate(node: OnnxNode, opset: number, ins: (KnownTensor | undefined)[]): KnownTensor {
  const op = node.opType;
  const present = ins.filter((t): t is KnownTensor => t !== undefined);
  const x = ins[0] ?? fail();
  if (op in UNARY) return broadcast([x], x.dataType, ([v]) => UNARY[op]!(v!));
  if (op in COMPARE || ['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Max', 'Min', 'Sum', 'Mean'].includes(op))
    return binary(op, node, present);
  switch (op) {
    case 'Where': {
      const [c, a, b] = [ins[0] ?? fail(), ins[1] ?? fail(), ins[2] ?? fail()];
      return broadcast([c, a, b], a.dataType, ([cv, av, bv]) => (cv ? av! : bv!));
    }
    case 'Cast':
    case 'CastLike': {
      const to = op === 'Cast' ? attrInt(node.attributes, 'to', 0) : (ins[1] ?? fail()).dataType;
      if (to === DataType.STRING || to === DataType.UNDEFINED) fail();
      return broadcast([x], to, ([v]) => (isIntegerType(to) && to !== DataType.BOOL ? Math.trunc(v!) : v!));
    }
    case 'Clip': {
      const lo =
        opset >= 11 ? (ins[1]?.values[0] ?? -Infinity) : attrFloat(node.attributes, 'min', -Infinity);
      const hi = opset >= 11 ? (ins[2]?.values[0] ?? Infinity) : attrFloat(node.attributes, 'max', Infinity);
      return broadcast([x], x.dataType, ([v]) => Math.min(Math.max(v!, lo), hi));
    }
    case 'Gather':
      return gather(node, x, ins[1] ?? fail());
    case 'Slice':
      return slice(node, opset, ins);
    case 'Concat':
      return concat(node, opset, present);
    case 'Transpose':
      return transpose(node, x);
    case 'Reshape':
      return reshape(
        node,
        x,
        opset >= 5 ? (ins[1] ?? fail()).values : (attrInts(node.attributes, 'shape') ?? fail()),
      );
    case 'Flatten': {
      const axis = attrInt(node.attributes, 'axis', 1);
      const a = axis < 0 ? axis + x.shape.length : axis;
      return tensor([count(x.shape.slice(0, a)), count(x.shape.slice(a))], x.values, x.dataType);
    }
    case 'Squeeze': {
      const raw = axesOf(node, opset, 13, ins);
      const axes = raw
        ? raw.map((a) => normAxis(a, x.shape.length))
        : x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
      if (axes.some((a) => x.shape[a] !== 1)) fail();
      return tensor(
        x.shape.filter((_, i) => !axes.includes(i)),
        x.values,
        x.dataType,
      );
    }
    case 'Unsqueeze': {
      const raw = axesOf(node, opset, 13, ins) ?? fail();
      const rank = x.shape.length + raw.length;
      const axes = raw.map((a) => normAxis(a, rank));
      const rest = x.shape.slice();
      const shape = Array.from({ length: rank }, (_, i) => (axes.includes(i) ? 1 : rest.shift()!));
      return tensor(shape, x.values, x.dataType);
    }
    case 'Expand':
      return expand(x, (ins[1] ?? fail()).values);
    case 'Tile':
      return tile(x, (ins[1] ?? fail()).values);
    case 'Range':
      return range(ins);
    case 'ConstantOfShape': {
      const a = node.attributes.get('value');
      const fill = a?.kind === 'tensor' ? (a.value.values?.[0] ?? fail()) : 0;
      const dt = a?.kind === 'tensor' ? a.value.dataType : DataType.FLOAT;
      const shape = checked(x.values);
      return tensor(shape, new Array<number>(count(shape)).fill(fill), dt);
    }
    case 'Shape': {
      const rank = x.shape.length;
      const clamp = (v: number) => Math.min(rank, Math.max(0, v < 0 ? v + rank : v));
      const start = clamp(attrInt(node.attributes, 'start', 0));
      const end = clamp(attrInt(node.attributes, 'end', rank));
      const dims = x.shape.slice(start, Math.max(start, end));
      return tensor([dims.length], dims, DataType.INT64);
    }
    case 'Size':
      return tensor([], [x.values.length], DataType.INT64);
    case 'ReduceProd':
    case 'ReduceSum':
    case 'ReduceMax':
    case 'ReduceMin':
      return reduce(op, node, opset, ins);
    default:
      return fail();
  }
}

/**
 * Evaluates `node` on known constant inputs (undefined = absent optional input). Returns its
 * first output, or null when the op is not evaluated here or the result is not exactly known.
 */
export function evaluateNode(
  node: OnnxNode,
  opset: number,
  inputs: (KnownTensor | undefined)[],
): KnownTensor | null {
  if ((node.domain !== '' && node.domain !== 'ai.onnx') || !EVALUATED.has(node.opType)) return null;
  try {
    return evaluate(node, opset, inputs);
  } catch (error) {
    if (error instanceof Unknown) return null;
    throw error;
  }
}
