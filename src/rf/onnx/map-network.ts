/**
 * Maps a parsed ONNX graph onto the engine's neutral `Network`.
 *
 * Nodes are visited in topological order with static shapes inferred from the image input (NCHW,
 * or NHWC when the shape says so; the reader may override H×W). Each ONNX node that touches the
 * image becomes one node of the network, under the ONNX node's name; nodes that only compute
 * constants (shapes, scales) are folded away. The first node that cannot be mapped faithfully ends
 * the import: the network up to that node is returned with `stoppedAt` naming it.
 */
import { INPUT, type Axes, type Network } from '../types.ts';
import { NodeTable, defaultOpset, type OnnxModel, type OnnxNode } from './model.ts';
import {
  NodeContext,
  StopMapping,
  fixedSizeReason,
  opaqueConst,
  type ConstVal,
  type FixedSize,
  uniqueName,
  type Dim,
  type ImageVal,
  type MapState,
  type Val,
} from './map-context.ts';
import { mapConv, mapConvTranspose, mapGlobalPool, mapPool } from './map-conv.ts';
import {
  mapElementwise,
  mapMatMul,
  mapNormalization,
  mapReduce,
  mapSoftmax,
  mapUnary,
} from './map-elementwise.ts';
import { mapPad, mapResize } from './map-resize.ts';
import { evaluableShape, evaluateNode, type KnownTensor } from './shape-eval.ts';
import {
  constFromTensor,
  mapCast,
  mapConcat,
  mapConstant,
  mapConstantOfShape,
  mapExpand,
  mapFlatten,
  mapGather,
  mapRange,
  mapReshape,
  mapShape,
  mapSize,
  mapSlice,
  mapSplit,
  mapSqueeze,
  mapTile,
  mapTranspose,
  mapUnsqueeze,
} from './map-shape.ts';
import { dict } from '../dict.ts';

/** The model cannot be imported at all (no image input, unsupported opset, broken graph). */
export class OnnxImportError extends Error {
  override name = 'OnnxImportError';
}

/** Opsets of the default domain this importer knows the operator semantics of. */
export const MIN_OPSET = 1;
export const MAX_OPSET = 25;
/** Input size assumed when the file leaves height or width symbolic and none is given. */
export const DEFAULT_INPUT_SIZE = 224;

export interface MapOptions {
  /** Overrides the input height and width. */
  input?: Axes<number>;
  /**
   * The caller hands the model over: each ONNX node is dropped from `model.graph.nodes` once it is
   * mapped (the list is left empty), so the whole model and the whole network are never in memory
   * together.
   */
  consume?: boolean;
  /**
   * Which image-dependent tensors `tensors` records besides the graph outputs (default: all). The
   * command line records only the one `--at` names: on 10^6-node graphs the table and the tensor
   * names it keeps take about 100 MB.
   */
  keepTensor?: (name: string) => boolean;
}

export interface StopInfo {
  /** Name of the ONNX node (as used in the network). */
  node: string;
  op: string;
  reason: string;
  /** Set when the stop comes from sizes the file fixed at export time (a widget words it itself). */
  fixedSize?: FixedSize;
}

export interface UnsupportedOp {
  op: string;
  domain: string;
  /** Names of the nodes using it (at most 10). */
  nodes: string[];
  count: number;
}

export interface InputInfo {
  name: string;
  shape: Dim[];
  layout: 'NCHW' | 'NHWC';
  size: Axes<number>;
  /** True when H×W were neither in the file nor given, and the default was assumed. */
  assumed: boolean;
  /** H×W as the file fixes them (both static), or null when either is symbolic. */
  fileSize: Axes<number> | null;
}

export interface MapResult {
  network: Network;
  input: InputInfo;
  /** Graph outputs that depend on the image, with the network node producing each. */
  outputs: { tensor: string; node: string }[];
  /** Every image-dependent tensor (see `keepTensor`) and the network node producing it. */
  tensors: ReadonlyMap<string, string>;
  /** Network node name → the ONNX operator it came from (e.g. 'Conv'); undefined for other names. */
  opOf(name: string): string | undefined;
  /** The same as a table (made when first read). */
  readonly ops: Record<string, string>;
  stoppedAt: StopInfo | null;
  unsupported: UnsupportedOp[];
  notes: string[];
}

type Handler = (ctx: NodeContext) => void;

const UNARY = [
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'Selu',
  'Celu',
  'Clip',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Erf',
  'Gelu',
  'Softplus',
  'Softsign',
  'Mish',
  'ThresholdedRelu',
  'Exp',
  'Log',
  'Abs',
  'Neg',
  'Sqrt',
  'Reciprocal',
  'Floor',
  'Ceil',
  'Round',
  'Sign',
  'Sin',
  'Cos',
  'Tan',
  'Atan',
  'Asin',
  'Acos',
  'Sinh',
  'Cosh',
  'Not',
  'IsNaN',
  'IsInf',
  'Identity',
  'Dropout',
  'BatchNormalization',
  'CastLike',
  'QuantizeLinear',
  'DequantizeLinear',
  'LRN',
  'Shrink',
  'Swish',
];
const BINARY = [
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Max',
  'Min',
  'Mean',
  'Sum',
  'And',
  'Or',
  'Xor',
  'Equal',
  'Greater',
  'Less',
  'GreaterOrEqual',
  'LessOrEqual',
  'Where',
  'Mod',
  'BitShift',
  'BitwiseAnd',
  'BitwiseOr',
  'BitwiseXor',
];
const REDUCE = [
  'ReduceMean',
  'ReduceMax',
  'ReduceMin',
  'ReduceSum',
  'ReduceProd',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceSumSquare',
  'ArgMax',
  'ArgMin',
];

function mapPrelu(ctx: NodeContext): void {
  // PRelu's slope is a parameter: a per-pixel op unless the slope depends on the image.
  if (ctx.has(1) && ctx.input(1).kind === 'image' && ctx.input(0).kind === 'image')
    return mapElementwise(ctx);
  mapUnary(ctx);
}

function mapSpaceToDepth(ctx: NodeContext): void {
  const x = ctx.image(0);
  const b = ctx.int('blocksize', 0);
  if (b < 1) ctx.stop('blocksize must be positive');
  if (x.h !== 2 || x.w !== 3 || x.shape.length !== 4) ctx.stop('SpaceToDepth needs an NCHW tensor');
  const h = x.shape[2]!;
  const w = x.shape[3]!;
  if (h === null || w === null || h % b !== 0 || w % b !== 0)
    ctx.stop(`the image size is not a multiple of the block size ${b}`);
  // Each output pixel gathers one b×b block: a b×b window with stride b.
  const node = ctx.emit(
    {
      op: 'conv',
      kernel: { h: b, w: b },
      stride: { h: b, w: b },
      dilation: { h: 1, w: 1 },
      padding: { mode: 'valid' },
    },
    [x.node],
  );
  const c = x.shape[1];
  ctx.set(0, {
    ...x,
    node,
    shape: [x.shape[0] ?? null, c === null || c === undefined ? null : c * b * b, h / b, w / b],
  });
}

function mapDepthToSpace(ctx: NodeContext): void {
  const x = ctx.image(0);
  const b = ctx.int('blocksize', 0);
  if (b < 1) ctx.stop('blocksize must be positive');
  if (x.h !== 2 || x.w !== 3 || x.shape.length !== 4) ctx.stop('DepthToSpace needs an NCHW tensor');
  // Output pixel (i, j) reads input pixel (⌊i / b⌋, ⌊j / b⌋): nearest upsampling by b.
  const node = ctx.emit({ op: 'upsample', factor: { h: b, w: b }, mode: 'nearest' }, [x.node]);
  const c = x.shape[1];
  ctx.set(0, {
    ...x,
    node,
    shape: [
      x.shape[0] ?? null,
      c === null || c === undefined ? null : c / (b * b),
      (x.shape[2] as number) * b,
      (x.shape[3] as number) * b,
    ],
  });
}

const HANDLERS: Record<string, Handler> = {
  Conv: mapConv,
  ConvInteger: mapConv,
  QLinearConv: mapConv,
  ConvTranspose: mapConvTranspose,
  MaxPool: mapPool,
  AveragePool: mapPool,
  LpPool: mapPool,
  GlobalAveragePool: mapGlobalPool,
  GlobalMaxPool: mapGlobalPool,
  GlobalLpPool: mapGlobalPool,
  Pad: mapPad,
  Resize: mapResize,
  Upsample: mapResize,
  Constant: mapConstant,
  ConstantOfShape: mapConstantOfShape,
  Shape: mapShape,
  Size: mapSize,
  Cast: mapCast,
  Reshape: mapReshape,
  Flatten: mapFlatten,
  Transpose: mapTranspose,
  Squeeze: mapSqueeze,
  Unsqueeze: mapUnsqueeze,
  Gather: mapGather,
  Slice: mapSlice,
  Concat: mapConcat,
  Split: mapSplit,
  Expand: mapExpand,
  Tile: mapTile,
  Range: mapRange,
  Softmax: mapSoftmax,
  LogSoftmax: mapSoftmax,
  Hardmax: mapSoftmax,
  InstanceNormalization: mapNormalization,
  GroupNormalization: mapNormalization,
  LayerNormalization: mapNormalization,
  MeanVarianceNormalization: mapNormalization,
  LpNormalization: mapNormalization,
  Gemm: mapMatMul,
  MatMul: mapMatMul,
  SpaceToDepth: mapSpaceToDepth,
  DepthToSpace: mapDepthToSpace,
  PRelu: mapPrelu,
};
for (const op of UNARY) HANDLERS[op] ??= mapUnary;
for (const op of BINARY) HANDLERS[op] = mapElementwise;
for (const op of REDUCE) HANDLERS[op] = mapReduce;

/** The operator types this importer understands (default ONNX domain). */
export const SUPPORTED_OPS: readonly string[] = Object.keys(HANDLERS).sort();

function handlerFor(node: Pick<OnnxNode, 'domain' | 'opType'>): Handler | undefined {
  return handlerOf(node.domain, node.opType);
}

function handlerOf(domain: string, opType: string): Handler | undefined {
  if (domain !== '' && domain !== 'ai.onnx') return undefined;
  return Object.prototype.hasOwnProperty.call(HANDLERS, opType) ? HANDLERS[opType] : undefined;
}

/** A topological order of the nodes and, per input slot (see `NodeTable`), what provides it. */
interface Topo {
  /** Positions in `model.graph.nodes`. */
  order: Int32Array;
  /** The output slot producing the tensor of each input slot; -1 when no node produces it. */
  source: Int32Array;
}

/**
 * Orders nodes so that every node comes after the producers of its inputs; rejects broken graphs.
 */
function topoOrder(model: OnnxModel, available: Set<string>): Topo {
  const nodes = model.graph.nodes;
  const count = nodes.length;
  const label = (i: number) => nodes.name(i) || nodes.opType(i);
  const producer = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    for (let k = 0, n = nodes.outputCount(i); k < n; k++) {
      const t = nodes.output(i, k);
      if (t === '') continue;
      if (producer.has(t) || available.has(t))
        throw new OnnxImportError(`Tensor '${t}' is produced more than once (node '${label(i)}').`);
      producer.set(t, i);
    }
  }
  // Users of each node in compressed rows (typed arrays, not an array per node: 10^6-node graphs).
  const indegree = new Int32Array(count);
  const edges: number[] = [];
  const source = new Int32Array(nodes.slots).fill(-1);
  for (let i = 0; i < count; i++) {
    for (let k = 0, n = nodes.inputCount(i); k < n; k++) {
      const t = nodes.input(i, k);
      if (t === '') continue;
      const p = producer.get(t);
      if (p !== undefined) {
        let j = 0;
        while (nodes.output(p, j) !== t) j++;
        source[nodes.inputSlot(i, k)] = nodes.outputSlot(p, j);
      }
      if (p === undefined) {
        if (!available.has(t)) {
          throw new OnnxImportError(
            `Node '${label(i)}' reads '${t}', which no node, graph input or initializer provides.`,
          );
        }
        continue;
      }
      indegree[i]!++;
      edges.push(p, i);
    }
  }
  const first = new Int32Array(count + 1);
  for (let e = 0; e < edges.length; e += 2) first[edges[e]! + 1]!++;
  for (let i = 0; i < count; i++) first[i + 1]! += first[i]!;
  const users = new Int32Array(edges.length / 2);
  const fill = first.slice(0, count);
  for (let e = 0; e < edges.length; e += 2) users[fill[edges[e]!]!++] = edges[e + 1]!;
  edges.length = 0;
  const order = new Int32Array(count);
  let size = 0;
  for (let i = 0; i < count; i++) if (indegree[i] === 0) order[size++] = i;
  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    for (let u = first[i]!; u < first[i + 1]!; u++)
      if (--indegree[users[u]!]! === 0) order[size++] = users[u]!;
  }
  if (size !== count) {
    let stuck = 0;
    while (indegree[stuck]! <= 0) stuck++;
    throw new OnnxImportError(`The graph has a cycle (through node '${label(stuck)}').`);
  }
  return { order, source };
}

function pickImageInput(model: OnnxModel, options: MapOptions): { info: InputInfo; others: string[] } {
  const g = model.graph;
  const candidates = g.inputs.filter((v) => !g.initializers.has(v.name));
  const image = candidates.find((v) => v.shape && v.shape.length === 4) ?? null;
  if (!image) {
    const described = candidates
      .map((v) => `${v.name} ${v.shape ? `[${v.shape.join(', ')}]` : '(no shape)'}`)
      .join(', ');
    throw new OnnxImportError(
      candidates.length === 0
        ? 'The graph has no input to feed an image into.'
        : `No rank-4 image input found (inputs: ${described}); only 2-D image models are supported.`,
    );
  }
  const shape = image.shape!;
  const layout = guessLayout(model, image.name, shape);
  const [hi, wi] = layout === 'NCHW' ? [2, 3] : [1, 2];
  const fileH = shape[hi];
  const fileW = shape[wi];
  let size: Axes<number>;
  let assumed = false;
  if (options.input) size = options.input;
  else if (typeof fileH === 'number' && fileH > 0 && typeof fileW === 'number' && fileW > 0)
    size = { h: fileH, w: fileW };
  else {
    size = {
      h: typeof fileH === 'number' && fileH > 0 ? fileH : DEFAULT_INPUT_SIZE,
      w: typeof fileW === 'number' && fileW > 0 ? fileW : DEFAULT_INPUT_SIZE,
    };
    assumed = true;
  }
  const dims: Dim[] = shape.map((d) => (typeof d === 'number' && d > 0 ? d : null));
  dims[hi] = size.h;
  dims[wi] = size.w;
  if (dims[0] === null) dims[0] = 1;
  return {
    info: {
      name: image.name,
      shape: dims,
      layout,
      size,
      assumed,
      fileSize:
        typeof fileH === 'number' && fileH > 0 && typeof fileW === 'number' && fileW > 0
          ? { h: fileH, w: fileW }
          : null,
    },
    others: candidates.filter((v) => v !== image).map((v) => v.name),
  };
}

const NCHW_OPS = new Set([
  'Conv',
  'ConvTranspose',
  'MaxPool',
  'AveragePool',
  'LpPool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'BatchNormalization',
  'InstanceNormalization',
  'SpaceToDepth',
  'DepthToSpace',
]);

const PASS_THROUGH = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Cast',
  'Identity',
  'Relu',
  'Clip',
  'QuantizeLinear',
  'DequantizeLinear',
  'Pad',
]);

/**
 * NCHW unless the graph says otherwise: following the image through per-element ops, a Transpose
 * with perm [0, 3, 1, 2] (tf2onnx) means NHWC and a channels-first operator means NCHW; with
 * neither, only an unmistakable shape [N, H > 16, W, C ∈ {1, 3}] reads as NHWC.
 */
function guessLayout(model: OnnxModel, name: string, shape: (number | string | null)[]): 'NCHW' | 'NHWC' {
  // The nodes reading a tensor as their first input, in file order, found by a scan per tensor
  // visited (at most 64): an index of every tensor's readers cost tens of megabytes on 10^6-node
  // graphs, and a list copied per reader made a 50,000-way fan-out quadratic.
  const nodes = model.graph.nodes;
  function* byInput(t: string): Generator<number> {
    for (let i = 0; i < nodes.length; i++) if (nodes.inputCount(i) > 0 && nodes.input(i, 0) === t) yield i;
  }
  const seen = new Set<string>([name]);
  const queue = [name];
  for (let k = 0; k < queue.length && k < 64; k++) {
    for (const i of byInput(queue[k]!)) {
      const opType = nodes.opType(i);
      const perm = nodes.attributes(i).get('perm');
      if (opType === 'Transpose' && perm?.kind === 'ints' && perm.value.join(',') === '0,3,1,2')
        return 'NHWC';
      if (NCHW_OPS.has(opType)) return 'NCHW';
      if (PASS_THROUGH.has(opType)) {
        for (let j = 0; j < nodes.outputCount(i); j++) {
          const o = nodes.output(i, j);
          if (!seen.has(o)) {
            seen.add(o);
            queue.push(o);
          }
        }
      }
    }
  }
  const [, c1, , c3] = shape;
  return (c3 === 1 || c3 === 3) && typeof c1 === 'number' && c1 > 16 ? 'NHWC' : 'NCHW';
}

/** Maps the graph. Throws `OnnxImportError` when the model cannot be imported at all. */
export function mapOnnxModel(model: OnnxModel, options: MapOptions = {}): MapResult {
  const opset = defaultOpset(model);
  if (opset === null) throw new OnnxImportError('The model imports no opset of the default ONNX domain.');
  if (opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new OnnxImportError(
      `Unsupported opset ${opset}: this importer knows opsets ${MIN_OPSET}–${MAX_OPSET}.`,
    );
  }
  if (options.input) {
    for (const v of [options.input.h, options.input.w]) {
      if (!Number.isInteger(v) || v < 1)
        throw new OnnxImportError(`Invalid input size ${options.input.h}×${options.input.w}.`);
    }
  }
  const g = model.graph;
  const { info: input, others } = pickImageInput(model, options);
  const state: MapState = {
    graph: g,
    opset,
    vals: new Map<string, Val>(),
    nodes: [],
    names: new Map<string, string | null>([[INPUT, null]]),
    notes: [],
    inputOverridden: options.input !== undefined,
    tensors: new Map<string, string>(),
    keepTensor: null,
    fixedFor:
      input.fileSize && (input.fileSize.h !== input.size.h || input.fileSize.w !== input.size.w)
        ? input.fileSize
        : null,
  };
  const imageVal: ImageVal = {
    kind: 'image',
    node: INPUT,
    shape: input.shape,
    h: input.layout === 'NCHW' ? 2 : 1,
    w: input.layout === 'NCHW' ? 3 : 2,
    global: false,
  };
  const keep = options.keepTensor;
  if (keep) {
    const outputs = new Set(g.outputs.map((o) => o.name));
    state.keepTensor = (t) => outputs.has(t) || keep(t);
  }
  state.vals.set(input.name, imageVal);
  if (state.keepTensor === null || state.keepTensor(input.name)) state.tensors.set(input.name, imageVal.node);
  for (const [name, t] of g.initializers) state.vals.set(name, constFromTensor(t));
  for (const name of others) {
    // Graph-only exports list weights as inputs: constants with a known shape and unknown values.
    const vi = g.inputs.find((v) => v.name === name);
    state.vals.set(
      name,
      opaqueConst(
        vi?.shape ? vi.shape.map((d) => (typeof d === 'number' ? d : null)) : null,
        vi?.elemType ?? 0,
      ),
    );
  }
  const { order, source } = topoOrder(model, new Set(state.vals.keys()));

  const table = g.nodes;
  const unsupported = new Map<string, UnsupportedOp>();
  for (let i = 0; i < table.length; i++) {
    const opType = table.opType(i);
    const domain = table.domain(i);
    if (handlerOf(domain, opType)) continue;
    const key = `${domain}::${opType}`;
    const u = unsupported.get(key) ?? { op: opType, domain, nodes: [], count: 0 };
    u.count++;
    if (u.nodes.length < 10) u.nodes.push(table.name(i) || opType);
    unsupported.set(key, u);
  }

  // Each tensor's value is released once its last reader is mapped (graph outputs are kept): on long
  // chains the values of every tensor at once would take hundreds of megabytes. Readers are counted
  // per output slot (a table of names cost tens of megabytes on 10^6-node graphs); tensors no node
  // produces (graph inputs, initializers) by name.
  const readers = new Int32Array(table.slots);
  const external = new Map<string, number>();
  for (let i = 0; i < table.length; i++)
    for (let k = 0, n = table.inputCount(i); k < n; k++) {
      const t = table.input(i, k);
      if (t === '') continue;
      const p = source[table.inputSlot(i, k)]!;
      if (p >= 0) readers[p]!++;
      else external.set(t, (external.get(t) ?? 0) + 1);
    }
  const graphOutputs = new Set(g.outputs.map((o) => o.name));
  const release = (n: OnnxNode, at: number) => {
    for (let k = 0; k < n.inputs.length; k++) {
      const t = n.inputs[k]!;
      if (t === '' || graphOutputs.has(t)) continue;
      const p = source[table.inputSlot(at, k)]!;
      if (p >= 0) {
        if (--readers[p]! > 0) continue;
      } else {
        const left = (external.get(t) ?? 1) - 1;
        if (left > 0) {
          external.set(t, left);
          continue;
        }
        external.delete(t);
      }
      state.vals.delete(t);
    }
  };
  if (options.consume) g.nodes = new NodeTable();
  let stoppedAt: StopInfo | null = null;
  for (let i = 0; i < order.length; i++) {
    const at = order[i]!;
    const n = table.node(at);
    if (options.consume) table.release(at);
    const name = uniqueName(state, n.name || `${n.opType}_${at}`);
    const ctx = new NodeContext(state, n, name);
    const before = state.nodes.length;
    try {
      const handler = handlerFor(n);
      if (handler && foldKnown(state, n)) {
        release(n, at);
        continue;
      }
      if (handler) handler(ctx);
      else mapUnknown(ctx);
      for (const t of n.outputs) if (t !== '' && !state.vals.has(t)) state.vals.set(t, opaqueConst());
      release(n, at);
    } catch (error) {
      for (const dropped of state.nodes.splice(before)) state.names.set(dropped.name, null);
      const reason =
        error instanceof StopMapping
          ? error.message
          : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      let fixedSize = error instanceof StopMapping ? error.fixedSize : null;
      let why = reason;
      // A size mismatch at a merge or reshape of a file analysed at a size other than its own.
      if (!fixedSize && state.fixedFor && error instanceof StopMapping && SIZE_CLASH.test(reason)) {
        const what = n.opType === 'Reshape' ? 'reshape' : 'merge';
        fixedSize = { fixedFor: state.fixedFor, what };
        why = `${fixedSizeReason(state.fixedFor, input.size, what)} (${reason})`;
      }
      stoppedAt = {
        node: name,
        op: n.domain ? `${n.domain}.${n.opType}` : n.opType,
        reason: why,
        ...(fixedSize ? { fixedSize } : {}),
      };
      break;
    }
  }

  const tensors = state.tensors;
  const outputs = g.outputs.flatMap((o) => {
    const node = tensors.get(o.name);
    return node !== undefined ? [{ tensor: o.name, node }] : [];
  });
  const names = state.names;
  const opOf = (name: string) => names.get(name) ?? undefined;
  let ops: Record<string, string> | null = null;
  return {
    network: { input: input.size, nodes: state.nodes },
    input,
    outputs,
    tensors,
    opOf,
    get ops() {
      return (ops ??= opsTable(names));
    },
    stoppedAt,
    unsupported: [...unsupported.values()],
    notes: state.notes,
  };
}

/** The operators of the named nodes as a prototype-free table. */
function opsTable(names: ReadonlyMap<string, string | null>): Record<string, string> {
  const table = dict<string>();
  for (const [name, op] of names) if (op !== null) table[name] = op;
  return table;
}

/** Stop reasons that mean two tensors' sizes disagree (or a shape constant does not fit). */
const SIZE_CLASH = /different spatial|does not keep the element count|do not match|broadcasts the image/;

function known(v: Val | undefined): KnownTensor | null {
  if (!v || v.kind !== 'const' || !v.values || !v.shape || v.shape.some((d) => d === null)) return null;
  const shape = v.shape as number[];
  if (!evaluableShape(shape)) return null;
  return v.values.length === shape.reduce((a, b) => a * b, 1)
    ? { shape, values: v.values, dataType: v.dataType }
    : null;
}

/** Evaluates a node whose inputs are all known constants (shape arithmetic); false if it cannot. */
function foldKnown(state: MapState, n: OnnxNode): boolean {
  if (n.outputs.length !== 1 || n.inputs.every((t) => t === '')) return false;
  const inputs: (KnownTensor | undefined)[] = [];
  for (const t of n.inputs) {
    if (t === '') {
      inputs.push(undefined);
      continue;
    }
    const k = known(state.vals.get(t));
    if (!k) return false;
    inputs.push(k);
  }
  const out = evaluateNode(n, state.opset, inputs);
  if (!out) return false;
  const fromInput = n.inputs.some((t) => t !== '' && (state.vals.get(t) as ConstVal | undefined)?.fromInput);
  if (n.outputs[0] !== '')
    state.vals.set(n.outputs[0]!, { kind: 'const', ...out, ...(fromInput ? { fromInput } : {}) });
  return true;
}

/** An operator this importer does not know. */
function mapUnknown(ctx: NodeContext): void {
  const op = ctx.node.domain ? `${ctx.node.domain}.${ctx.node.opType}` : ctx.node.opType;
  const images = ctx.inputs().filter((v): v is ImageVal => v.kind === 'image');
  if (images.length === 0) {
    for (let i = 0; i < ctx.node.outputs.length; i++) ctx.set(i, opaqueConst());
    return;
  }
  if (images.some((v) => !v.global))
    ctx.stop(`unknown operator ${op}: its effect on the receptive field is not known`);
  // Whatever it computes from inputs that already see the whole image also sees the whole image.
  ctx.note(
    `Unknown operator ${op} only reads values that already depend on the whole input; its outputs are treated as global.`,
  );
  const node =
    images.length > 1
      ? ctx.emit(
          { op: 'add' },
          images.map((v) => v.node),
        )
      : ctx.emit({ op: 'neutral', kind: op }, [images[0]!.node]);
  for (let i = 0; i < ctx.node.outputs.length; i++)
    ctx.set(i, { kind: 'image', node, shape: [null], h: -1, w: -1, global: true });
}
