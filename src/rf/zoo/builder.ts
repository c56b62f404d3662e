/**
 * A small graph builder so that zoo networks read like their original definitions.
 *
 * The builder keeps a cursor (the node the next layer reads from) and a stack of name scopes,
 * mirroring TF-slim's `variable_scope` / `arg_scope`:
 *
 *   b.scope('Mixed_5b', () => {
 *     const b0 = b.branch('Branch_0', () => b.conv('Conv2d_0a_1x1', { k: 1 }));
 *     const b1 = b.branch('Branch_1', () => { b.conv('Conv2d_0a_1x1', { k: 1 }); return b.conv('Conv2d_0b_5x5', { k: 5 }); });
 *     return b.concat('', [b0, b1]);      // named after the scope: 'Mixed_5b'
 *   });
 */
import { INPUT } from '../types.ts';
import type { Axes, GraphNode, Layer, Network, Padding, SidePad } from '../types.ts';

/** A size given once for both axes, or as [h, w] (TF-slim's and PyTorch's order). */
export type Pair = number | readonly [number, number];

/**
 * Padding shorthand:
 * - `'same'`: TensorFlow SAME (depends on the input size), `'valid'`: none,
 * - `'torch-same'`: PyTorch padding='same',
 * - a number or [h, w]: symmetric explicit padding (PyTorch's `padding=`),
 * - `{ h: [before, after], w: [before, after] }`: explicit per side.
 */
export type PadSpec =
  | 'same'
  | 'valid'
  | 'torch-same'
  | number
  | readonly [number, number]
  | { h: readonly [number, number]; w: readonly [number, number] };

export interface ConvOptions {
  /** Kernel size. */
  k: Pair;
  /** Stride (default: the scope default, else 1). */
  s?: Pair;
  /** Dilation (atrous rate; default 1). */
  d?: Pair;
  /** Padding (default: the scope default). */
  pad?: PadSpec;
  /** Groups (channels for depthwise). */
  groups?: number;
  /** Output channels, where recorded. */
  c?: number;
}

export interface PoolOptions {
  k: Pair;
  s?: Pair;
  pad?: PadSpec;
  /** Max pooling unless told otherwise. */
  kind?: 'max' | 'avg';
  /** PyTorch ceil_mode. */
  ceil?: boolean;
}

/** Defaults for the layers built inside a `defaults(...)` call, like TF-slim's arg_scope. */
export interface LayerDefaults {
  pad?: PadSpec;
  s?: Pair;
}

const pair = (v: Pair): Axes<number> => (typeof v === 'number' ? { h: v, w: v } : { h: v[0], w: v[1] });

const side = (v: readonly [number, number]): SidePad => ({ before: v[0], after: v[1] });

export function padding(spec: PadSpec): Padding {
  if (spec === 'same') return { mode: 'tf-same' };
  if (spec === 'valid') return { mode: 'valid' };
  if (spec === 'torch-same') return { mode: 'torch-same' };
  if (typeof spec === 'number' || Array.isArray(spec)) {
    const p = pair(spec as Pair);
    return { mode: 'explicit', h: { before: p.h, after: p.h }, w: { before: p.w, after: p.w } };
  }
  const s = spec as { h: readonly [number, number]; w: readonly [number, number] };
  return { mode: 'explicit', h: side(s.h), w: side(s.w) };
}

export class NetBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly names = new Set<string>([INPUT]);
  private readonly scopes: string[] = [];
  private readonly defaultStack: LayerDefaults[] = [];
  /** The node the next layer reads from. */
  cursor: string = INPUT;

  constructor(
    private readonly input: Axes<number>,
    defaults: LayerDefaults = {},
  ) {
    this.defaultStack.push(defaults);
  }

  /** The full name of `name` inside the current scopes ('' names the scope itself). */
  qualify(name: string): string {
    return [...this.scopes, name].filter((part) => part !== '').join('/');
  }

  /** Runs `body` inside a name scope; the cursor carries on from wherever `body` leaves it. */
  scope<T>(name: string, body: () => T): T {
    this.scopes.push(name);
    try {
      return body();
    } finally {
      this.scopes.pop();
    }
  }

  /** Runs `body` with layer defaults (padding, stride), like `slim.arg_scope`. */
  defaults<T>(defaults: LayerDefaults, body: () => T): T {
    this.defaultStack.push({ ...this.current(), ...defaults });
    try {
      return body();
    } finally {
      this.defaultStack.pop();
    }
  }

  /**
   * A branch: runs `body` in scope `name` starting from the current cursor, returns the name of the
   * branch's last node and puts the cursor back where it was (so siblings start from the same input).
   */
  branch(name: string, body: () => string | void): string {
    const start = this.cursor;
    const end = this.scope(name, () => {
      const last = body();
      return typeof last === 'string' ? last : this.cursor;
    });
    this.cursor = start;
    return end;
  }

  conv(name: string, o: ConvOptions, from?: string): string {
    const d = this.current();
    const layer: Layer = {
      op: 'conv',
      kernel: pair(o.k),
      stride: pair(o.s ?? d.s ?? 1),
      dilation: pair(o.d ?? 1),
      padding: padding(o.pad ?? d.pad ?? 'valid'),
      ...(o.groups !== undefined ? { groups: o.groups } : {}),
      ...(o.c !== undefined ? { channels: o.c } : {}),
    };
    return this.add(name, layer, [from ?? this.cursor]);
  }

  pool(name: string, o: PoolOptions, from?: string): string {
    const d = this.current();
    const layer: Layer = {
      op: 'pool',
      kind: o.kind ?? 'max',
      ceil: o.ceil ?? false,
      kernel: pair(o.k),
      stride: pair(o.s ?? d.s ?? 1),
      dilation: { h: 1, w: 1 },
      padding: padding(o.pad ?? d.pad ?? 'valid'),
    };
    return this.add(name, layer, [from ?? this.cursor]);
  }

  /** Explicit zero padding (TF's `tf.pad`), e.g. before a VALID strided convolution. */
  pad(
    name: string,
    pads: { h: readonly [number, number]; w: readonly [number, number] },
    from?: string,
  ): string {
    return this.add(name, { op: 'pad', pads: { h: side(pads.h), w: side(pads.w) } }, [from ?? this.cursor]);
  }

  /** A layer that leaves the receptive field unchanged (activation, identity, scaling…). */
  neutral(name: string, kind: string, from?: string): string {
    return this.add(name, { op: 'neutral', kind }, [from ?? this.cursor]);
  }

  global(name: string, kind: 'global-pool' | 'flatten' | 'fc', from?: string): string {
    return this.add(name, { op: 'global', kind }, [from ?? this.cursor]);
  }

  concat(name: string, inputs: string[]): string {
    return this.add(name, { op: 'concat' }, inputs);
  }

  sum(name: string, inputs: string[]): string {
    return this.add(name, { op: 'add' }, inputs);
  }

  mul(name: string, inputs: string[]): string {
    return this.add(name, { op: 'mul' }, inputs);
  }

  /** Adds a node (name qualified by the current scopes) and moves the cursor to it. */
  add(name: string, layer: Layer, inputs: string[]): string {
    const full = this.qualify(name);
    if (full === '' || this.names.has(full)) throw new Error(`duplicate or empty node name '${full}'`);
    for (const input of inputs) {
      if (!this.names.has(input)) throw new Error(`node '${full}' reads unknown node '${input}'`);
    }
    this.names.add(full);
    this.nodes.push({ name: full, layer, inputs: [...inputs] });
    this.cursor = full;
    return full;
  }

  build(): Network {
    return { input: { ...this.input }, nodes: [...this.nodes] };
  }

  private current(): LayerDefaults {
    return this.defaultStack[this.defaultStack.length - 1] ?? {};
  }
}

/** A builder for a square input of side `n`. */
export function builder(n: number | Axes<number>, defaults: LayerDefaults = {}): NetBuilder {
  return new NetBuilder(typeof n === 'number' ? { h: n, w: n } : n, defaults);
}
