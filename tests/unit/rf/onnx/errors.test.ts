/** Files that are not importable end with a clear error; large payloads are skipped, not read. */
import { bytesSource, type ByteSource } from '../../../../src/rf/onnx/byte-source.ts';
import { importOnnx } from '../../../../src/rf/onnx/import.ts';
import { OnnxImportError } from '../../../../src/rf/onnx/map-network.ts';
import { OnnxFormatError } from '../../../../src/rf/onnx/wire.ts';
import { GraphBuilder, INT64, buildModel } from './onnx-builder.ts';
import { seedModels } from './fixtures.ts';

const imp = (bytes: Uint8Array) => importOnnx(bytesSource(bytes));

describe('not importable', () => {
  const valid = seedModels()[0]!.bytes;

  test('empty file', async () => {
    await expect(imp(new Uint8Array(0))).rejects.toThrow(new OnnxFormatError('The file is empty.'));
  });

  test('truncated file', async () => {
    for (const cut of [1, 5, Math.floor(valid.length / 2), valid.length - 1]) {
      await expect(imp(valid.subarray(0, cut))).rejects.toBeInstanceOf(OnnxFormatError);
    }
  });

  test('not an ONNX file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    await expect(imp(png)).rejects.toBeInstanceOf(OnnxFormatError);
    await expect(imp(new TextEncoder().encode('{"nodes": []}\n'))).rejects.toBeInstanceOf(OnnxFormatError);
  });

  test('a protobuf without a graph', async () => {
    await expect(imp(new Uint8Array([0x08, 0x07]))).rejects.toThrow(/no graph/);
  });

  test('unsupported opsets', async () => {
    const b = new GraphBuilder();
    const y = b.node('Relu', ['x'], {}, 'relu');
    await expect(imp(b.build({ inputShape: [1, 1, 4, 4], output: y, opset: 0 }))).rejects.toThrow(
      /Unsupported opset 0/,
    );
    await expect(imp(b.build({ inputShape: [1, 1, 4, 4], output: y, opset: 99 }))).rejects.toThrow(
      /Unsupported opset 99/,
    );
  });

  test('a graph with a cycle', async () => {
    const bytes = buildModel({
      inputs: [{ name: 'x', shape: [1, 1, 4, 4] }],
      outputs: [{ name: 'b' }],
      nodes: [
        { op: 'Add', name: 'n1', inputs: ['x', 'b'], outputs: ['a'] },
        { op: 'Relu', name: 'n2', inputs: ['a'], outputs: ['b'] },
      ],
    });
    await expect(imp(bytes)).rejects.toThrow(/cycle \(through node 'n1'\)/);
  });

  test('a missing input', async () => {
    const bytes = buildModel({
      inputs: [{ name: 'x', shape: [1, 1, 4, 4] }],
      outputs: [{ name: 'a' }],
      nodes: [{ op: 'Add', name: 'n1', inputs: ['x', 'ghost'], outputs: ['a'] }],
    });
    await expect(imp(bytes)).rejects.toThrow(
      new OnnxImportError("Node 'n1' reads 'ghost', which no node, graph input or initializer provides."),
    );
  });

  test('no image input', async () => {
    const bytes = buildModel({
      inputs: [{ name: 'v', shape: [1, 10] }],
      outputs: [{ name: 'a' }],
      nodes: [{ op: 'Relu', inputs: ['v'], outputs: ['a'] }],
    });
    await expect(imp(bytes)).rejects.toThrow(/No rank-4 image input/);
  });
});

function countingSource(bytes: Uint8Array): ByteSource & { fetched: number } {
  const inner = bytesSource(bytes);
  const s = {
    size: inner.size,
    fetched: 0,
    async read(offset: number, length: number) {
      const r = await inner.read(offset, length);
      s.fetched += r.length;
      return r;
    },
  };
  return s;
}

describe('large payloads are skipped', () => {
  test('an 8 MB initializer is not read', async () => {
    const b = new GraphBuilder();
    const c = b.conv('x', 'conv', 3, { cin: 1, cout: 1 });
    b.initializers.push({ name: 'huge', dims: [2 * 1024 * 1024], rawZeros: 8 * 1024 * 1024 });
    const bytes = b.build({ inputShape: [1, 1, 8, 8], output: c });
    const src = countingSource(bytes);
    const r = await importOnnx(src);
    expect(r.model.weightBytes).toBe(8 * 1024 * 1024 + 36);
    expect(src.fetched).toBeLessThan(200_000);
    expect(r.model.bytesRead).toBe(src.fetched);
  });

  test('a Constant node holding a 2 MB tensor is walked, not decoded whole', async () => {
    const b = new GraphBuilder();
    const k = b.node(
      'Constant',
      [],
      { value: { t: { name: 'v', dims: [512 * 1024], rawZeros: 2 * 1024 * 1024 } } },
      'bigconst',
    );
    const y = b.node('Add', ['x', k], {}, 'add');
    const bytes = b.build({ inputShape: [1, 1, 8, 8], output: y });
    const src = countingSource(bytes);
    const r = await importOnnx(src);
    expect(r.network.nodes).toEqual([
      { name: 'add', layer: { op: 'neutral', kind: 'Add' }, inputs: ['input'] },
    ]);
    expect(src.fetched).toBeLessThan(300_000);
  });

  test('small int64 initializers are read (both int64_data and raw_data)', async () => {
    const b = new GraphBuilder();
    b.initializers.push({ name: 'pads', dims: [8], dataType: INT64, int64: [0, 0, 1, 2, 0, 0, 3, 4] });
    const y = b.node('Pad', ['x', 'pads'], {}, 'pad');
    const r = await imp(b.build({ inputShape: [1, 1, 8, 8], output: y }));
    expect(r.network.nodes[0]!.layer).toEqual({
      op: 'pad',
      pads: { h: { before: 1, after: 3 }, w: { before: 2, after: 4 } },
    });
  });
});

test('a long run of plausible top-level fields ends quickly as not ONNX', async () => {
  const junk = new Uint8Array(400_000).map((_, i) => (i % 2 === 0 ? 0x08 : 0x00));
  await expect(imp(junk)).rejects.toThrow(/too many top-level fields/);
});
