/** The `rf model.onnx` command: table, JSON, --at, --input, and clean failures (exit 2). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOnnx } from '../../../../src/cli/onnx.ts';
import { GraphBuilder, buildModel } from './onnx-builder.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rf-onnx-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runOnnx(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function small(): Uint8Array {
  // conv 3×3 s2 p1 → relu → maxpool 2×2 s2 on 32×32: n 16 → 8, r 3 → 3 + 1·2 = 5, j 2 → 4.
  const b = new GraphBuilder();
  let t = b.conv('x', 'conv', 3, { s: 2, pads: [1, 1, 1, 1] });
  t = b.node('Relu', [t], {}, 'relu');
  t = b.node('MaxPool', [t], { kernel_shape: [2, 2], strides: [2, 2] }, 'pool');
  return b.build({ inputShape: [1, 3, 32, 32], output: t, producer: 'pytorch' });
}

test('table and summary', async () => {
  const r = await run(file('small.onnx', small()));
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
  expect(r.out).toMatch(/^name\s+op\s+n\s+j\s+r\s+start\s+S\s+P/);
  expect(r.out).toMatch(/conv\s+Conv \(conv\)\s+16\s+2\s+3/);
  expect(r.out).toMatch(/pool\s+MaxPool \(pool\)\s+8\s+4\s+5/);
  expect(r.out).toMatch(/Model: pytorch 1\.0, opset 13, 3 nodes/);
  expect(r.out).toMatch(/Output pool: RF 5 px, effective stride 4/);
});

test('--json with --at (node or tensor name) and --input', async () => {
  const p = file('small2.onnx', small());
  const r = await run(p, '--json', '--at', 'relu:0', '--input', '64x48');
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  expect(j.input).toEqual([64, 48]);
  expect(j.layers.map((l: { name: string }) => l.name)).toEqual(['input', 'conv', 'relu', 'pool']);
  expect(j.layers[1]).toMatchObject({
    name: 'conv',
    op: 'conv',
    size: [32, 24],
    jump: [2, 2],
    rf: [3, 3],
    start: [0.5, 0.5],
    stride: [2, 2],
    padding: [1, 1],
    exact: { jump: ['2', '2'], start: ['1/2', '1/2'], stride: ['2', '2'], padding: ['1', '1'] },
  });
  expect(j.output).toEqual({
    name: 'relu',
    rf: [3, 3],
    stride: [2, 2],
    padding: [1, 1],
    exact: { stride: ['2', '2'], padding: ['1', '1'] },
    global: false,
    globalContext: false,
    aligned: true,
  });
  const r2 = await run(`--at=pool`, p, '--json');
  expect(JSON.parse(r2.out).output.name).toBe('pool');
});

test('a stop prints the partial report and exits 1', async () => {
  const b = new GraphBuilder();
  const c = b.conv('x', 'conv', 3);
  const y = b.node('Mystery', [c], {}, 'mystery');
  const r = await run(file('stop.onnx', b.build({ inputShape: [1, 1, 16, 16], output: y })));
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/Output conv: RF 3 px/);
  expect(r.err).toMatch(/stopped at node 'mystery' \(Mystery\): unknown operator Mystery/);
  expect(r.err).toMatch(/operators not known to the importer: Mystery ×1/);
});

describe('failures exit 2 with a message and no report', () => {
  const valid = small();
  const cases: [string, () => string[], RegExp][] = [
    ['missing file', () => [join(dir, 'nope.onnx')], /cannot open .*nope\.onnx: no such file/],
    ['empty file', () => [file('empty.onnx', new Uint8Array(0))], /The file is empty/],
    [
      'truncated file',
      () => [file('trunc.onnx', valid.subarray(0, valid.length - 7))],
      /end of file|truncated|corrupt/i,
    ],
    [
      'not ONNX',
      () => [file('text.onnx', new TextEncoder().encode('hello, this is not a model\n'))],
      /not|Invalid|Corrupt|Unsupported wire type/i,
    ],
    [
      'corrupted',
      () => [
        file(
          'corrupt.onnx',
          valid.map((b, i) => (i > 20 && i % 7 === 0 ? 0xff : b)),
        ),
      ],
      /.+/,
    ],
    [
      'unsupported opset',
      () => [
        file(
          'opset.onnx',
          buildModel({
            opset: 26,
            inputs: [{ name: 'x', shape: [1, 1, 4, 4] }],
            outputs: [{ name: 'y' }],
            nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
          }),
        ),
      ],
      /Unsupported opset 26/,
    ],
    [
      'cycle',
      () => [
        file(
          'cycle.onnx',
          buildModel({
            inputs: [{ name: 'x', shape: [1, 1, 4, 4] }],
            outputs: [{ name: 'b' }],
            nodes: [
              { op: 'Add', name: 'n1', inputs: ['x', 'b'], outputs: ['a'] },
              { op: 'Relu', name: 'n2', inputs: ['a'], outputs: ['b'] },
            ],
          }),
        ),
      ],
      /cycle/,
    ],
    [
      'missing input',
      () => [
        file(
          'missing.onnx',
          buildModel({
            inputs: [{ name: 'x', shape: [1, 1, 4, 4] }],
            outputs: [{ name: 'a' }],
            nodes: [{ op: 'Add', name: 'n1', inputs: ['x', 'ghost'], outputs: ['a'] }],
          }),
        ),
      ],
      /reads 'ghost'/,
    ],
    ['bad --input', () => [file('ok.onnx', valid), '--input', '0x3'], /--input/],
    ['unknown --at', () => [file('ok2.onnx', valid), '--at', 'nowhere'], /--at nowhere: no mapped node/],
    ['unknown option', () => [file('ok3.onnx', valid), '--frobnicate'], /unknown option --frobnicate/],
    ['no file', () => ['--json'], /give the path of an \.onnx file/],
  ];
  test.each(cases)('%s', async (_name, args, message) => {
    const r = await run(...args());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.split('\n').filter(Boolean).length).toBeLessThanOrEqual(8);
  });
});

test('a long chain of activations prints every row once, across output chunks', async () => {
  // conv 3×3 on 16×16 → n 14, r 3, j 1, start 1.5; unit 0 reads pixels 0–2, so P 0; every Relu after it keeps them. 4,100 Relus
  // make 4,104 table lines (header, rule, input, conv, Relus), more than one chunk of the writer.
  const b = new GraphBuilder();
  let t = b.conv('x', 'conv', 3);
  for (let i = 0; i < 4100; i++) t = b.node('Relu', [t], {}, `relu${i}`);
  const r = await run(file('chain.onnx', b.build({ inputShape: [1, 3, 16, 16], output: t })));
  expect(r.code).toBe(0);
  const [table, summary] = r.out.split('\n\n');
  const lines = table!.split('\n');
  expect(lines).toHaveLength(4104);
  expect(lines.filter((l) => l.trim() === '')).toHaveLength(0);
  const reluRows = lines.filter((l) => /^relu\d+ /.test(l));
  expect(reluRows).toHaveLength(4100);
  expect(new Set(reluRows.map((l) => l.split(/\s+/)[0])).size).toBe(4100);
  for (const row of reluRows) expect(row.split(/\s+/).slice(-6)).toEqual(['14', '1', '3', '1.5', '1', '0']);
  expect(summary).toMatch(/RF 3 px, effective stride 1, effective padding 0,/);
});
