/**
 * Random layers, stacks and small graphs for the property tests. 1-D networks vary the w axis only
 * (h is the identity), because the engine treats the axes independently; 2-D ones vary both.
 */
import fc from 'fast-check';
import {
  INPUT,
  type Axes,
  type GraphNode,
  type Layer,
  type Network,
  type Padding,
  type SidePad,
} from '../../../src/rf/types.ts';

type Axis = 'h' | 'w';
export type Pick<T> = (axis: Axis) => T;

const int = (min: number, max: number) => fc.integer({ min, max });
const side = (lo: number, hi: number) => fc.record({ before: int(lo, hi), after: int(lo, hi) });
const zero: SidePad = { before: 0, after: 0 };

/** Builds a per-axis value: the generated one on varied axes, the identity value elsewhere. */
function axes<T>(varied: readonly Axis[], value: Axes<T>, identity: T): Axes<T> {
  return { h: varied.includes('h') ? value.h : identity, w: varied.includes('w') ? value.w : identity };
}

const pair = <T>(arb: fc.Arbitrary<T>) => fc.record({ h: arb, w: arb });

/** One random layer acting on the `varied` axes. */
export function layerArb(varied: readonly Axis[], options: { sameOnly?: boolean } = {}): fc.Arbitrary<Layer> {
  const conv = fc
    .record({
      k: pair(int(1, 5)),
      s: pair(int(1, 3)),
      d: pair(int(1, 3)),
      pads: pair(side(-1, 3)),
      mode: options.sameOnly
        ? fc.constantFrom('tf-same' as const, 'tf-same' as const, 'explicit' as const)
        : fc.constantFrom(
            'explicit' as const,
            'explicit' as const,
            'valid' as const,
            'tf-same' as const,
            'torch-same' as const,
          ),
    })
    .map(({ k, s, d, pads, mode }): Layer => {
      const stride = axes(varied, mode === 'torch-same' ? { h: 1, w: 1 } : s, 1);
      const padding: Padding =
        mode === 'explicit'
          ? { mode, h: varied.includes('h') ? pads.h : zero, w: varied.includes('w') ? pads.w : zero }
          : { mode };
      return { op: 'conv', kernel: axes(varied, k, 1), stride, dilation: axes(varied, d, 1), padding };
    });
  const pool = fc
    .record({
      k: pair(int(1, 4)),
      s: pair(int(1, 3)),
      d: pair(int(1, 2)),
      pads: pair(side(0, 3)),
      ceil: fc.boolean(),
      same: fc.boolean(),
    })
    .map(({ k, s, d, pads, ceil, same }): Layer => {
      const kernel = axes(varied, k, 1);
      const dilation = axes(varied, d, 1);
      const clampPad = (a: Axis): SidePad => {
        const kEff = dilation[a] * (kernel[a] - 1) + 1;
        return varied.includes(a)
          ? { before: Math.min(pads[a].before, kEff - 1), after: Math.min(pads[a].after, kEff - 1) }
          : zero;
      };
      const padding: Padding =
        same || options.sameOnly
          ? { mode: 'tf-same' }
          : { mode: 'explicit', h: clampPad('h'), w: clampPad('w') };
      return { op: 'pool', kind: 'max', ceil, kernel, stride: axes(varied, s, 1), dilation, padding };
    });
  const deconv = fc
    .record({
      k: pair(int(1, 4)),
      s: pair(int(1, 3)),
      d: pair(int(1, 2)),
      pads: pair(side(0, 2)),
      op: pair(int(0, 2)),
    })
    .map(({ k, s, d, pads, op }): Layer => {
      const stride = axes(varied, s, 1);
      const dilation = axes(varied, d, 1);
      const outputPadding = {
        h: op.h % Math.max(stride.h, dilation.h),
        w: op.w % Math.max(stride.w, dilation.w),
      };
      return {
        op: 'deconv',
        kernel: axes(varied, k, 1),
        stride,
        dilation,
        padding: {
          mode: 'explicit',
          h: varied.includes('h') ? pads.h : zero,
          w: varied.includes('w') ? pads.w : zero,
        },
        outputPadding,
      };
    });
  const upsample = fc
    .record({ f: pair(int(1, 3)), mode: fc.constantFrom('nearest' as const, 'bilinear' as const) })
    .map(({ f, mode }): Layer => ({ op: 'upsample', factor: axes(varied, f, 1), mode }));
  const pad = pair(side(-1, 2)).map((p): Layer => ({ op: 'pad', pads: axes(varied, p, zero) }));
  const neutral = fc.constant<Layer>({ op: 'neutral', kind: 'relu' });
  return fc.oneof(
    { arbitrary: conv, weight: 6 },
    { arbitrary: pool, weight: 2 },
    { arbitrary: deconv, weight: 1 },
    { arbitrary: upsample, weight: 1 },
    { arbitrary: pad, weight: options.sameOnly ? 0 : 1 },
    { arbitrary: neutral, weight: 1 },
  );
}

/** A random chain on the varied axes with an input of 1…maxInput. */
export function stackArb(varied: readonly Axis[], maxLayers = 5, maxInput = 16): fc.Arbitrary<Network> {
  return fc
    .record({
      n: pair(int(1, maxInput)),
      layers: fc.array(layerArb(varied), { minLength: 1, maxLength: maxLayers }),
    })
    .map(({ n, layers }) => {
      let previous = INPUT;
      const nodes = layers.map((layer, i): GraphNode => {
        const node = { name: `l${i + 1}`, layer, inputs: [previous] };
        previous = node.name;
        return node;
      });
      return { input: axes(varied, n, 1), nodes };
    });
}

/** Layers that keep the map size (so merges are valid) but shift centres: asymmetric k_eff − 1 padding. */
export function preservingLayerArb(varied: readonly Axis[]): fc.Arbitrary<Layer[]> {
  const conv = fc
    .record({ k: pair(int(1, 5)), d: pair(int(1, 3)), cut: pair(int(0, 12)) })
    .map(({ k, d, cut }): Layer[] => {
      const kernel = axes(varied, k, 1);
      const dilation = axes(varied, d, 1);
      const pad = (a: Axis): SidePad => {
        const total = dilation[a] * (kernel[a] - 1);
        const before = cut[a] % (total + 1);
        return { before, after: total - before };
      };
      return [
        {
          op: 'conv',
          kernel,
          stride: { h: 1, w: 1 },
          dilation,
          padding: { mode: 'explicit', h: pad('h'), w: pad('w') },
        },
      ];
    });
  // Down by 2 then up by 2: the same size on even maps, a fractional path in between.
  const downUp = fc
    .record({ k: int(1, 4), up: fc.constantFrom('nearest' as const, 'bilinear' as const, 'deconv' as const) })
    .map(({ k, up }): Layer[] => [
      {
        op: 'conv',
        kernel: axes(varied, { h: k, w: k }, 1),
        stride: axes(varied, { h: 2, w: 2 }, 1),
        dilation: { h: 1, w: 1 },
        padding: { mode: 'tf-same' },
      },
      up === 'deconv'
        ? {
            op: 'deconv',
            kernel: axes(varied, { h: 4, w: 4 }, 1),
            stride: axes(varied, { h: 2, w: 2 }, 1),
            dilation: { h: 1, w: 1 },
            padding: {
              mode: 'explicit',
              h: varied.includes('h') ? { before: 1, after: 1 } : zero,
              w: varied.includes('w') ? { before: 1, after: 1 } : zero,
            },
            outputPadding: { h: 0, w: 0 },
          }
        : { op: 'upsample', factor: axes(varied, { h: 2, w: 2 }, 1), mode: up },
    ]);
  return fc.oneof(
    { arbitrary: conv, weight: 4 },
    { arbitrary: downUp, weight: 1 },
    { arbitrary: layerArb(varied, { sameOnly: true }).map((l) => [l]), weight: 1 },
  );
}

/**
 * A random small DAG: a stem, 2–3 branches (mostly SAME-padded so sizes often agree), a merge by add,
 * mul or concat, an optional squeeze-and-excitation style global branch, and a tail.
 */
export function graphArb(varied: readonly Axis[]): fc.Arbitrary<Network> {
  const chain = (max: number) =>
    fc.array(preservingLayerArb(varied), { minLength: 0, maxLength: max }).map((x) => x.flat());
  return fc
    .record({
      n: pair(int(1, 6)).map((n) => ({ h: n.h * 2, w: n.w * 2 })),
      stem: chain(2),
      branches: fc.array(chain(3), { minLength: 2, maxLength: 3 }),
      merge: fc.constantFrom('add' as const, 'concat' as const, 'mul' as const),
      se: fc.boolean(),
      tail: chain(2),
    })
    .map(({ n, stem, branches, merge, se, tail }) => {
      const nodes: GraphNode[] = [];
      let count = 0;
      const append = (layers: Layer[], from: string): string => {
        let previous = from;
        for (const layer of layers) {
          const name = `g${++count}`;
          nodes.push({ name, layer, inputs: [previous] });
          previous = name;
        }
        return previous;
      };
      const root = append(stem, INPUT);
      const ends = branches.map((b) => append(b, root));
      if (se) {
        const squeeze = append([{ op: 'global', kind: 'global-pool' }], root);
        ends.push(append([{ op: 'neutral', kind: 'sigmoid' }], squeeze));
      }
      const name = `g${++count}`;
      nodes.push({ name, layer: { op: se && merge === 'concat' ? 'mul' : merge }, inputs: ends });
      append(tail, name);
      // Shuffle deterministically so the engine must sort.
      nodes.reverse();
      return { input: axes(varied, n, 1), nodes };
    });
}
