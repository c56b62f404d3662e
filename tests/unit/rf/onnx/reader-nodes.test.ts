/**
 * The reader decodes each NodeProto straight into an OnnxNode (no intermediate message). Checked
 * against protobufjs decoding the whole ModelProto with the schema (an independent full decode):
 * on the report's example models and the seed models every node must come out the same, and on
 * mutated node bytes both decoders must fail or agree.
 */
import { readOnnxModel, decodeNode } from '../../../../src/rf/onnx/reader.ts';
import { bytesSource } from '../../../../src/rf/onnx/byte-source.ts';
import { onnxTypes, toNum, type DecodedAttribute, type DecodedNode } from '../../../../src/rf/onnx/schema.ts';
import type { OnnxNode } from '../../../../src/rf/onnx/model.ts';
import { exampleBytes } from '../../../../components/widgets/shared/onnx-examples.ts';
import { EXAMPLE_FILE_NAMES } from '../../../../components/widgets/shared/onnx-example-file.ts';
import { reluChain } from '../../../../scripts/onnx-chain.ts';
import { seedModels } from './fixtures.ts';
import { rng as prng } from '../../support/rng.ts';

const utf8 = new TextDecoder();

/** What a full decode says about an attribute value, in the reader's terms (types 1–8 of onnx.proto). */
function expectedValue(a: DecodedAttribute): unknown {
  switch (a.type) {
    case 1:
      return { kind: 'float', value: a.f ?? 0 };
    case 2:
      return { kind: 'int', value: toNum(a.i) };
    case 3:
      return { kind: 'string', value: a.s instanceof Uint8Array ? utf8.decode(a.s) : '' };
    case 4:
      return { kind: 'tensor', dims: (a.t?.dims ?? []).map(toNum) };
    case 5:
      return { kind: 'graph' };
    case 6:
      return { kind: 'floats', value: a.floats ?? [] };
    case 7:
      return { kind: 'ints', value: (a.ints ?? []).map(toNum) };
    case 8:
      return { kind: 'strings', value: (a.strings ?? []).map((b) => utf8.decode(b)) };
    default:
      return undefined;
  }
}

function expectedNode(n: DecodedNode) {
  return {
    name: n.name ?? '',
    opType: n.opType ?? '',
    domain: n.domain ?? '',
    inputs: n.input ?? [],
    outputs: n.output ?? [],
    attributes: (n.attribute ?? []).map((a) => [a.name ?? '', expectedValue(a)]),
  };
}

function actualNode(n: OnnxNode) {
  return {
    name: n.name,
    opType: n.opType,
    domain: n.domain,
    inputs: n.inputs,
    outputs: n.outputs,
    attributes: [...n.attributes].map(([name, v]) => [
      name,
      v.kind === 'tensor' ? { kind: 'tensor', dims: v.value.dims } : v.kind === 'other' ? undefined : v,
    ]),
  };
}

const models = [
  ...(Object.keys(EXAMPLE_FILE_NAMES) as (keyof typeof EXAMPLE_FILE_NAMES)[]).map((id) => ({
    name: id,
    bytes: exampleBytes(id),
  })),
  ...seedModels(),
  { name: 'relu-chain', bytes: reluChain(50) },
];

test.each(models.map((m) => [m.name, m.bytes] as const))(
  'every node of %s reads as protobufjs decodes it in the whole model',
  async (_name, bytes) => {
    const full = onnxTypes().model.decode(bytes) as unknown as { graph?: { node?: DecodedNode[] } };
    const expected = (full.graph?.node ?? []).map(expectedNode);
    expect(expected.length).toBeGreaterThan(0);
    const model = await readOnnxModel(bytesSource(bytes));
    expect(model.graph.nodes.map(actualNode)).toEqual(expected);
  },
);

test('on mutated node bytes the reader and protobufjs both fail or agree', () => {
  const nodeType = onnxTypes().node;
  const nodes = models.flatMap((m) => {
    const full = onnxTypes().model.decode(m.bytes) as unknown as { graph?: { node?: object[] } };
    return (full.graph?.node ?? []).map((n) => nodeType.encode(n).finish());
  });
  const random = prng(13);
  let agreed = 0;
  let failed = 0;
  for (let k = 0; k < 3000; k++) {
    const bytes = new Uint8Array(nodes[k % nodes.length]!);
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits && bytes.length > 0; e++)
      bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    let reference: ReturnType<typeof expectedNode> | null;
    try {
      reference = expectedNode(nodeType.decode(bytes) as unknown as DecodedNode);
    } catch {
      reference = null;
    }
    let actual: ReturnType<typeof actualNode> | null;
    try {
      actual = actualNode(decodeNode(bytes));
    } catch {
      actual = null;
    }
    if (reference === null) {
      expect(actual, `mutation ${k}`).toBeNull();
      failed++;
    } else {
      // Attribute values of a mutated attribute may be of a type the reference does not convert.
      expect(actual, `mutation ${k}`).not.toBeNull();
      const names = (x: typeof reference) => ({ ...x, attributes: x.attributes.map(([n]) => n) });
      expect(names(actual!), `mutation ${k}`).toEqual(names(reference));
      agreed++;
    }
  }
  // Both outcomes occur, so the property is exercised both ways.
  expect(agreed).toBeGreaterThan(100);
  expect(failed).toBeGreaterThan(100);
});
