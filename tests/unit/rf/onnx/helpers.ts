import { analyze, toNumber, type Analysis, type LayerResult } from '../../../../src/rf/index.ts';
import { bytesSource } from '../../../../src/rf/onnx/byte-source.ts';
import { importOnnx, type OnnxImport } from '../../../../src/rf/onnx/import.ts';
import type { Axes } from '../../../../src/rf/types.ts';

export async function load(
  bytes: Uint8Array,
  input?: Axes<number>,
): Promise<OnnxImport & { analysis: Analysis }> {
  const r = await importOnnx(bytesSource(bytes), input ? { input } : {});
  return { ...r, analysis: analyze(r.network) };
}

/** A layer's numbers as plain [h, w] pairs. */
export function row(a: Analysis, name: string) {
  const l: LayerResult | undefined = a.layers.find((x) => x.name === name);
  if (!l) throw new Error(`no layer ${name} (have ${a.layers.map((x) => x.name).join(', ')})`);
  const pair = <T>(f: (axis: 'h' | 'w') => T): [T, T] => [f('h'), f('w')];
  const { stride, padding } = l;
  return {
    n: pair((x) => l.size[x]),
    j: pair((x) => toNumber(l.jump[x])),
    r: pair((x) => l.rf[x]),
    start: pair((x) => toNumber(l.start[x])),
    S: stride === null ? null : pair((x) => toNumber(stride[x])),
    P: padding === null ? null : pair((x) => toNumber(padding[x])),
    global: l.global,
    globalContext: l.globalContext,
    aligned: l.aligned,
  };
}
