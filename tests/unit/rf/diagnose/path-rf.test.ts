import fc from 'fast-check';
import { diagnose, INPUT, type Layer, type Network } from '../../../../src/rf/index.ts';
import { findModel } from '../../../../src/rf/zoo/index.ts';
import { graphArb, stackArb } from '../arbitraries.ts';
import { box, oracle } from '../oracle.ts';
import { chain, conv, gap } from '../builders.ts';

/** Every input→node path as the list of nodes on it (the input excluded). */
function paths(net: Network, node: string): string[][] {
  if (node === INPUT) return [[]];
  const found = net.nodes.find((n) => n.name === node);
  if (found === undefined) return [];
  return found.inputs.flatMap((i) => paths(net, i).map((p) => [...p, node]));
}

/** A path as a chain network: its layers in order, merges (identity on one path) left out. */
function pathChain(net: Network, path: string[]): Network | null {
  const layers: Layer[] = [];
  for (const name of path) {
    const layer = net.nodes.find((n) => n.name === name)?.layer as Layer;
    if (layer.op === 'global') return null; // a path through a global layer is not local
    if (layer.op === 'add' || layer.op === 'mul' || layer.op === 'concat') continue;
    layers.push(layer);
  }
  return chain(net.input, layers);
}

/** Brute force: a chain's RF on one axis = the widest unclipped set of input pixels over its units. */
function chainRf(net: Network, axis: 'h' | 'w'): number | null {
  const res = oracle(net, axis).nodes;
  if (res === null) return null;
  const last = [...res.values()].at(-1);
  if (last === undefined) return null;
  let r = 0;
  for (let u = 0; u < last.size; u++) {
    const b = box(last.deps(u, false));
    if (b !== null) r = Math.max(r, b.hi - b.lo + 1);
  }
  return r;
}

function checkAgainstPaths(net: Network, axes: ('h' | 'w')[]): number {
  const d = diagnose(net);
  if (!d.ok) return 0;
  let checked = 0;
  for (const layer of d.layers) {
    if (layer.global || layer.name === INPUT) continue;
    for (const axis of axes) {
      const rfs = paths(net, layer.name)
        .map((p) => pathChain(net, p))
        .filter((c): c is Network => c !== null)
        .map((c) => chainRf(c, axis))
        .filter((r): r is number => r !== null && r > 0);
      if (rfs.length === 0) continue;
      expect([layer.name, axis, layer.minRf[axis]]).toEqual([layer.name, axis, Math.min(...rfs)]);
      expect([layer.name, axis, layer.maxRf[axis]]).toEqual([layer.name, axis, Math.max(...rfs)]);
      checked++;
    }
  }
  return checked;
}

describe('shortest- and longest-path RF', () => {
  it('a chain has one path: minRf = maxRf = 1 + Σ(k_eff − 1)·j (3×3, 3×3/2, 3×3 dilated 2 → 3, 5, 13)', () => {
    const net = chain(16, [conv(3, 1, 1), conv(3, 2, 1), conv(3, 1, 2, 2)]);
    const d = diagnose(net);
    // j = 1, 1, 2: r = 1 + 2·1 = 3; + 2·1 = 5; + (5 − 1)·2 = 13.
    expect(d.layers.map((l) => l.minRf.w)).toEqual([1, 3, 5, 13]);
    expect(d.layers.map((l) => l.maxRf.w)).toEqual([1, 3, 5, 13]);
  });

  it('a residual block: the identity skip is the shortest path, the convolutions the longest', () => {
    const net: Network = {
      input: { h: 8, w: 8 },
      nodes: [
        { name: 'a', layer: conv(3, 1, 1), inputs: [INPUT] },
        { name: 'b', layer: conv(3, 1, 1), inputs: ['a'] },
        { name: 'sum', layer: { op: 'add' }, inputs: ['b', INPUT] },
      ],
    };
    const sum = diagnose(net).layers.find((l) => l.name === 'sum');
    expect(sum?.minRf).toEqual({ h: 1, w: 1 });
    expect(sum?.maxRf).toEqual({ h: 5, w: 5 });
  });

  it('torchvision ResNet-50 at layer4: longest path 427 (gradient-probed), shortest path 11', () => {
    // Shortest: conv1 7×7/2 (r = 7, j = 2), maxpool 3×3/2 (r = 7 + 2·2 = 11, j = 4), then only 1×1
    // projection shortcuts and identity skips. Longest: 1 + 6 + 2·2 + 2·208 = 427 (tests/unit/rf/zoo).
    const model = findModel('torchvision-resnet50');
    if (model === undefined) throw new Error('zoo model missing');
    const d = diagnose(model.network, { at: 'layer4' });
    const layer4 = d.layers.find((l) => l.name === 'layer4');
    expect(layer4?.minRf).toEqual({ h: 11, w: 11 });
    expect(layer4?.maxRf).toEqual({ h: 427, w: 427 });
  });

  it('equals the min and max over an explicit enumeration of paths (brute force) on 600 random 1-D graphs', () => {
    let checked = 0;
    fc.assert(
      fc.property(graphArb(['w']), (net) => {
        checked += checkAgainstPaths(net, ['w']);
      }),
      { numRuns: 600, seed: 12 },
    );
    expect(checked).toBeGreaterThan(1500);
  }, 60_000);

  it('equals the brute-force RF on 600 random 1-D stacks (transposed, upsampling, dilation, crops)', () => {
    let checked = 0;
    fc.assert(
      fc.property(stackArb(['w']), (net) => {
        checked += checkAgainstPaths(net, ['w']);
      }),
      { numRuns: 600, seed: 21 },
    );
    expect(checked).toBeGreaterThan(600);
  }, 60_000);

  it('on 100 random 2-D graphs, axis by axis', () => {
    let checked = 0;
    fc.assert(
      fc.property(graphArb(['h', 'w']), (net) => {
        checked += checkAgainstPaths(net, ['h', 'w']);
      }),
      { numRuns: 100, seed: 4 },
    );
    expect(checked).toBeGreaterThan(200);
  }, 60_000);

  it('global nodes report the whole input on both ends', () => {
    const d = diagnose(chain(12, [conv(3), gap]));
    const g = d.layers.at(-1);
    expect(g?.global).toBe(true);
    expect(g?.minRf).toEqual({ h: 12, w: 12 });
    expect(g?.maxRf).toEqual({ h: 12, w: 12 });
  });
});
