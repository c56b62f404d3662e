/**
 * The import's name tables: `opOf` and `tensorNode` answer what the `ops` and `tensors` tables hold
 * (the tables the worker posts), and `keepTensor` limits the recorded tensors to the ones it
 * accepts and the graph outputs.
 */
import { bytesSource } from '../../../../src/rf/onnx/byte-source.ts';
import { importOnnx } from '../../../../src/rf/onnx/import.ts';
import { seedModels } from './fixtures.ts';

describe('import name tables', () => {
  test.each(seedModels().map((m) => [m.name, m.bytes] as const))('%s', async (_name, bytes) => {
    const all = await importOnnx(bytesSource(bytes));
    const names = all.network.nodes.map((n) => n.name);
    // Every network node has its operator, and no other name has one.
    expect(Object.keys(all.ops).sort()).toEqual([...names].sort());
    for (const n of names) expect(all.opOf(n)).toBe(all.ops[n]);
    expect(all.opOf('input')).toBeUndefined();
    expect(all.opOf('no such node')).toBeUndefined();
    const tensors = Object.keys(all.tensors);
    expect(tensors.length).toBeGreaterThan(0);
    for (const t of tensors) expect(all.tensorNode(t)).toBe(all.tensors[t]);
    expect(Object.getPrototypeOf(all.tensors)).toBeNull();
    expect(Object.getPrototypeOf(all.ops)).toBeNull();

    // Keeping one tensor: that one and the graph outputs, with the same nodes as before.
    const pick = tensors[Math.floor(tensors.length / 2)]!;
    const some = await importOnnx(bytesSource(bytes), { keepTensor: (t) => t === pick });
    const outputs = all.outputs.map((o) => o.tensor);
    const want = tensors.filter((t) => t === pick || outputs.includes(t)).sort();
    expect(Object.keys(some.tensors).sort()).toEqual(want);
    for (const t of want) expect(some.tensorNode(t)).toBe(all.tensors[t]);
    expect(some.outputs).toEqual(all.outputs);
    expect(some.ops).toEqual(all.ops);
  });
});
