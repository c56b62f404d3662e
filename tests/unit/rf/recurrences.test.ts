import fc from 'fast-check';
import {
  analyze,
  effectivePadding,
  effectivePaddingStep,
  ratio,
  ratioEquals,
  rfSize,
  effectiveKernel,
} from '../../../src/rf/index.ts';
import { chain, conv } from './builders.ts';

describe('the two conventions agree on integer-stride stacks', () => {
  // Lecture: P = r/2 − start. Distill's forward recurrence: P_out = P_in + p_before·S_in. Both must equal
  // the engine's exact P (the left edge of unit 0's window, negated), and r must follow r + (k_eff − 1)·j.
  const layer = fc.record({
    k: fc.integer({ min: 1, max: 7 }),
    s: fc.integer({ min: 1, max: 3 }),
    d: fc.integer({ min: 1, max: 3 }),
    p: fc.integer({ min: 0, max: 4 }),
  });
  it('on 1,000 random conv chains', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 8 }), (specs) => {
        const a = analyze(
          chain(
            4000,
            specs.map(({ k, s, d, p }) => conv(k, s, p, d)),
          ),
        );
        if (!a.ok) return;
        let P = ratio(0);
        let S = ratio(1);
        let r = 1;
        specs.forEach(({ k, s, d, p }, i) => {
          P = effectivePaddingStep(P, S, p);
          r = rfSize(r, S.num, effectiveKernel(k, d));
          S = ratio(S.num * s);
          const l = a.layers[i + 1];
          expect(l?.rf.w).toBe(r);
          expect(ratioEquals(l?.padding?.w ?? ratio(-1), P)).toBe(true);
          expect(ratioEquals(effectivePadding(l?.rf.w ?? 0, l?.start.w ?? ratio(0)), P)).toBe(true);
          expect(l?.uniform.w).toBe(true);
        });
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});
