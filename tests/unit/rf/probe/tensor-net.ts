/**
 * A tiny numerical executor for a `Network`: it really runs the layers on 2-D feature maps and
 * back-propagates a gradient through them, the way one would probe a PyTorch or TensorFlow model.
 * It is a third reference for the RF engine, independent of both the engine and the set oracle: it
 * imports only the layer vocabulary and writes every op from its framework definition.
 *
 * Design choices (all of them only make "gradient ≠ 0" coincide with "can influence"):
 * - One channel per node. Channels never change the spatial receptive field: a full convolution sums
 *   over input channels and a depthwise one applies the same spatial window to every channel, so the
 *   pixels that reach a unit are the union over channels of the per-channel supports.
 * - Concat is executed as a SUM of its (equal-size) inputs. With strictly positive values and weights
 *   nothing cancels, so the support of the sum is the union of the inputs' supports, which is exactly
 *   what any later layer sees of the concatenated channels; and the gradient handed to each input is
 *   the concat's own gradient, as it is for real channel concatenation.
 * - Weights are random in [0.5, 1.5] (seeded per node), divided by the number of taps so that values
 *   stay O(1) through hundreds of layers (no overflow, and no underflow of the smallest path products).
 *   Convolutions and transposed convolutions have a positive bias too, so every forward value is
 *   strictly positive (except cells created by a `pad` layer, which are zeros as in tf.pad). That keeps
 *   the partial derivatives of `mul` (the other factor's forward value) strictly positive.
 * - No nonlinearity: neutral layers (ReLU, BN, sigmoid…) are the identity. For any elementwise map with a
 *   positive derivative the support of the gradient is the same.
 * - Max pooling: the forward pass takes the true max over the window's real taps, but the backward
 *   pass is the adjoint of AVERAGE pooling over the real taps. The gradient of a max is a one-hot at the
 *   argmax, which depends on the data; the union over all possible argmax choices is every real tap of
 *   the window, and the average-pool adjoint gives exactly that union in one pass.
 * - Padding cells are not units: windows only read real taps (zero padding for conv, −∞ for max pool,
 *   excluded from the count for avg pool), so a padding cell never carries a gradient.
 * - Bilinear weights use the exact source coordinate x = (o + ½)/f − ½ (a division by the integer f,
 *   which is exact whenever x is an integer or half-integer), so λ = 0 exactly where the sample falls on
 *   a pixel. PyTorch multiplies by the float 1/f instead and may leave λ ≈ 1e−16 there.
 */
import { resizeTaps } from '../onnx-resize-spec.ts';
import { rng } from '../../support/rng.ts';
import {
  INPUT,
  type Axes,
  type GraphNode,
  type Layer,
  type Network,
  type SidePad,
} from '../../../../src/rf/types.ts';

type Axis = 'h' | 'w';
const AXES: readonly Axis[] = ['h', 'w'];

/** A single-channel feature map, row-major (index = row·w + col). */
export interface FeatureMap {
  h: number;
  w: number;
  data: Float64Array;
}

/** Per-axis index arithmetic of a windowed layer (conv or pool), resolved for its input size. */
interface WindowAxis {
  k: number;
  s: number;
  d: number;
  before: number;
  nIn: number;
  nOut: number;
}

/** Per-axis transposed convolution: output o receives input i when o = i·s − before + t·d. */
interface TransposedAxis {
  k: number;
  s: number;
  d: number;
  before: number;
  nIn: number;
  nOut: number;
}

/** Per-axis bilinear sampling: output o reads i0 with weight 1 − λ and i1 with weight λ. */
interface BilinearAxis {
  i0: Int32Array;
  i1: Int32Array;
  lambda: Float64Array;
}

export interface ExecNode {
  name: string;
  layer: Layer | null;
  inputs: string[];
  h: number;
  w: number;
  /** Global: the op is global, or every input is global (everything after global pooling). */
  global: boolean;
  /** Forward value (kept for the partial derivatives of mul). */
  value: FeatureMap;
  window?: Axes<WindowAxis>;
  transposed?: Axes<TransposedAxis>;
  bilinear?: Axes<BilinearAxis>;
  weights?: Float64Array;
  bias?: number;
  /**
   * The forward value is the op's output times this positive constant (1 / its maximum), so that values
   * stay in (0, 1] even through squeeze-and-excitation products, which would otherwise square the
   * magnitude at every block and overflow. A positive scalar factor never changes a support.
   */
  scale: number;
}

export interface TensorNet {
  /** Nodes in topological order, the input first. */
  order: ExecNode[];
  byName: Map<string, ExecNode>;
}

export class ExecError extends Error {}

/** The seeded PRNG the probes draw their weights from. */
export { rng };

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const ceilDiv = (a: number, b: number) => -Math.floor(-a / b);

/**
 * Padding of a conv/pool window on one axis for input size n:
 * TF SAME: total = max(k_eff − s, 0) if n mod s = 0 else max(k_eff − n mod s, 0), before = ⌊total/2⌋;
 * PyTorch padding='same': total = k_eff − 1, before = ⌊total/2⌋.
 */
function sidePad(layer: Layer & { padding: unknown }, axis: Axis, n: number): SidePad {
  if (layer.op !== 'conv' && layer.op !== 'pool' && layer.op !== 'deconv') return { before: 0, after: 0 };
  const kEff = layer.dilation[axis] * (layer.kernel[axis] - 1) + 1;
  const s = layer.stride[axis];
  const p = layer.padding;
  switch (p.mode) {
    case 'explicit':
      return p[axis];
    case 'valid':
      return { before: 0, after: 0 };
    case 'tf-same': {
      const total = n % s === 0 ? Math.max(kEff - s, 0) : Math.max(kEff - (n % s), 0);
      return { before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
    }
    case 'torch-same':
      if (s !== 1) throw new ExecError("padding='same' needs stride 1");
      return { before: Math.floor((kEff - 1) / 2), after: kEff - 1 - Math.floor((kEff - 1) / 2) };
  }
}

/**
 * Output size of a conv/pool window (PyTorch's formula):
 * floor mode ⌊(n + p_b + p_a − k_eff)/s⌋ + 1; ceil mode ⌈…⌉ + 1, minus one when the last window would
 * start at or past n + p_b (it must start inside the input or the left padding).
 */
function windowAxis(layer: Layer, axis: Axis, n: number): WindowAxis {
  if (layer.op !== 'conv' && layer.op !== 'pool') throw new ExecError('not a window layer');
  const k = layer.kernel[axis];
  const s = layer.stride[axis];
  const d = layer.dilation[axis];
  const pad = sidePad(layer, axis, n);
  const span = n + pad.before + pad.after - (d * (k - 1) + 1);
  let nOut: number;
  if (layer.op === 'pool' && layer.ceil) {
    nOut = ceilDiv(span, s) + 1;
    if ((nOut - 1) * s >= n + pad.before) nOut -= 1;
  } else nOut = floorDiv(span, s) + 1;
  return { k, s, d, before: pad.before, nIn: n, nOut };
}

/** ConvTranspose: n_out = (n − 1)·s − p_b − p_a + d(k − 1) + output_padding + 1. */
function transposedAxis(layer: Layer, axis: Axis, n: number): TransposedAxis {
  if (layer.op !== 'deconv') throw new ExecError('not a transposed layer');
  const k = layer.kernel[axis];
  const s = layer.stride[axis];
  const d = layer.dilation[axis];
  const pad = sidePad(layer, axis, n);
  const nOut = (n - 1) * s - pad.before - pad.after + d * (k - 1) + layer.outputPadding[axis] + 1;
  return { k, s, d, before: pad.before, nIn: n, nOut };
}

/** Half-pixel bilinear (align_corners = false): x = (o + ½)/f − ½, clamped at 0, i1 = min(i0 + 1, n − 1). */
function bilinearAxis(f: number, n: number): BilinearAxis {
  const nOut = n * f;
  const i0 = new Int32Array(nOut);
  const i1 = new Int32Array(nOut);
  const lambda = new Float64Array(nOut);
  for (let o = 0; o < nOut; o++) {
    const x = Math.max((o + 0.5) / f - 0.5, 0);
    const lo = Math.min(Math.floor(x), n - 1);
    i0[o] = lo;
    i1[o] = Math.min(lo + 1, n - 1);
    lambda[o] = lo === n - 1 ? 0 : x - lo;
  }
  return { i0, i1, lambda };
}

function topological(net: Network): GraphNode[] {
  const done = new Set<string>([INPUT]);
  const out: GraphNode[] = [];
  const pending = [...net.nodes];
  while (pending.length > 0) {
    const i = pending.findIndex((n) => n.inputs.every((x) => done.has(x)));
    if (i < 0) throw new ExecError('cycle or unknown input');
    const [node] = pending.splice(i, 1) as [GraphNode];
    if (done.has(node.name)) throw new ExecError(`duplicate node ${node.name}`);
    done.add(node.name);
    out.push(node);
  }
  return out;
}

const newMap = (h: number, w: number): FeatureMap => ({ h, w, data: new Float64Array(h * w) });

/** Builds the executor and runs the forward pass on a seeded positive input image. */
export function buildTensorNet(net: Network, seed = 1): TensorNet {
  const random = rng(seed);
  const input = newMap(net.input.h, net.input.w);
  for (let i = 0; i < input.data.length; i++) input.data[i] = 0.5 + random();
  const first: ExecNode = {
    name: INPUT,
    layer: null,
    inputs: [],
    h: input.h,
    w: input.w,
    global: false,
    value: input,
    scale: 1,
  };
  const order: ExecNode[] = [first];
  const byName = new Map<string, ExecNode>([[INPUT, first]]);
  for (const node of topological(net)) {
    const sources = node.inputs.map((x) => byName.get(x) as ExecNode);
    const raw = forwardNode(node, sources, rng(hash(node.name) ^ seed));
    let max = 0;
    for (const v of raw.value.data) max = Math.max(max, v);
    const scale = max > 0 && Number.isFinite(max) ? 1 / max : 1;
    const made: ExecNode = { ...raw, scale };
    if (scale !== 1)
      made.value = { h: raw.value.h, w: raw.value.w, data: raw.value.data.map((v) => v * scale) };
    order.push(made);
    byName.set(made.name, made);
  }
  return { order, byName };
}

function forwardNode(node: GraphNode, sources: ExecNode[], random: () => number): Omit<ExecNode, 'scale'> {
  const layer = node.layer;
  const src = sources[0];
  if (src === undefined) throw new ExecError(`${node.name} has no input`);
  const base = { name: node.name, layer, inputs: node.inputs };
  const positive = () => 0.5 + random();
  switch (layer.op) {
    case 'conv':
    case 'pool': {
      if (sources.length !== 1) throw new ExecError(`${node.name} needs one input`);
      const win = { h: windowAxis(layer, 'h', src.h), w: windowAxis(layer, 'w', src.w) };
      if (win.h.nOut < 1 || win.w.nOut < 1) throw new ExecError(`${node.name} vanishes`);
      const taps = win.h.k * win.w.k;
      const weights = new Float64Array(taps);
      for (let t = 0; t < taps; t++) weights[t] = layer.op === 'conv' ? positive() / taps : 1;
      const bias = layer.op === 'conv' ? positive() : 0;
      const out = newMap(win.h.nOut, win.w.nOut);
      const x = src.value;
      for (let oh = 0; oh < out.h; oh++)
        for (let ow = 0; ow < out.w; ow++) {
          let acc = 0;
          let max = -Infinity;
          let count = 0;
          for (let th = 0; th < win.h.k; th++) {
            const ih = oh * win.h.s - win.h.before + th * win.h.d;
            if (ih < 0 || ih >= x.h) continue;
            for (let tw = 0; tw < win.w.k; tw++) {
              const iw = ow * win.w.s - win.w.before + tw * win.w.d;
              if (iw < 0 || iw >= x.w) continue;
              const v = x.data[ih * x.w + iw] as number;
              acc += (weights[th * win.w.k + tw] as number) * v;
              max = Math.max(max, v);
              count++;
            }
          }
          let value = acc + bias;
          if (layer.op === 'pool') value = count === 0 ? 0 : layer.kind === 'max' ? max : acc / count;
          out.data[oh * out.w + ow] = value;
        }
      return { ...base, h: out.h, w: out.w, global: src.global, value: out, window: win, weights, bias };
    }
    case 'deconv': {
      if (sources.length !== 1) throw new ExecError(`${node.name} needs one input`);
      if (layer.padding.mode !== 'explicit' && layer.padding.mode !== 'valid')
        throw new ExecError(`${node.name}: transposed padding must be explicit`);
      const tr = { h: transposedAxis(layer, 'h', src.h), w: transposedAxis(layer, 'w', src.w) };
      if (tr.h.nOut < 1 || tr.w.nOut < 1) throw new ExecError(`${node.name} vanishes`);
      const taps = tr.h.k * tr.w.k;
      const weights = new Float64Array(taps);
      for (let t = 0; t < taps; t++) weights[t] = positive() / taps;
      const bias = positive();
      const out = newMap(tr.h.nOut, tr.w.nOut);
      out.data.fill(bias);
      const x = src.value;
      // Scatter: input i adds w[t]·x[i] to output i·s − before + t·d (cells outside are cropped).
      for (let ih = 0; ih < x.h; ih++)
        for (let th = 0; th < tr.h.k; th++) {
          const oh = ih * tr.h.s - tr.h.before + th * tr.h.d;
          if (oh < 0 || oh >= out.h) continue;
          for (let iw = 0; iw < x.w; iw++)
            for (let tw = 0; tw < tr.w.k; tw++) {
              const ow = iw * tr.w.s - tr.w.before + tw * tr.w.d;
              if (ow < 0 || ow >= out.w) continue;
              out.data[oh * out.w + ow] =
                (out.data[oh * out.w + ow] as number) +
                (weights[th * tr.w.k + tw] as number) * (x.data[ih * x.w + iw] as number);
            }
        }
      return { ...base, h: out.h, w: out.w, global: src.global, value: out, transposed: tr, weights, bias };
    }
    case 'resize': {
      if (sources.length !== 1) throw new ExecError(`${node.name} needs one input`);
      const out = newMap(layer.size.h, layer.size.w);
      const x = src.value;
      for (let oh = 0; oh < out.h; oh++)
        for (let ow = 0; ow < out.w; ow++) {
          let acc = 0;
          // |weight|: cubic weights can be negative, and only which taps are non-zero matters here.
          for (const th of resizeTaps(layer, 'h', oh, src.h))
            for (const tw of resizeTaps(layer, 'w', ow, src.w))
              acc += Math.abs(th.weight * tw.weight) * (x.data[th.index * x.w + tw.index] as number);
          out.data[oh * out.w + ow] = acc;
        }
      return { ...base, h: out.h, w: out.w, global: src.global, value: out };
    }
    case 'upsample': {
      if (sources.length !== 1) throw new ExecError(`${node.name} needs one input`);
      const f = layer.factor;
      const out = newMap(src.h * f.h, src.w * f.w);
      const x = src.value;
      if (layer.mode === 'nearest') {
        for (let oh = 0; oh < out.h; oh++)
          for (let ow = 0; ow < out.w; ow++)
            out.data[oh * out.w + ow] = x.data[floorDiv(oh, f.h) * x.w + floorDiv(ow, f.w)] as number;
        return { ...base, h: out.h, w: out.w, global: src.global, value: out };
      }
      const bl = { h: bilinearAxis(f.h, src.h), w: bilinearAxis(f.w, src.w) };
      for (let oh = 0; oh < out.h; oh++)
        for (let ow = 0; ow < out.w; ow++) {
          let acc = 0;
          for (const [ih, wh] of bilinearTaps(bl.h, oh))
            for (const [iw, ww] of bilinearTaps(bl.w, ow)) acc += wh * ww * (x.data[ih * x.w + iw] as number);
          out.data[oh * out.w + ow] = acc;
        }
      return { ...base, h: out.h, w: out.w, global: src.global, value: out, bilinear: bl };
    }
    case 'pad': {
      if (sources.length !== 1) throw new ExecError(`${node.name} needs one input`);
      const p = layer.pads;
      const size = { h: src.h + p.h.before + p.h.after, w: src.w + p.w.before + p.w.after };
      if (size.h < 1 || size.w < 1) throw new ExecError(`${node.name} vanishes`);
      const out = newMap(size.h, size.w);
      const x = src.value;
      for (let oh = 0; oh < out.h; oh++) {
        const ih = oh - p.h.before;
        if (ih < 0 || ih >= x.h) continue;
        for (let ow = 0; ow < out.w; ow++) {
          const iw = ow - p.w.before;
          if (iw >= 0 && iw < x.w) out.data[oh * out.w + ow] = x.data[ih * x.w + iw] as number;
        }
      }
      return { ...base, h: out.h, w: out.w, global: src.global, value: out };
    }
    case 'neutral': {
      if (sources.length !== 1) throw new ExecError(`${node.name} needs one input`);
      return { ...base, h: src.h, w: src.w, global: src.global, value: src.value };
    }
    case 'global': {
      if (sources.length !== 1) throw new ExecError(`${node.name} needs one input`);
      const out = newMap(1, 1);
      let acc = 0;
      for (const v of src.value.data) acc += v;
      out.data[0] = acc / src.value.data.length;
      return { ...base, h: 1, w: 1, global: true, value: out };
    }
    case 'add':
    case 'mul':
    case 'concat': {
      const local = sources.filter((s) => !s.global);
      const ref = local[0] ?? src;
      for (const s of sources)
        for (const axis of AXES) {
          const broadcast = s.global && s[axis] === 1 && layer.op !== 'concat';
          if (s[axis] !== ref[axis] && !broadcast) throw new ExecError(`${node.name}: size mismatch`);
        }
      const out = newMap(ref.h, ref.w);
      out.data.fill(layer.op === 'mul' ? 1 : 0);
      for (const s of sources)
        for (let i = 0; i < out.data.length; i++) {
          const v = s.value.data.length === 1 ? (s.value.data[0] as number) : (s.value.data[i] as number);
          out.data[i] = layer.op === 'mul' ? (out.data[i] as number) * v : (out.data[i] as number) + v;
        }
      return { ...base, h: out.h, w: out.w, global: local.length === 0, value: out };
    }
  }
}

function bilinearTaps(axis: BilinearAxis, o: number): [number, number][] {
  const l = axis.lambda[o] as number;
  return [
    [axis.i0[o] as number, 1 - l],
    [axis.i1[o] as number, l],
  ];
}

export interface BackwardOptions {
  /**
   * Detach paths through global layers at local nodes (x · stop_gradient(se(x))): the local RF that is
   * reported next to squeeze-and-excitation context.
   */
  local?: boolean;
}

/**
 * Sets the gradient of `node` to one at `unit` and zero elsewhere and back-propagates it with the exact
 * adjoint of every op. Returns the gradient of every node that receives one (the node itself included).
 */
export function backward(
  tn: TensorNet,
  node: string,
  unit: Axes<number>,
  options: BackwardOptions = {},
): Map<string, Float64Array> {
  const target = tn.byName.get(node);
  if (target === undefined) throw new ExecError(`unknown node ${node}`);
  const grads = new Map<string, Float64Array>();
  const seed = new Float64Array(target.h * target.w);
  seed[unit.h * target.w + unit.w] = 1;
  grads.set(node, seed);
  const gradOf = (n: ExecNode): Float64Array => {
    let g = grads.get(n.name);
    if (g === undefined) {
      g = new Float64Array(n.h * n.w);
      grads.set(n.name, g);
    }
    return g;
  };
  const index = tn.order.indexOf(target);
  for (let k = index; k >= 1; k--) {
    const n = tn.order[k] as ExecNode;
    const raw = grads.get(n.name);
    if (raw === undefined) continue;
    const g = n.scale === 1 ? raw : raw.map((v) => v * n.scale);
    const sources = n.inputs.map((x) => tn.byName.get(x) as ExecNode);
    const keep = (s: ExecNode) => !(options.local === true && s.global && !n.global);
    backwardNode(n, g, sources, keep, gradOf);
  }
  return grads;
}

function backwardNode(
  n: ExecNode,
  g: Float64Array,
  sources: ExecNode[],
  keep: (s: ExecNode) => boolean,
  gradOf: (n: ExecNode) => Float64Array,
): void {
  const layer = n.layer as Layer;
  const src = sources[0] as ExecNode;
  if (!keep(src) && layer.op !== 'add' && layer.op !== 'mul' && layer.op !== 'concat') return;
  switch (layer.op) {
    case 'conv':
    case 'pool': {
      const win = n.window as Axes<WindowAxis>;
      const weights = n.weights as Float64Array;
      const gx = gradOf(src);
      // The adjoint of out[o] = Σ_t w_t · x[o·s − before + t·d] over real taps (avg pool: w_t = 1/count).
      for (let oh = 0; oh < n.h; oh++)
        for (let ow = 0; ow < n.w; ow++) {
          const go = g[oh * n.w + ow] as number;
          if (go === 0) continue;
          let scale = 1;
          if (layer.op === 'pool') {
            let count = 0;
            for (let th = 0; th < win.h.k; th++) {
              const ih = oh * win.h.s - win.h.before + th * win.h.d;
              if (ih < 0 || ih >= src.h) continue;
              for (let tw = 0; tw < win.w.k; tw++) {
                const iw = ow * win.w.s - win.w.before + tw * win.w.d;
                if (iw >= 0 && iw < src.w) count++;
              }
            }
            scale = count === 0 ? 0 : 1 / count;
          }
          for (let th = 0; th < win.h.k; th++) {
            const ih = oh * win.h.s - win.h.before + th * win.h.d;
            if (ih < 0 || ih >= src.h) continue;
            for (let tw = 0; tw < win.w.k; tw++) {
              const iw = ow * win.w.s - win.w.before + tw * win.w.d;
              if (iw < 0 || iw >= src.w) continue;
              gx[ih * src.w + iw] =
                (gx[ih * src.w + iw] as number) + (weights[th * win.w.k + tw] as number) * scale * go;
            }
          }
        }
      return;
    }
    case 'deconv': {
      const tr = n.transposed as Axes<TransposedAxis>;
      const weights = n.weights as Float64Array;
      const gx = gradOf(src);
      // Gather: the adjoint of the scatter, i.e. a strided convolution of the output gradient.
      for (let ih = 0; ih < src.h; ih++)
        for (let iw = 0; iw < src.w; iw++) {
          let acc = 0;
          for (let th = 0; th < tr.h.k; th++) {
            const oh = ih * tr.h.s - tr.h.before + th * tr.h.d;
            if (oh < 0 || oh >= n.h) continue;
            for (let tw = 0; tw < tr.w.k; tw++) {
              const ow = iw * tr.w.s - tr.w.before + tw * tr.w.d;
              if (ow < 0 || ow >= n.w) continue;
              acc += (weights[th * tr.w.k + tw] as number) * (g[oh * n.w + ow] as number);
            }
          }
          gx[ih * src.w + iw] = (gx[ih * src.w + iw] as number) + acc;
        }
      return;
    }
    case 'resize': {
      const gx = gradOf(src);
      for (let oh = 0; oh < n.h; oh++)
        for (let ow = 0; ow < n.w; ow++) {
          const go = g[oh * n.w + ow] as number;
          if (go === 0) continue;
          for (const th of resizeTaps(layer, 'h', oh, src.h))
            for (const tw of resizeTaps(layer, 'w', ow, src.w)) {
              const i = th.index * src.w + tw.index;
              gx[i] = (gx[i] as number) + Math.abs(th.weight * tw.weight) * go;
            }
        }
      return;
    }
    case 'upsample': {
      const gx = gradOf(src);
      const f = layer.factor;
      for (let oh = 0; oh < n.h; oh++)
        for (let ow = 0; ow < n.w; ow++) {
          const go = g[oh * n.w + ow] as number;
          if (go === 0) continue;
          if (layer.mode === 'nearest') {
            const i = floorDiv(oh, f.h) * src.w + floorDiv(ow, f.w);
            gx[i] = (gx[i] as number) + go;
            continue;
          }
          const bl = n.bilinear as Axes<BilinearAxis>;
          for (const [ih, wh] of bilinearTaps(bl.h, oh))
            for (const [iw, ww] of bilinearTaps(bl.w, ow))
              gx[ih * src.w + iw] = (gx[ih * src.w + iw] as number) + wh * ww * go;
        }
      return;
    }
    case 'pad': {
      const gx = gradOf(src);
      const p = layer.pads;
      for (let oh = 0; oh < n.h; oh++) {
        const ih = oh - p.h.before;
        if (ih < 0 || ih >= src.h) continue;
        for (let ow = 0; ow < n.w; ow++) {
          const iw = ow - p.w.before;
          if (iw >= 0 && iw < src.w)
            gx[ih * src.w + iw] = (gx[ih * src.w + iw] as number) + (g[oh * n.w + ow] as number);
        }
      }
      return;
    }
    case 'neutral': {
      const gx = gradOf(src);
      for (let i = 0; i < g.length; i++) gx[i] = (gx[i] as number) + (g[i] as number);
      return;
    }
    case 'global': {
      const gx = gradOf(src);
      const share = (g[0] as number) / gx.length;
      for (let i = 0; i < gx.length; i++) gx[i] = (gx[i] as number) + share;
      return;
    }
    case 'add':
    case 'mul':
    case 'concat': {
      sources.forEach((s, k) => {
        if (!keep(s)) return;
        const gx = gradOf(s);
        for (let i = 0; i < g.length; i++) {
          let partial = 1;
          if (layer.op === 'mul')
            sources.forEach((other, j) => {
              if (j !== k)
                partial *=
                  other.value.data.length === 1
                    ? (other.value.data[0] as number)
                    : (other.value.data[i] as number);
            });
          const contribution = partial * (g[i] as number);
          // A broadcast 1×1 input collects the gradient of every position.
          const at = gx.length === 1 ? 0 : i;
          gx[at] = (gx[at] as number) + contribution;
        }
      });
      return;
    }
  }
}
