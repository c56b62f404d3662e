/**
 * The engine's neutral layer vocabulary and result shapes.
 *
 * Coordinates: input pixel i covers [i, i + 1) on its axis (the lecture's convention, so start₀ = 0.5).
 * Region bounds are 0-based pixel indices, inclusive at both ends. Every per-axis quantity is an
 * `Axes<T>` = { h, w }: each recurrence is written once and applied to both axes.
 */

/** One value per spatial axis: h (rows, top→bottom) and w (columns, left→right). */
export interface Axes<T> {
  h: T;
  w: T;
}

/** Padding on one axis: `before` is top/left, `after` is bottom/right. Negative values crop. */
export interface SidePad {
  before: number;
  after: number;
}

/**
 * How a convolution or pooling window is padded.
 * - `explicit`: per-side amounts on each axis (may be asymmetric; negative = crop).
 * - `valid`: no padding.
 * - `tf-same`: TensorFlow SAME — total = max(k_eff − s, 0) if n mod s = 0 else max(k_eff − n mod s, 0),
 *   before = ⌊total / 2⌋, the extra pixel after (bottom/right). Depends on the input size n.
 * - `torch-same`: PyTorch padding='same' (stride 1 only): total = d(k − 1), before = ⌊total / 2⌋.
 */
export type Padding =
  | { mode: 'explicit'; h: SidePad; w: SidePad }
  | { mode: 'valid' }
  | { mode: 'tf-same' }
  | { mode: 'torch-same' };

/** Window parameters shared by convolution-like layers. */
export interface Window {
  kernel: Axes<number>;
  stride: Axes<number>;
  dilation: Axes<number>;
  padding: Padding;
}

/** Convolution (groups = channels for depthwise; groups never change the spatial RF). */
export interface ConvLayer extends Window {
  op: 'conv';
  groups?: number;
  channels?: number;
}

/** Max or average pooling; `ceil` is PyTorch/ONNX ceil_mode. */
export interface PoolLayer extends Window {
  op: 'pool';
  kind: 'max' | 'avg';
  ceil: boolean;
}

/** Transposed convolution; `outputPadding` adds cells on the bottom/right of the output. */
export interface DeconvLayer extends Window {
  op: 'deconv';
  outputPadding: Axes<number>;
  channels?: number;
}

/** Upsampling by an integer factor per axis (half-pixel / align_corners = false convention). */
export interface UpsampleLayer {
  op: 'upsample';
  factor: Axes<number>;
  mode: 'nearest' | 'bilinear';
}

/**
 * Resampling to a given size by the ONNX Resize rule (any scale, see resample.ts): per axis, output
 * unit u samples x(u) from `coordinate` and reads the units the `mode` kernel touches there.
 * `scale` (output per input unit) is the scale used in the formula when the file gives scales; by
 * default it is size/n_in. `nearest` is the rounding of nearest mode (default round_prefer_floor).
 */
export interface ResizeLayer {
  op: 'resize';
  size: Axes<number>;
  coordinate: 'half_pixel' | 'pytorch_half_pixel' | 'align_corners' | 'asymmetric' | 'tf_half_pixel_for_nn';
  mode: 'nearest' | 'linear' | 'cubic';
  nearest?: 'round_prefer_floor' | 'round_prefer_ceil' | 'floor' | 'ceil';
  scale?: Axes<{ num: number; den: number }>;
}

/** A standalone pad (positive) or crop (negative) layer. */
export interface PadLayer {
  op: 'pad';
  pads: Axes<SidePad>;
}

/** A layer that does not change the spatial RF (batch norm, activations, dropout, x·c, x + c…). */
export interface NeutralLayer {
  op: 'neutral';
  kind: string;
}

/** A layer after which every output depends on the whole input (global pooling, flatten, fully connected). */
export interface GlobalLayer {
  op: 'global';
  kind: 'global-pool' | 'flatten' | 'fc';
}

/** Elementwise merge of several inputs with equal spatial size (add, multiply). */
export interface MergeLayer {
  op: 'add' | 'mul';
}

/** Channel concatenation of several inputs with equal spatial size. */
export interface ConcatLayer {
  op: 'concat';
}

export type Layer =
  | ConvLayer
  | PoolLayer
  | DeconvLayer
  | UpsampleLayer
  | ResizeLayer
  | PadLayer
  | NeutralLayer
  | GlobalLayer
  | MergeLayer
  | ConcatLayer;

export type LayerOp = Layer['op'];

/** A node of a network graph: a named layer and the names of the nodes it reads ('input' is the image). */
export interface GraphNode {
  name: string;
  layer: Layer;
  inputs: string[];
}

/** A network: an input of a given spatial size and nodes in any order (the engine sorts them). */
export interface Network {
  input: Axes<number>;
  nodes: GraphNode[];
}

/** The name every network uses for its input image. */
export const INPUT = 'input';
