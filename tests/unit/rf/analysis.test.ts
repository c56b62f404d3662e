import { describe, expect, it } from 'vitest';
import { analyze, traceUnit, unitRegion } from '../../../src/rf/index.ts';
import { INPUT, type Network } from '../../../src/rf/types.ts';
import { zoo } from '../../../src/rf/zoo/index.ts';
import { chain, conv, gap, relu } from './builders.ts';

const span = (lo: number, hi: number) => ({ lo, hi });

describe('analyze(net) answers traces and regions without evaluating again', () => {
  it('trace() and region() agree with traceUnit and unitRegion on every zoo network (first, middle, last unit)', () => {
    // Catches: a cached answer for the wrong unit or node, or a region built from the wrong sets.
    for (const model of zoo) {
      const net = model.network;
      const analysis = analyze(net, { at: model.endpoint });
      const out = analysis.output;
      if (out === null) throw new Error(`${model.id}: no output`);
      const units = [
        { h: 0, w: 0 },
        { h: Math.floor(out.size.h / 2), w: Math.floor(out.size.w / 2) },
        { h: out.size.h - 1, w: out.size.w - 1 },
      ];
      for (const unit of units) {
        expect(analysis.region(out.name, unit), `${model.id} ${unit.h},${unit.w}`).toEqual(
          unitRegion(net, out.name, unit),
        );
        expect(analysis.trace(out.name, unit).cells[INPUT]).toEqual(
          traceUnit(net, out.name, unit).cells[INPUT],
        );
      }
    }
  });

  it('asking twice returns the same answer object (cached), another unit a different one', () => {
    const analysis = analyze(chain(8, [conv(3, 2, 1), conv(3, 1, 1)]));
    const first = analysis.region('l2', { h: 1, w: 2 });
    expect(analysis.region('l2', { h: 1, w: 2 })).toBe(first);
    expect(analysis.region('l2', { h: 2, w: 1 })).not.toBe(first);
    expect(analysis.trace('l2', { h: 1, w: 2 })).toBe(analysis.trace('l2', { h: 1, w: 2 }));
  });

  it('bad questions come back as issues, never as exceptions', () => {
    const analysis = analyze(chain(5, [conv(3)]));
    expect(analysis.trace('nope', { h: 0, w: 0 }).issues.map((i) => i.code)).toEqual(['unknown-node']);
    expect(analysis.region('l1', { h: 0, w: 3 }).issues.map((i) => i.code)).toEqual(['unit-out-of-range']);
    expect(analysis.layer('l1')?.size).toEqual({ h: 3, w: 3 });
    expect(analysis.layer('nope')).toBeNull();
  });

  it('the data fields stay plain: an analysis compares equal to its structured clone', () => {
    const analysis = analyze(chain(8, [conv(3, 2, 1), gap]));
    expect(structuredClone(analysis)).toEqual({
      ok: analysis.ok,
      issues: analysis.issues,
      layers: analysis.layers,
      output: analysis.output,
    });
  });
});

describe('clipped and unclipped traces, and the windows on padded maps', () => {
  // Two 3×3 convolutions with stride 1 and padding 1 on a 5-pixel input: unit 0 of l2 reads l1 units
  // −1…1 (−1 is padding), which read input −2…2; only real units propagate when clipped: l1 0…1 read
  // input −1…2, of which 0…2 are real. Worked out by hand.
  const net = chain(5, [conv(3, 1, 1), conv(3, 1, 1)]);
  const analysis = analyze(net);
  const unit = { h: 0, w: 0 };

  it('clipped (the default): only real units', () => {
    const trace = analysis.trace('l2', unit);
    expect(trace.nodes['l1']?.w).toEqual([span(0, 1)]);
    expect(trace.nodes[INPUT]?.w).toEqual([span(0, 2)]);
    expect(trace.windows).toBeUndefined();
  });

  it('unclipped: virtual units of the unbounded grid, as the lecture counts r = 5', () => {
    const trace = analysis.trace('l2', unit, { clip: false });
    expect(trace.nodes['l1']?.w).toEqual([span(-1, 1)]);
    expect(trace.nodes[INPUT]?.w).toEqual([span(-2, 2)]);
    expect(trace.cells[INPUT]).toEqual([{ h: span(-2, 2), w: span(-2, 2) }]);
  });

  it('windows: the padded-map cells the real units read (one padding ring, not two)', () => {
    const trace = analysis.trace('l2', unit, { windows: true });
    expect(trace.nodes[INPUT]?.w).toEqual([span(0, 2)]);
    expect(trace.windows?.['l1']).toEqual([{ h: span(-1, 1), w: span(-1, 1) }]);
    expect(trace.windows?.[INPUT]).toEqual([{ h: span(-1, 2), w: span(-1, 2) }]);
    expect(trace.windows?.['l2']).toEqual([{ h: span(0, 0), w: span(0, 0) }]);
  });
});

describe('global layers: effective stride and padding do not apply', () => {
  it('S and P are null with the global layer named as the reason; local rows keep their numbers', () => {
    // Catches: reporting S = input size and P = 0 after global pooling as if they were measured.
    const net = chain({ h: 6, w: 10 }, [conv(3), gap, conv(1)]);
    const a = analyze(net);
    const [l1, l2, l3] = ['l1', 'l2', 'l3'].map((name) => a.layer(name));
    expect([l2?.stride, l2?.padding, l2?.notApplicable]).toEqual([
      null,
      null,
      { reason: 'global', from: 'l2' },
    ]);
    expect([l3?.stride, l3?.padding, l3?.notApplicable]).toEqual([
      null,
      null,
      { reason: 'global', from: 'l2' },
    ]);
    expect([l1?.stride?.w, l1?.padding?.w, l1?.notApplicable]).toEqual([
      { num: 1, den: 1 },
      { num: 0, den: 1 },
      null,
    ]);
    // r is still the whole input on each axis.
    expect(l3?.rf).toEqual({ h: 6, w: 10 });
  });
});

describe('where a misalignment and where global context come from', () => {
  // a: 1×1 stride 4; b: 3×3 stride 2 unpadded then 1×1 stride 2: centres of unit 0 differ (0.5 vs 1.5).
  const twoBranch: Network = {
    input: { h: 16, w: 16 },
    nodes: [
      { name: 'a', layer: conv(1, 4, 0), inputs: [INPUT] },
      { name: 'b1', layer: conv(3, 2, 0), inputs: [INPUT] },
      { name: 'b2', layer: conv(1, 2, 0), inputs: ['b1'] },
      { name: 'sum', layer: { op: 'add' }, inputs: ['a', 'b2'] },
      { name: 'after', layer: conv(3, 1, 1), inputs: ['sum'] },
      { name: 'sum2', layer: { op: 'add' }, inputs: ['after', 'sum'] },
    ],
  };

  it('every node downstream of the merge names the merge; nodes before it name nothing', () => {
    const a = analyze(twoBranch);
    expect(a.layer('sum')?.misalignedAt).toEqual({ node: 'sum', axis: 'h', kind: 'centre' });
    expect(a.layer('after')?.misalignedAt).toEqual({ node: 'sum', axis: 'h', kind: 'centre' });
    // sum2 adds two paths that each carry the earlier disagreement: the earliest merge is still 'sum'.
    expect(a.layer('sum2')?.misalignedAt?.node).toBe('sum');
    expect(['a', 'b1', 'b2'].map((n) => a.layer(n)?.misalignedAt)).toEqual([null, null, null]);
  });

  it('squeeze-and-excitation: the gate that the global branch feeds is named, downstream too', () => {
    const net: Network = {
      input: { h: 8, w: 8 },
      nodes: [
        { name: 'conv', layer: conv(3, 1, 1), inputs: [INPUT] },
        { name: 'squeeze', layer: gap, inputs: ['conv'] },
        { name: 'act', layer: relu, inputs: ['squeeze'] },
        { name: 'scale', layer: { op: 'mul' }, inputs: ['conv', 'act'] },
        { name: 'after', layer: conv(3, 1, 1), inputs: ['scale'] },
      ],
    };
    const a = analyze(net);
    expect(['conv', 'squeeze', 'act', 'scale', 'after'].map((n) => a.layer(n)?.globalContextFrom)).toEqual([
      null,
      null,
      null,
      'scale',
      'scale',
    ]);
  });
});
