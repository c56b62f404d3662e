/**
 * The shape-arithmetic evaluator, one operator at a time. Every expected value is worked out by
 * hand from the ONNX operator definitions (numpy broadcasting, row-major order).
 */
import { describe, expect, test } from 'vitest';
import { DataType, type AttributeValue, type OnnxNode } from '../../../../src/rf/onnx/model.ts';
import { EVALUATED_OPS, evaluateNode, type KnownTensor } from '../../../../src/rf/onnx/shape-eval.ts';

const I = DataType.INT64;
const F = DataType.FLOAT;
const B = DataType.BOOL;

function t(shape: number[], values: number[], dataType: number = I): KnownTensor {
  return { shape, values, dataType };
}
const s = (v: number, dataType: number = I) => t([], [v], dataType);
const v = (values: number[], dataType: number = I) => t([values.length], values, dataType);

type Attr = number | number[] | { f: number } | { tensor: KnownTensor };
function node(opType: string, attrs: Record<string, Attr> = {}): OnnxNode {
  const attributes = new Map<string, AttributeValue>();
  for (const [k, a] of Object.entries(attrs)) {
    if (typeof a === 'number') attributes.set(k, { kind: 'int', value: a });
    else if (Array.isArray(a)) attributes.set(k, { kind: 'ints', value: a });
    else if ('f' in a) attributes.set(k, { kind: 'float', value: a.f });
    else
      attributes.set(k, {
        kind: 'tensor',
        value: {
          name: 'value',
          dims: a.tensor.shape,
          dataType: a.tensor.dataType,
          values: a.tensor.values,
          payloadBytes: 8,
          external: false,
        },
      });
  }
  return { name: opType, opType, domain: '', inputs: [], outputs: ['y'], attributes };
}

function run(op: string, inputs: (KnownTensor | undefined)[], attrs: Record<string, Attr> = {}, opset = 13) {
  return evaluateNode(node(op, attrs), opset, inputs);
}

const cases: {
  op: string;
  what: string;
  inputs: (KnownTensor | undefined)[];
  attrs?: Record<string, Attr>;
  opset?: number;
  out: KnownTensor;
}[] = [
  { op: 'Add', what: 'broadcasts a scalar', inputs: [v([1, 2]), s(10)], out: v([11, 12]) },
  {
    op: 'Sub',
    what: 'broadcasts [2,1] against [3]',
    inputs: [t([2, 1], [10, 20]), v([1, 2, 3])],
    out: t([2, 3], [9, 8, 7, 19, 18, 17]),
  },
  { op: 'Mul', what: 'multiplies elementwise', inputs: [v([2, 3]), v([4, 5])], out: v([8, 15]) },
  {
    op: 'Div',
    what: 'truncates int64 toward zero (−7 / 2 = −3)',
    inputs: [v([7, -7]), s(2)],
    out: v([3, -3]),
  },
  {
    op: 'Div',
    what: 'rounds FLOAT to float32 (1 / 3)',
    inputs: [s(1, F), s(3, F)],
    out: s(Math.fround(1 / 3), F),
  },
  {
    op: 'Mod',
    what: 'takes the divisor’s sign when fmod = 0 (−7 mod 3 = 2)',
    inputs: [v([7, -7]), s(3)],
    out: v([1, 2]),
  },
  {
    op: 'Mod',
    what: 'takes the dividend’s sign when fmod = 1 (−7 fmod 3 = −1)',
    inputs: [v([7, -7], F), s(3, F)],
    attrs: { fmod: 1 },
    out: v([1, -1], F),
  },
  { op: 'Pow', what: 'raises to a power', inputs: [v([2, 3]), s(2)], out: v([4, 9]) },
  { op: 'Max', what: 'is variadic (max(−1, 0) = 0)', inputs: [v([-1, 5]), s(0), v([-3, 4])], out: v([0, 5]) },
  { op: 'Min', what: 'takes the smaller value', inputs: [v([-1, 5]), s(0)], out: v([-1, 0]) },
  { op: 'Sum', what: 'adds several inputs', inputs: [s(1), s(2), s(3)], out: s(6) },
  { op: 'Mean', what: 'averages several inputs', inputs: [s(1, F), s(2, F)], out: s(1.5, F) },
  { op: 'Neg', what: 'negates', inputs: [v([3, -2])], out: v([-3, 2]) },
  { op: 'Abs', what: 'takes absolute values', inputs: [v([3, -2])], out: v([3, 2]) },
  { op: 'Ceil', what: 'rounds up (ceil(15 / 2) = 8)', inputs: [v([7.5, -7.5], F)], out: v([8, -7], F) },
  { op: 'Floor', what: 'rounds down', inputs: [v([7.5, -7.5], F)], out: v([7, -8], F) },
  {
    op: 'Round',
    what: 'rounds half to even',
    inputs: [v([0.5, 1.5, 2.5, -1.5, 2.6], F)],
    out: v([0, 2, 2, -2, 3], F),
  },
  { op: 'Sign', what: 'gives −1, 0, 1', inputs: [v([-4, 0, 9])], out: v([-1, 0, 1]) },
  { op: 'Sqrt', what: 'takes square roots of floats', inputs: [v([4, 9], F)], out: v([2, 3], F) },
  { op: 'Reciprocal', what: 'inverts floats', inputs: [v([4], F)], out: v([0.25], F) },
  { op: 'Relu', what: 'clamps at zero', inputs: [v([-4, 4])], out: v([0, 4]) },
  { op: 'Not', what: 'negates booleans', inputs: [v([1, 0], B)], out: v([0, 1], B) },
  { op: 'Identity', what: 'passes values on', inputs: [v([4, 5])], out: v([4, 5]) },
  { op: 'Equal', what: 'compares to bool', inputs: [v([1, 2]), s(2)], out: v([0, 1], B) },
  { op: 'Less', what: 'compares to bool', inputs: [v([1, 2]), s(2)], out: v([1, 0], B) },
  { op: 'LessOrEqual', what: 'compares to bool', inputs: [v([1, 3]), s(2)], out: v([1, 0], B) },
  { op: 'Greater', what: 'compares to bool', inputs: [v([1, 3]), s(2)], out: v([0, 1], B) },
  { op: 'GreaterOrEqual', what: 'compares to bool', inputs: [v([2, 1]), s(2)], out: v([1, 0], B) },
  { op: 'And', what: 'is logical and', inputs: [v([1, 1, 0], B), v([1, 0, 0], B)], out: v([1, 0, 0], B) },
  { op: 'Or', what: 'is logical or', inputs: [v([1, 1, 0], B), v([1, 0, 0], B)], out: v([1, 1, 0], B) },
  { op: 'Xor', what: 'is logical xor', inputs: [v([1, 1, 0], B), v([1, 0, 0], B)], out: v([0, 1, 0], B) },
  {
    op: 'Where',
    what: 'selects by condition with broadcasting',
    inputs: [v([1, 0], B), v([5, 6]), s(-1)],
    out: v([5, -1]),
  },
  {
    op: 'Cast',
    what: 'truncates float to int64',
    inputs: [v([2.7, -2.7], F)],
    attrs: { to: I },
    out: v([2, -2]),
  },
  { op: 'Cast', what: 'turns int64 into float', inputs: [v([3])], attrs: { to: F }, out: v([3], F) },
  { op: 'CastLike', what: 'takes the type of its second input', inputs: [v([2.5], F), s(0)], out: v([2]) },
  {
    op: 'Clip',
    what: 'clamps to optional bounds (opset 11+)',
    inputs: [v([-5, 0, 5]), s(-1), s(1)],
    out: v([-1, 0, 1]),
  },
  {
    op: 'Clip',
    what: 'clamps to attribute bounds (opset 6)',
    inputs: [v([-5, 5], F)],
    attrs: { min: { f: 0 } },
    opset: 6,
    out: v([0, 5], F),
  },
  {
    op: 'Gather',
    what: 'picks dims of a shape (index 2 of [1, 3, 15, 16])',
    inputs: [v([1, 3, 15, 16]), s(2)],
    out: s(15),
  },
  {
    op: 'Gather',
    what: 'takes negative indices and index vectors',
    inputs: [v([1, 3, 15, 16]), v([-1, -2])],
    out: v([16, 15]),
  },
  {
    op: 'Gather',
    what: 'gathers rows of a matrix on axis 1',
    inputs: [t([2, 3], [1, 2, 3, 4, 5, 6]), v([2, 0])],
    attrs: { axis: 1 },
    out: t([2, 2], [3, 1, 6, 4]),
  },
  {
    op: 'Slice',
    what: 'takes the last two dims of a shape',
    inputs: [v([1, 3, 15, 16]), v([-2]), v([2 ** 63]) /* INT64_MAX as the reader decodes it */],
    out: v([15, 16]),
  },
  {
    op: 'Slice',
    what: 'reverses axis 0 with step −1 (the flip in torch pad exports)',
    inputs: [t([3, 2], [1, 2, 3, 4, 5, 6]), v([-1]), v([-(2 ** 63)]), v([0]), v([-1])],
    out: t([3, 2], [5, 6, 3, 4, 1, 2]),
  },
  {
    op: 'Slice',
    what: 'reads starts and ends from attributes (opset 9)',
    inputs: [v([1, 3, 15, 16])],
    attrs: { starts: [1], ends: [3] },
    opset: 9,
    out: v([3, 15]),
  },
  { op: 'Concat', what: 'joins vectors', inputs: [v([1]), v([2, 3])], attrs: { axis: 0 }, out: v([1, 2, 3]) },
  {
    op: 'Concat',
    what: 'joins matrices on axis 1',
    inputs: [t([2, 1], [1, 2]), t([2, 2], [3, 4, 5, 6])],
    attrs: { axis: 1 },
    out: t([2, 3], [1, 3, 4, 2, 5, 6]),
  },
  {
    op: 'Transpose',
    what: 'swaps the axes of a matrix',
    inputs: [t([3, 2], [1, 2, 3, 4, 5, 6])],
    attrs: { perm: [1, 0] },
    out: t([2, 3], [1, 3, 5, 2, 4, 6]),
  },
  {
    op: 'Reshape',
    what: 'resolves −1',
    inputs: [v([1, 2, 3, 4, 5, 6]), v([-1, 2])],
    out: t([3, 2], [1, 2, 3, 4, 5, 6]),
  },
  {
    op: 'Reshape',
    what: 'copies a dim for 0',
    inputs: [t([2, 3], [1, 2, 3, 4, 5, 6]), v([0, 3])],
    out: t([2, 3], [1, 2, 3, 4, 5, 6]),
  },
  {
    op: 'Flatten',
    what: 'makes a matrix',
    inputs: [t([2, 1, 3], [1, 2, 3, 4, 5, 6])],
    out: t([2, 3], [1, 2, 3, 4, 5, 6]),
  },
  { op: 'Squeeze', what: 'drops a unit axis (opset 13 input)', inputs: [v([7]), v([0])], out: s(7) },
  {
    op: 'Squeeze',
    what: 'drops a unit axis (opset 11 attribute)',
    inputs: [v([7])],
    attrs: { axes: [0] },
    opset: 11,
    out: s(7),
  },
  { op: 'Unsqueeze', what: 'makes a scalar a vector (opset 13 input)', inputs: [s(7), v([0])], out: v([7]) },
  {
    op: 'Unsqueeze',
    what: 'makes a scalar a vector (opset 11 attribute)',
    inputs: [s(7)],
    attrs: { axes: [0] },
    opset: 11,
    out: v([7]),
  },
  {
    op: 'Expand',
    what: 'broadcasts to a shape',
    inputs: [v([1, 2]), v([2, 2])],
    out: t([2, 2], [1, 2, 1, 2]),
  },
  { op: 'Tile', what: 'repeats', inputs: [v([1, 2]), v([2])], out: v([1, 2, 1, 2]) },
  { op: 'Range', what: 'counts with a step', inputs: [s(1), s(8), s(3)], out: v([1, 4, 7]) },
  {
    op: 'ConstantOfShape',
    what: 'fills a shape with its value',
    inputs: [v([3])],
    attrs: { value: { tensor: v([0]) } },
    out: v([0, 0, 0]),
  },
  {
    op: 'Shape',
    what: 'reads a constant’s shape with start/end',
    inputs: [t([2, 3], [1, 2, 3, 4, 5, 6])],
    attrs: { start: -1 },
    opset: 15,
    out: v([3]),
  },
  { op: 'Size', what: 'counts elements', inputs: [t([2, 3], [1, 2, 3, 4, 5, 6])], out: s(6) },
  {
    op: 'ReduceProd',
    what: 'multiplies all elements (keepdims 0)',
    inputs: [v([2, 3, 4])],
    attrs: { keepdims: 0 },
    out: s(24),
  },
  {
    op: 'ReduceSum',
    what: 'adds over axis 1 (axes input, opset 13)',
    inputs: [t([2, 2], [1, 2, 3, 4]), v([1])],
    out: t([2, 1], [3, 7]),
  },
  { op: 'ReduceMax', what: 'takes the maximum', inputs: [v([2, 9, 4])], attrs: { keepdims: 0 }, out: s(9) },
  {
    op: 'ReduceMin',
    what: 'takes the minimum over axis 0',
    inputs: [t([2, 2], [1, 5, 3, 4])],
    attrs: { axes: [0] },
    out: t([1, 2], [1, 4]),
  },
];

describe('shape evaluator', () => {
  test.each(cases)('$op $what', ({ op, inputs, attrs, opset, out }) => {
    expect(run(op, inputs, attrs ?? {}, opset ?? 13)).toEqual(out);
  });

  test('every evaluated operator has a case above', () => {
    const covered = new Set(cases.map((c) => c.op));
    expect(EVALUATED_OPS.filter((op) => !covered.has(op))).toEqual([]);
  });

  test('unknown operators, custom domains and impossible inputs give null', () => {
    expect(run('Conv', [v([1])])).toBeNull();
    expect(evaluateNode({ ...node('Add'), domain: 'com.example' }, 13, [s(1), s(2)])).toBeNull();
    expect(run('Div', [s(1), s(0)])).toBeNull();
    expect(run('Add', [v([1, 2]), v([1, 2, 3])])).toBeNull();
    expect(run('Gather', [v([1, 2]), s(5)])).toBeNull();
    expect(run('Range', [s(0), s(1e6), s(1)])).toBeNull();
    // int64 results beyond 2^53 are not exact as numbers.
    expect(run('Mul', [s(2 ** 52), s(4)])).toBeNull();
  });
});
