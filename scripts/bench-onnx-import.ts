/**
 * Large-file measurement for the ONNX importer (a script, not a test):
 *   npx tsx scripts/bench-onnx-import.ts [--mb 500] [--small 300] [--blob] [--keep]
 * Streams a synthetic ~500 MB model (a few big initializers with raw_data, plus a few hundred small
 * nodes) into the OS temp directory, imports it through the Node byte source, prints time and
 * memory (RSS and heap before and after, peak by sampling), then deletes the file. With --blob it
 * also imports through a file-backed Blob, the code path of the browser worker.
 */
import { openAsBlob } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/rf/index.ts';
import { blobSource } from '../src/rf/onnx/byte-source.ts';
import { importOnnx } from '../src/rf/onnx/import.ts';
import { openFileSource } from '../src/workers/node-file-source.ts';
import { onnxSchemaJson } from '../src/rf/onnx/schema.ts';
import { Root } from 'protobufjs/light';

const args = process.argv.slice(2);
const numberArg = (flag: string, fallback: number): number => {
  const i = args.indexOf(flag);
  const v = i < 0 ? NaN : Number(args[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const targetMb = numberArg('--mb', 500);
const keep = args.includes('--keep');
/** Also import through a file-backed Blob (the browser's code path). */
const viaBlob = args.includes('--blob');
/** Number of small conv + relu pairs after the big layers. */
const smallLayers = numberArg('--small', 300);

const root = Root.fromJSON(onnxSchemaJson);
const NodeProto = root.lookupType('onnx.NodeProto');
const ValueInfoProto = root.lookupType('onnx.ValueInfoProto');
const OpsetProto = root.lookupType('onnx.OperatorSetIdProto');

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
function lenField(field: number, payload: Uint8Array | number[]): Uint8Array {
  const p = payload instanceof Uint8Array ? payload : Uint8Array.from(payload);
  return Uint8Array.from([...tag(field, 2), ...varint(p.length), ...p]);
}
const text = (s: string) => new TextEncoder().encode(s);

interface BigTensor {
  name: string;
  dims: number[];
  /** Header bytes (dims, data_type, name, raw_data tag and length); the payload is streamed after. */
  head: Uint8Array;
  payload: number;
}

function bigTensor(name: string, dims: number[]): BigTensor {
  const payload = dims.reduce((a, b) => a * b, 1) * 4;
  const packedDims = dims.flatMap(varint);
  const head = Uint8Array.from([
    ...lenField(1, packedDims),
    ...tag(2, 0),
    ...varint(1),
    ...lenField(8, text(name)),
    ...tag(9, 2),
    ...varint(payload),
  ]);
  return { name, dims, head, payload };
}

function valueInfo(name: string, dims: number[]): Uint8Array {
  return ValueInfoProto.encode(
    ValueInfoProto.fromObject({
      name,
      type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
    }),
  ).finish();
}

function node(
  name: string,
  opType: string,
  input: string[],
  output: string[],
  attribute: object[] = [],
): Uint8Array {
  return NodeProto.encode(NodeProto.fromObject({ name, opType, input, output, attribute })).finish();
}

async function writeModel(path: string): Promise<{ bytes: number; nodes: number; bigTensors: number }> {
  // Four big 3×3 convolutions whose weights make up the bulk of the file, then a chain of small ones.
  const perBig = Math.floor((targetMb * 1024 * 1024) / 4 / 4 / 9);
  const channels = Math.floor(Math.sqrt(perBig));
  const big = [0, 1, 2, 3].map((i) => bigTensor(`big${i}.weight`, [channels, channels, 3, 3]));
  const graphParts: Uint8Array[] = [];
  const nodes: Uint8Array[] = [];
  let x = 'image';
  const ints = (name: string, v: number[]) => ({ name, type: 7, ints: v });
  big.forEach((t, i) => {
    const y = `big${i}`;
    nodes.push(
      node(
        y,
        'Conv',
        [x, t.name],
        [y],
        [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1]), ints('strides', i % 2 ? [2, 2] : [1, 1])],
      ),
    );
    x = y;
  });
  const small: Uint8Array[] = [];
  for (let i = 0; i < smallLayers; i++) {
    const w = `small${i}.weight`;
    const y = `small${i}`;
    nodes.push(node(y, 'Conv', [x, w], [y], [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1])]));
    nodes.push(node(`relu${i}`, 'Relu', [y], [`relu${i}`]));
    x = `relu${i}`;
    const payload = new Uint8Array(4 * 4 * 3 * 3);
    small.push(
      Uint8Array.from([
        ...lenField(1, [4, 4, 3, 3].flatMap(varint)),
        ...tag(2, 0),
        ...varint(1),
        ...lenField(8, text(w)),
        ...lenField(9, payload),
      ]),
    );
  }
  for (const n of nodes) graphParts.push(lenField(1, n));
  graphParts.push(lenField(2, text('bench-graph')));
  for (const s of small) graphParts.push(lenField(5, s));
  graphParts.push(lenField(11, valueInfo('image', [1, channels, 224, 224])));
  graphParts.push(lenField(12, valueInfo(x, [])));
  const bigField = (t: BigTensor) => {
    const body = t.head.length + t.payload;
    return { prefix: Uint8Array.from([...tag(5, 2), ...varint(body)]), body };
  };
  const bigFields = big.map(bigField);
  const graphLen =
    graphParts.reduce((a, p) => a + p.length, 0) +
    bigFields.reduce((a, f) => a + f.prefix.length + f.body, 0);
  const header = Uint8Array.from([
    ...tag(1, 0),
    ...varint(8),
    ...lenField(2, text('bench-writer')),
    ...lenField(3, text('1.0')),
    ...lenField(8, OpsetProto.encode(OpsetProto.fromObject({ domain: '', version: 17 })).finish()),
    ...tag(7, 2),
    ...varint(graphLen),
  ]);
  const fh = await open(path, 'w');
  let written = 0;
  const write = async (b: Uint8Array) => {
    await fh.write(b);
    written += b.length;
  };
  try {
    await write(header);
    // Nodes first (as exporters write them), then the big initializers, then the rest.
    const nodeParts = graphParts.slice(0, nodes.length);
    for (const p of nodeParts) await write(p);
    const chunk = new Uint8Array(16 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) {
      await write(bigFields[i]!.prefix);
      await write(big[i]!.head);
      let left = big[i]!.payload;
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        chunk.fill((i * 37) & 0xff, 0, n);
        await write(chunk.subarray(0, n));
        left -= n;
      }
    }
    for (const p of graphParts.slice(nodes.length)) await write(p);
  } finally {
    await fh.close();
  }
  return { bytes: written, nodes: nodes.length, bigTensors: big.length };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function measure(label: string, run: () => ReturnType<typeof importOnnx>): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 2);
  const t1 = performance.now();
  const result = await run();
  const tImport = performance.now() - t1;
  const analysis = analyze(result.network);
  const tAll = performance.now() - t1;
  clearInterval(sampler);
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed);
  console.log(`\n[${label}]`);
  console.log(
    `import: ${tImport.toFixed(0)} ms (with analysis ${tAll.toFixed(0)} ms); read ${mb(result.model.bytesRead)} of ${mb(result.model.fileBytes)} in ${result.model.sourceReads} reads; skipped ${mb(result.model.weightBytes)} of weights`,
  );
  console.log(
    `network: ${result.network.nodes.length} nodes, stopped: ${result.stoppedAt ? JSON.stringify(result.stoppedAt) : 'no'}, analysis ok: ${analysis.ok}, output ${analysis.output?.name} r=${analysis.output?.rf.h}`,
  );
  console.log(
    `rss:  before ${mb(before.rss)}, after ${mb(after.rss)}, peak ${mb(peakRss)} (+${mb(peakRss - before.rss)})`,
  );
  console.log(
    `heap: before ${mb(before.heapUsed)}, after ${mb(after.heapUsed)}, peak ${mb(peakHeap)} (+${mb(peakHeap - before.heapUsed)})`,
  );
}

async function main(): Promise<void> {
  const path = join(tmpdir(), `rf-bench-${process.pid}.onnx`);
  try {
    const t0 = performance.now();
    const info = await writeModel(path);
    const tWrite = performance.now() - t0;
    console.log(
      `wrote ${mb(info.bytes)} (${info.nodes} nodes, ${info.bigTensors} big initializers) in ${(tWrite / 1000).toFixed(1)} s → ${path}`,
    );

    await measure('node file source', async () => {
      const source = await openFileSource(path);
      try {
        return await importOnnx(source);
      } finally {
        await source.close();
      }
    });
    if (viaBlob)
      await measure('file-backed Blob source', async () => importOnnx(blobSource(await openAsBlob(path))));
  } finally {
    if (!keep) await rm(path, { force: true });
  }
}

await main();
