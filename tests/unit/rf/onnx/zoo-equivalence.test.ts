/**
 * Every zoo model written out as ONNX and imported back gives the same analysis, layer by layer
 * (n, j, r, start, S, P, global flags) and at the zoo endpoint.
 */
import { analyze, toNumber, type LayerResult } from '../../../../src/rf/index.ts';
import { zoo } from '../../../../src/rf/zoo/index.ts';
import { bytesSource } from '../../../../src/rf/onnx/byte-source.ts';
import { importOnnx } from '../../../../src/rf/onnx/import.ts';
import { networkToOnnx } from './network-to-onnx.ts';

function numbers(l: LayerResult) {
  const axes = (f: (a: 'h' | 'w') => unknown) => [f('h'), f('w')];
  const { stride, padding } = l;
  return {
    size: axes((a) => l.size[a]),
    jump: axes((a) => toNumber(l.jump[a])),
    rf: axes((a) => l.rf[a]),
    start: axes((a) => toNumber(l.start[a])),
    stride: stride === null ? null : axes((a) => toNumber(stride[a])),
    padding: padding === null ? null : axes((a) => toNumber(padding[a])),
    global: l.global,
    globalContext: l.globalContext,
    aligned: l.aligned,
  };
}

describe('zoo models round-trip through ONNX', () => {
  test('the zoo is not empty', () => {
    expect(zoo.length).toBeGreaterThan(0);
  });
  const cases = zoo.flatMap((m) => [[m.id, m, false] as const, [`${m.id} (graph-only)`, m, true] as const]);
  test.each(cases)('%s', async (_id, model, graphOnly) => {
    const bytes = networkToOnnx(model.network, { order: 'reversed', graphOnly });
    const imported = await importOnnx(bytesSource(bytes));
    expect(imported.stoppedAt).toBeNull();
    expect(imported.unsupported).toEqual([]);
    if (graphOnly) expect(imported.model.input.name).toBe('image');
    const want = analyze(model.network, { at: model.endpoint });
    const got = analyze(imported.network, { at: model.endpoint });
    expect(want.ok).toBe(true);
    expect(got.issues).toEqual(want.issues);
    const gotByName = new Map(got.layers.map((l) => [l.name, l]));
    for (const l of want.layers) {
      const g = gotByName.get(l.name);
      expect(g, l.name).toBeDefined();
      expect({ name: l.name, ...numbers(g!) }).toEqual({ name: l.name, ...numbers(l) });
    }
    expect(numbers(got.output!)).toEqual(numbers(want.output!));
  });
});
