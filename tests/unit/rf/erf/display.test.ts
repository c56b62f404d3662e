import { describe, expect, it } from 'vitest';
import { erfIntensities, erfToRgba } from '../../../../src/rf/erf/index';

describe('ERF display helpers', () => {
  it('maps linearly to the peak', () => {
    expect(Array.from(erfIntensities([0, 1, 2, 4]))).toEqual([0, 0.25, 0.5, 1]);
  });

  it('maps logarithmically over the given decades, clipping below', () => {
    const t = erfIntensities([1000, 100, 1, 0.001, 0], { scale: 'log', decades: 3 });
    expect(t[0]).toBe(1);
    expect(t[1]).toBeCloseTo(2 / 3, 6);
    expect(t[2]).toBe(0);
    expect(t[3]).toBe(0);
    expect(t[4]).toBe(0);
  });

  it('gives opaque grey RGBA, dark where the ERF is strong, and survives empty or bad maps', () => {
    expect(Array.from(erfToRgba([2, 1, 0]))).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
    expect(Array.from(erfIntensities([0, 0]))).toEqual([0, 0]);
    expect(Array.from(erfIntensities([Number.NaN, Infinity, 1]))).toEqual([0, 0, 1]);
  });
});
