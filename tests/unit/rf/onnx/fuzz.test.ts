/**
 * Robustness: mutated and truncated versions of valid models must each end with a result or a clean
 * error (OnnxFormatError / OnnxImportError) — never another exception, never a hang. Seeded and
 * deterministic. Each parse is timed (CPU time, plus a wall-clock bound against hangs), and the
 * number of source reads (one per header or payload at most) is bounded by the file size.
 */
import { analyze } from '../../../../src/rf/index.ts';
import { bytesSource, type ByteSource } from '../../../../src/rf/onnx/byte-source.ts';
import { importOnnx } from '../../../../src/rf/onnx/import.ts';
import { OnnxImportError } from '../../../../src/rf/onnx/map-network.ts';
import { OnnxFormatError } from '../../../../src/rf/onnx/wire.ts';
import { seedModels } from './fixtures.ts';
import { rng as prng } from '../../support/rng.ts';
import { decodeModelObject, encodeModelObject } from './onnx-builder.ts';

type Kind = 'flip' | 'insert' | 'delete' | 'truncate' | 'splice' | 'varint' | 'semantic';
const KINDS: Kind[] = ['flip', 'insert', 'delete', 'truncate', 'splice', 'varint', 'semantic'];

const OPS = [
  'Conv',
  'MaxPool',
  'AveragePool',
  'Pad',
  'Resize',
  'Reshape',
  'Concat',
  'Add',
  'Mul',
  'Flatten',
  'Gemm',
  'Slice',
  'Transpose',
  'GlobalAveragePool',
  'ConvTranspose',
  'Squeeze',
  'Unsqueeze',
  'Gather',
  'Softmax',
  'ReduceMean',
  'InstanceNormalization',
  'Split',
  'Expand',
  'Tile',
  'SpaceToDepth',
  'DepthToSpace',
  'MatMul',
  'Shape',
  'Constant',
  'Ceil',
  'Floor',
  'Div',
  'Sub',
  'Max',
  'Mod',
  'Cast',
  'Where',
  'Equal',
  'Range',
  'ConstantOfShape',
  'ReduceProd',
  'Neg',
  'Bogus',
];
const INTS = [-(2 ** 63), -3, -1, 0, 1, 2, 3, 5, 7, 64, 4096, 2 ** 31, 2 ** 53];

type Obj = Record<string, unknown>;

/**
 * Valid protobuf, nonsense model: changes one thing the mapping reasons about (an operator, an
 * attribute value, an input wiring, a dimension) so the mapper and the engine see garbage too.
 */
function semantic(src: Uint8Array, rnd: () => number): Uint8Array {
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(a: T[]): T | undefined => a[int(a.length)];
  const model = decodeModelObject(src);
  const graph = model['graph'] as Obj;
  const nodes = (graph['node'] as Obj[] | undefined) ?? [];
  const node = pick(nodes);
  const tensors = nodes.flatMap((n) => (n['output'] as string[] | undefined) ?? []);
  for (let k = 0; k < 1 + int(3); k++) {
    switch (int(5)) {
      case 0:
        if (node) node['op_type'] = pick(OPS);
        break;
      case 1: {
        const attr = pick(
          ((node?.['attribute'] as Obj[] | undefined) ?? []).filter(
            (a) => Array.isArray(a['ints']) || typeof a['i'] === 'number',
          ),
        );
        if (attr && Array.isArray(attr['ints'])) {
          const ints = attr['ints'] as number[];
          if (ints.length) ints[int(ints.length)] = pick(INTS)!;
          else ints.push(pick(INTS)!);
        } else if (attr) attr['i'] = pick(INTS);
        break;
      }
      case 2: {
        const ins = node?.['input'] as string[] | undefined;
        if (ins && ins.length) ins[int(ins.length)] = pick([...tensors, '', 'x', 'image'])!;
        break;
      }
      case 3: {
        const init = pick((graph['initializer'] as Obj[] | undefined) ?? []);
        const dims = init?.['dims'] as number[] | undefined;
        if (dims && dims.length) dims[int(dims.length)] = pick(INTS)!;
        break;
      }
      case 4: {
        const input = pick((graph['input'] as Obj[] | undefined) ?? []);
        const dims = ((input?.['type'] as Obj | undefined)?.['tensor_type'] as Obj | undefined)?.['shape'] as
          Obj | undefined;
        const dim = pick((dims?.['dim'] as Obj[] | undefined) ?? []);
        if (dim) dim['dim_value'] = pick(INTS);
        break;
      }
    }
  }
  return encodeModelObject(model);
}

function mutate(src: Uint8Array, rnd: () => number): { bytes: Uint8Array; kind: Kind } {
  const int = (n: number) => Math.floor(rnd() * n);
  const kind = KINDS[int(KINDS.length)]!;
  const n = src.length;
  switch (kind) {
    case 'flip': {
      const out = src.slice();
      const count = 1 + int(8);
      for (let i = 0; i < count; i++) {
        const at = int(n);
        out[at] = out[at]! ^ (1 << int(8));
      }
      return { bytes: out, kind };
    }
    case 'insert': {
      const at = int(n + 1);
      const len = 1 + int(16);
      const ins = Uint8Array.from({ length: len }, () => int(256));
      return { bytes: concat(src.subarray(0, at), ins, src.subarray(at)), kind };
    }
    case 'delete': {
      const at = int(n);
      const len = 1 + int(Math.min(64, n - at));
      return { bytes: concat(src.subarray(0, at), src.subarray(at + len)), kind };
    }
    case 'truncate':
      return { bytes: src.slice(0, int(n)), kind };
    case 'splice': {
      // Copy a chunk of the file over another place (plausible-looking garbage).
      const from = int(n);
      const len = 1 + int(Math.min(128, n - from));
      const to = int(n);
      const out = src.slice();
      out.set(src.subarray(from, from + len).subarray(0, Math.max(0, n - to)), to);
      return { bytes: out, kind };
    }
    case 'semantic':
      return { bytes: semantic(src, rnd), kind };
    case 'varint': {
      // Overwrite a byte with a large-length varint prefix.
      const out = src.slice();
      const at = int(n);
      const v = [0xff, 0xff, 0xff, 0xff, 0x0f][int(5)]!;
      out[at] = v;
      return { bytes: out, kind };
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function countingSource(bytes: Uint8Array): ByteSource & { reads: number } {
  const inner = bytesSource(bytes);
  const s = {
    size: inner.size,
    reads: 0,
    read(offset: number, length: number) {
      s.reads++;
      return inner.read(offset, length);
    },
  };
  return s;
}

const CASES = 10_000;
/** Per-file bound on CPU time (robust to other processes sharing the machine) … */
const PER_FILE_CPU_MS = 200;
/** … and a generous wall-clock bound that still catches a hang. */
const PER_FILE_WALL_MS = 2000;

test(`fuzz: ${CASES} mutated and truncated models end cleanly`, { timeout: 60_000 }, async () => {
  const seeds = seedModels();
  expect(seeds.length).toBeGreaterThanOrEqual(4);
  // Warm up (schema construction, JIT) so the per-file bound measures steady-state parsing.
  for (const s of seeds) await importOnnx(bytesSource(s.bytes));
  const rnd = prng(0x5eed0001);
  const failures: string[] = [];
  const tally = { result: 0, stopped: 0, format: 0, import: 0 };
  const kinds = new Map<Kind, number>();
  const times: number[] = [];
  for (let i = 0; i < CASES; i++) {
    const seed = seeds[i % seeds.length]!;
    const { bytes, kind } = mutate(seed.bytes, rnd);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const src = countingSource(bytes);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let outcome: Awaited<ReturnType<typeof importOnnx>> | null = null;
    try {
      outcome = await importOnnx(src);
    } catch (error) {
      if (error instanceof OnnxFormatError) tally.format++;
      else if (error instanceof OnnxImportError) tally.import++;
      else
        failures.push(
          `#${i} ${seed.name}/${kind}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
    }
    const dt = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    times.push(cpuMs);
    if (cpuMs > PER_FILE_CPU_MS || dt > PER_FILE_WALL_MS) {
      failures.push(`#${i} ${seed.name}/${kind}: took ${cpuMs.toFixed(0)} ms CPU, ${dt.toFixed(0)} ms wall`);
    }
    if (src.reads > bytes.length + 2)
      failures.push(`#${i} ${seed.name}/${kind}: ${src.reads} reads for ${bytes.length} bytes`);
    if (outcome) {
      if (outcome.stoppedAt?.reason.startsWith('internal error'))
        failures.push(`#${i} ${seed.name}/${kind}: ${outcome.stoppedAt.reason}`);
      if (outcome.stoppedAt) tally.stopped++;
      else tally.result++;
      // Whatever the importer returns must be something the engine accepts without throwing.
      analyze(outcome.network);
    }
  }
  // Every kind of mutation was exercised, and both outcomes occur.
  expect([...kinds.keys()].sort()).toEqual([...KINDS].sort());
  expect(tally.format).toBeGreaterThan(100);
  expect(tally.result + tally.stopped).toBeGreaterThan(100);
  expect(failures.slice(0, 20)).toEqual([]);
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
  console.info(`fuzz: ${CASES} cases`, tally, `parse CPU ms: median ${q(0.5)}, p99 ${q(0.99)}, max ${q(1)}`);
});
