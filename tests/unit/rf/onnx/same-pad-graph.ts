/**
 * Test graphs: timm's Conv2dSame as `torch.onnx.export` writes it at opset 13 (the pad amounts are
 * computed from the input's shape at run time; see pad-same.test.ts for the formula).
 */
import { FLOAT, GraphBuilder, INT64 } from './onnx-builder.ts';

const scalar = (b: GraphBuilder, name: string, value: number, dataType = INT64) =>
  b.node('Constant', [], {
    value: {
      t:
        dataType === INT64
          ? { name, dims: [], dataType, int64: [value] }
          : { name, dims: [], dataType, floats: [value] },
    },
  });

/** pad = max((⌈i/s⌉ − 1)·s + (k − 1)·d + 1 − i, 0) for the axis `axis` of `x`. */
function samePad(b: GraphBuilder, x: string, axis: number, k: number, s: number, d: number): string {
  const shape = b.node('Shape', [x]);
  const i = b.node('Gather', [shape, scalar(b, `ax${axis}`, axis)], { axis: 0 });
  const fi = b.node('Cast', [i], { to: FLOAT });
  const q = b.node('Ceil', [b.node('Div', [fi, scalar(b, 's', s, FLOAT)])]);
  const qi = b.node('Cast', [q], { to: INT64 });
  const span = b.node('Mul', [b.node('Sub', [qi, scalar(b, 'one', 1)]), scalar(b, 's', s)]);
  const total = b.node('Sub', [b.node('Add', [span, scalar(b, 'keff', (k - 1) * d + 1)]), i]);
  return b.node('Max', [total, scalar(b, 'zero', 0)]);
}

/** Conv2dSame: the pad graph above for H and W, F.pad's ONNX lowering, then a valid conv. */
export function convSame(b: GraphBuilder, x: string, name: string, k: number, s: number, d: number): string {
  const ph = samePad(b, x, 2, k, s, d);
  const pw = samePad(b, x, 3, k, s, d);
  const two = scalar(b, 'two', 2);
  const halves = [pw, ph].flatMap((p) => {
    const before = b.node('Div', [p, two]);
    return [before, b.node('Sub', [p, before])];
  });
  const axes0 = b.int64(`${name}.axes0`, [0]);
  // F.pad's list [w_before, w_after, h_before, h_after].
  const list = b.node(
    'Concat',
    halves.map((h) => b.node('Unsqueeze', [h, axes0])),
    { axis: 0 },
  );
  const len = b.node('Gather', [b.node('Shape', [list]), b.int64(`${name}.i0`, [0])], { axis: 0 });
  const extension = b.node('Sub', [b.node('Mul', [scalar(b, 'rank', 4), two]), len]);
  const zeros = b.node('ConstantOfShape', [extension], {
    value: { t: { name: 'z', dims: [1], dataType: INT64, int64: [0] } },
  });
  let pads = b.node('Concat', [b.node('Cast', [list], { to: INT64 }), zeros], { axis: 0 });
  pads = b.node('Reshape', [pads, b.int64(`${name}.m12`, [-1, 2])]);
  pads = b.node('Slice', [
    pads,
    b.int64(`${name}.st`, [-1]),
    b.int64(`${name}.en`, [-9223372036854775807n]),
    axes0,
    b.int64(`${name}.step`, [-1]),
  ]);
  pads = b.node('Transpose', [pads], { perm: [1, 0] });
  pads = b.node('Reshape', [pads, b.int64(`${name}.m1`, [-1])]);
  pads = b.node('Cast', [pads], { to: INT64 });
  const padded = b.node('Pad', [x, pads], {}, `${name}/pad`);
  return b.conv(padded, name, k, { s, d });
}
