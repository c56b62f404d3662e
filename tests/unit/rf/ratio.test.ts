import fc from 'fast-check';
import {
  formatRatio,
  ratio,
  ratioAdd,
  ratioCeil,
  ratioDiv,
  ratioFloor,
  ratioMul,
  ratioString,
  ratioSub,
  toNumber,
} from '../../../src/rf/ratio.ts';
import { RatioOverflow } from '../../../src/rf/ratio.ts';

describe('exact ratios', () => {
  it('normalise sign and gcd', () => {
    expect(ratio(6, -4)).toEqual({ num: -3, den: 2 });
    expect(ratio(0, -5)).toEqual({ num: 0, den: 1 });
  });
  it('format as decimals when the denominator divides a power of ten, else as fractions', () => {
    expect(
      [ratio(1, 2), ratio(-5, 4), ratio(7), ratio(1, 3), ratio(-7, 6), ratio(1, 80), ratio(0)].map(
        formatRatio,
      ),
    ).toEqual(['0.5', '-1.25', '7', '1/3', '-7/6', '0.0125', '0']);
  });
  it('print exactly for JSON: integers bare, everything else num/den in lowest terms, never decimals', () => {
    expect(
      [ratio(1, 2), ratio(-5, 4), ratio(7), ratio(2, 6), ratio(-7, 6), ratio(0)].map(ratioString),
    ).toEqual(['1/2', '-5/4', '7', '1/3', '-7/6', '0']);
  });
  it('floor and ceil are exact for negative values', () => {
    expect([
      ratioFloor(ratio(-1, 2)),
      ratioCeil(ratio(-1, 2)),
      ratioFloor(ratio(7, 7)),
      ratioCeil(ratio(5, 3)),
    ]).toEqual([-1, 0, 1, 2]);
    expect(ratioFloor(ratio(Number.MAX_SAFE_INTEGER - 1, 3))).toBe(3002399751580330);
  });
  it('refuse results beyond the safe integer range instead of rounding', () => {
    expect(() => ratioMul(ratio(2 ** 30), ratio(2 ** 30))).toThrow(RatioOverflow);
    expect(() => ratioAdd(ratio(Number.MAX_SAFE_INTEGER), ratio(1))).toThrow(RatioOverflow);
  });
  it('satisfy field identities on 2,000 random ratios (operands above 2^26 take the exact BigInt path)', () => {
    const r = fc
      .tuple(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), fc.integer({ min: 1, max: 2 ** 15 }))
      .map(([n, d]) => ratio(n, d));
    fc.assert(
      fc.property(r, r, (a, b) => {
        expect(ratioSub(ratioAdd(a, b), b)).toEqual(a);
        if (b.num !== 0) expect(ratioMul(ratioDiv(a, b), b)).toEqual(a);
        expect(ratioFloor(a)).toBe(Math.floor(toNumber(a)));
      }),
      { numRuns: 2000, seed: 1 },
    );
  });
});
