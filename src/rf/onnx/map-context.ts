/**
 * Shared state and helpers for mapping ONNX nodes onto the engine's neutral layers.
 *
 * Every tensor of the graph gets a `Val`:
 * - `const`: does not depend on the image (initializers, Constant nodes, shape arithmetic); its
 *   values are tracked when small and known, so Pad amounts, Resize scales and Reshape shapes
 *   computed inside the graph (Shape → Gather → Concat …) can be folded.
 * - `image`: depends on the image; it is produced by a node of the neutral network, has a static
 *   shape, and knows which of its axes are the image's height and width (-1 once they are gone).
 *   `global` marks tensors every value of which depends on the whole image.
 */
import type { GraphNode, Layer } from '../types.ts';
import type { AttributeValue, OnnxGraph, OnnxNode } from './model.ts';

/** A static dimension; null when unknown (channel counts of graph-only exports, say). */
export type Dim = number | null;

export interface ConstVal {
  kind: 'const';
  shape: Dim[] | null;
  values: number[] | null;
  dataType: number;
  /** True when the values were computed from the image's shape (they follow the input size). */
  fromInput?: boolean;
}

export interface ImageVal {
  kind: 'image';
  /** The neutral-network node producing this tensor. */
  node: string;
  shape: Dim[];
  /** Axis index of the image's height, or -1. */
  h: number;
  /** Axis index of the image's width, or -1. */
  w: number;
  global: boolean;
  /**
   * Set when a Reshape folded the image's height and width (with some leading axes) into one axis,
   * as GroupNorm exports do: `h` and `w` then both name that axis, and per-element ops and
   * reductions over it remain exact until a Reshape restores [H, W].
   */
  fold?: { h: number; w: number };
}

export type Val = ConstVal | ImageVal;

/** Why a stop happened when the file fixes its own sizes (for a message in the reader's language). */
export interface FixedSize {
  /** The image size the file was exported for. */
  fixedFor: { h: number; w: number };
  /** resize: a Resize target is a constant of that size; merge: the inputs of a Concat/Add no longer match. */
  what: 'resize' | 'merge' | 'reshape';
}

/** Thrown by a handler when the node cannot be mapped faithfully; the import stops there. */
export class StopMapping extends Error {
  override name = 'StopMapping';
  constructor(
    message: string,
    readonly fixedSize: FixedSize | null = null,
  ) {
    super(message);
  }
}

/** The sentence for a stop caused by sizes the file fixed at export time. */
export function fixedSizeReason(
  fixedFor: { h: number; w: number },
  now: { h: number; w: number },
  what: FixedSize['what'],
): string {
  const was = `${fixedFor.h} × ${fixedFor.w}`;
  const why =
    what === 'resize'
      ? 'its Resize targets are constants'
      : what === 'reshape'
        ? `its Reshape targets are constants, which do not fit ${now.h} × ${now.w}`
        : `its shapes are constants, so the inputs of this node no longer match`;
  return `this file was exported for ${was}: ${why}; export with dynamic axes to analyse other sizes`;
}

export interface MapState {
  graph: OnnxGraph;
  opset: number;
  vals: Map<string, Val>;
  nodes: GraphNode[];
  /**
   * Every name reserved so far, with the ONNX operator of the network node of that name, or null
   * while no node has it (a node folded away, or dropped at a stop). One table serves both as the
   * set of used names and as the operator of each node: on 10^6-node graphs each costs tens of MB.
   */
  names: Map<string, string | null>;
  notes: string[];
  /** True when the reader overrode the input size (recorded shapes in the file are then stale). */
  inputOverridden: boolean;
  /** Image-dependent tensor name → the network node producing it (kept after its value is released). */
  tensors: Map<string, string>;
  /** Which image-dependent tensors `tensors` records (null: all). */
  keepTensor: ((name: string) => boolean) | null;
  /** The image size the file fixes, when it is analysed at another size (else null). */
  fixedFor: { h: number; w: number } | null;
}

/** What a handler sees for one node. */
export class NodeContext {
  constructor(
    readonly state: MapState,
    readonly node: OnnxNode,
    /** The unique name this node gets in the neutral network. */
    readonly name: string,
  ) {}

  get opset(): number {
    return this.state.opset;
  }

  /** True when input `i` is present (optional inputs may be absent or ''). */
  has(i: number): boolean {
    return (this.node.inputs[i] ?? '') !== '';
  }

  input(i: number): Val {
    const t = this.node.inputs[i] ?? '';
    if (t === '') throw new StopMapping(`input ${i} is missing`);
    const v = this.state.vals.get(t);
    if (!v) throw new StopMapping(`input '${t}' is not available`);
    return v;
  }

  /** All present inputs with their values. */
  inputs(): Val[] {
    return this.node.inputs
      .filter((t) => t !== '')
      .map((t) => {
        const v = this.state.vals.get(t);
        if (!v) throw new StopMapping(`input '${t}' is not available`);
        return v;
      });
  }

  /** Input `i` as a constant with known values (or a stop naming `what`, a plural noun phrase). */
  constValues(i: number, what: string): number[] {
    const v = this.input(i);
    if (v.kind !== 'const') throw new StopMapping(`${what} depend on the image`);
    if (!v.values) throw new StopMapping(`${what} are not known before run time`);
    return v.values;
  }

  /** Image input `i` (or a stop). */
  image(i: number): ImageVal {
    const v = this.input(i);
    if (v.kind !== 'image') throw new StopMapping(`input ${i} was expected to depend on the image`);
    return v;
  }

  attr(name: string): AttributeValue | undefined {
    return this.node.attributes.get(name);
  }

  int(name: string, fallback: number): number {
    const a = this.attr(name);
    if (!a) return fallback;
    if (a.kind === 'int') return a.value;
    if (a.kind === 'float') return Math.trunc(a.value);
    throw new StopMapping(`attribute '${name}' should be an integer`);
  }

  float(name: string, fallback: number): number {
    const a = this.attr(name);
    if (!a) return fallback;
    if (a.kind === 'float' || a.kind === 'int') return a.value;
    throw new StopMapping(`attribute '${name}' should be a number`);
  }

  ints(name: string): number[] | null {
    const a = this.attr(name);
    if (!a) return null;
    if (a.kind === 'ints') return a.value;
    if (a.kind === 'int') return [a.value];
    throw new StopMapping(`attribute '${name}' should be a list of integers`);
  }

  floats(name: string): number[] | null {
    const a = this.attr(name);
    if (!a) return null;
    if (a.kind === 'floats' || a.kind === 'ints') return a.value;
    if (a.kind === 'float' || a.kind === 'int') return [a.value];
    throw new StopMapping(`attribute '${name}' should be a list of numbers`);
  }

  str(name: string, fallback: string): string {
    const a = this.attr(name);
    if (!a) return fallback;
    if (a.kind === 'string') return a.value;
    throw new StopMapping(`attribute '${name}' should be a string`);
  }

  /** Adds a node to the neutral network and returns its name. `suffix` names helper nodes. */
  emit(layer: Layer, inputs: string[], suffix?: string): string {
    const name = suffix ? uniqueName(this.state, `${this.name}/${suffix}`) : this.name;
    this.state.nodes.push({ name, layer, inputs });
    this.state.names.set(
      name,
      this.node.domain ? `${this.node.domain}.${this.node.opType}` : this.node.opType,
    );
    return name;
  }

  /** Sets output `i` (ignored when the node has no such output). */
  set(i: number, v: Val): void {
    const t = this.node.outputs[i] ?? '';
    if (t === '') return;
    this.state.vals.set(t, v);
    if (v.kind === 'image' && (this.state.keepTensor === null || this.state.keepTensor(t)))
      this.state.tensors.set(t, v.node);
  }

  /** Sets every output to the same value (Dropout's mask, MaxPool's indices…). */
  setAll(v: Val): void {
    for (let i = 0; i < this.node.outputs.length; i++) this.set(i, v);
  }

  note(text: string): void {
    if (!this.state.notes.includes(text)) this.state.notes.push(text);
  }

  stop(reason: string, fixedSize: FixedSize | null = null): never {
    throw new StopMapping(reason, fixedSize);
  }
}

/** Reserves a node name not used before (and never the image's name). */
export function uniqueName(state: MapState, wanted: string): string {
  let name = wanted;
  for (let k = 1; state.names.has(name) || name === 'input'; k++) name = `${wanted}_${k}`;
  state.names.set(name, null);
  return name;
}

/** Normalizes a possibly negative axis for a tensor of rank `rank`. */
export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new StopMapping(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}

export function product(dims: Dim[]): Dim {
  let p = 1;
  for (const d of dims) {
    if (d === null) return null;
    p *= d;
  }
  return p;
}

export function fmtShape(shape: Dim[] | null): string {
  return shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : '[?]';
}

/** A constant with unknown values. */
export function opaqueConst(shape: Dim[] | null = null, dataType = 0): ConstVal {
  return { kind: 'const', shape, values: null, dataType };
}

/** Spatial sizes of an image tensor that still has spatial axes. */
export function spatialSize(v: ImageVal): { h: number; w: number } {
  if (v.fold)
    throw new StopMapping(
      `the image's height and width are folded into one axis ${fmtShape(v.shape)} by an earlier Reshape`,
    );
  const h = v.shape[v.h];
  const w = v.shape[v.w];
  if (v.h < 0 || v.w < 0 || h === null || h === undefined || w === null || w === undefined) {
    throw new StopMapping(`the tensor ${fmtShape(v.shape)} has no known height and width`);
  }
  return { h, w };
}

/** For a rank-4 tensor, the attribute index (0 or 1) of the image's height and width axes. */
export function spatialAttrIndex(v: ImageVal, op: string): { h: number; w: number } {
  if (v.shape.length !== 4)
    throw new StopMapping(
      `${op} on a rank-${v.shape.length} tensor: only 2-D ${op} over NCHW tensors is supported`,
    );
  if (v.h < 2 || v.w < 2) {
    throw new StopMapping(
      `${op} runs over axes 2 and 3, but the image's height and width are at axes ${v.h} and ${v.w}`,
    );
  }
  return { h: v.h - 2, w: v.w - 2 };
}

/** An image value derived from `v` with a new producing node and shape. */
export function derive(v: ImageVal, node: string, shape: Dim[], extra: Partial<ImageVal> = {}): ImageVal {
  return {
    kind: 'image',
    node,
    shape,
    h: v.h,
    w: v.w,
    global: v.global,
    ...(v.fold ? { fold: v.fold } : {}),
    ...extra,
  };
}
