/**
 * Every public engine call returns a result or a structured issue: no exception, no endless loop, no
 * exhausted memory. Catches: RatioOverflow escaping unitRegion, a TypeError on a null unit, traces of
 * dilated stacks growing to gigabytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  parseStack,
  stackToNetwork,
  traceUnit,
  unitRegion,
  type Network,
} from '../../../../src/rf/index.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const chain = (input: number, text: string): Network => {
  const parsed = parseStack(text);
  if (!parsed.ok) throw new Error(text);
  return stackToNetwork({ h: input, w: input }, parsed.layers);
};

describe('the public engine never throws', () => {
  it('unitRegion on a 2^53 − 1 input at a unit near 2^52: a too-large issue, not RatioOverflow', () => {
    const net = chain(MAX, 'conv k=3 s=2');
    const unit = { h: 2 ** 52 - 2, w: 2 ** 52 - 2 };
    const region = unitRegion(net, 'conv1', unit);
    expect(region.ok).toBe(false);
    expect(region.issues[0]?.code).toBe('too-large');
    expect(region.issues[0]?.message).toContain('9007199254740991');
    const trace = traceUnit(net, 'conv1', unit);
    expect(trace.ok).toBe(true);
    expect(trace.cells['input']).toEqual([
      { h: { lo: 2 ** 53 - 4, hi: 2 ** 53 - 2 }, w: { lo: 2 ** 53 - 4, hi: 2 ** 53 - 2 } },
    ]);
  });

  it('a null, partial or fractional unit is an unit-out-of-range issue saying what a unit must be', () => {
    const net = chain(224, 'conv k=3');
    for (const unit of [null, undefined, 5, { h: 1 }, { h: '1', w: 1 }] as unknown[]) {
      const region = unitRegion(net, 'conv1', unit as never);
      expect(region.ok).toBe(false);
      expect(region.issues[0]?.code).toBe('unit-out-of-range');
      expect(traceUnit(net, 'conv1', unit as never).ok).toBe(false);
    }
    const half = unitRegion(net, 'conv1', { h: 0.5, w: 0 });
    expect(half.issues[0]?.message).toContain('must be a whole number from 0 to 221');
    expect(unitRegion(net, null as never, { h: 0, w: 0 }).issues[0]?.code).toBe('unknown-node');
  });

  it('a trace whose exact set would hold billions of rectangles is refused with the cap, quickly', () => {
    const text = Array.from({ length: 10 }, (_, i) => `conv k=3 d=${3 ** i}`).join(' | ');
    const trace = traceUnit(chain(60_000, text), 'conv10', { h: 0, w: 0 });
    expect(trace.ok).toBe(false);
    expect(trace.issues[0]?.code).toBe('too-large');
    expect(trace.issues[0]?.message).toContain('1,048,576');
  });

  it('huge kernels behind a fractional jump are refused, not looped over', () => {
    const net = chain(8, `upsample f=2 | conv k=${2 ** 40} p=${2 ** 40}`);
    const analysis = analyze(net);
    expect(analysis.ok).toBe(false);
    expect(analysis.issues.some((i) => i.code === 'too-large')).toBe(true);
  });

  it('random calls with values around 2^53 never throw (2,000 cases)', () => {
    const big = fc.oneof(
      fc.integer({ min: -3, max: 8 }),
      fc.integer({ min: -3, max: 3 }).map((d) => MAX + d),
      fc.integer({ min: 20, max: 62 }).map((a) => 2 ** a),
      fc.constantFrom(0.5, Number.NaN, Infinity, -0),
    );
    const arb = fc.record({
      input: big,
      k: big,
      s: big,
      d: big,
      p: big,
      f: big,
      unit: fc.record({ h: big, w: big }),
    });
    fc.assert(
      fc.property(arb, ({ input, k, s, d, p, f, unit }) => {
        const conv = {
          op: 'conv',
          kernel: { h: k, w: 3 },
          stride: { h: s, w: 1 },
          dilation: { h: d, w: 1 },
          padding: { mode: 'explicit', h: { before: p, after: p }, w: { before: 1, after: 1 } },
        };
        const up = { op: 'upsample', factor: { h: f, w: 1 }, mode: 'bilinear' };
        const net = {
          input: { h: input, w: 7 },
          nodes: [
            { name: 'a', layer: conv, inputs: ['input'] },
            { name: 'b', layer: up, inputs: ['a'] },
            { name: 'c', layer: conv, inputs: ['b'] },
          ],
        } as unknown as Network;
        const analysis = analyze(net);
        expect(Array.isArray(analysis.issues)).toBe(true);
        for (const node of ['a', 'b', 'c']) {
          expect(typeof unitRegion(net, node, unit).ok).toBe('boolean');
          expect(typeof traceUnit(net, node, unit).ok).toBe('boolean');
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
