import { describe, expect, it } from 'vitest';
import {
  createRng,
  createSplitmix32,
  erfMetrics,
  highContributionAreas,
  luoSize,
  profileMoments,
  type ErfMap,
} from '../../../../src/rf/erf/index';

/** A width × height map from f(y, x). */
function makeMap(width: number, height: number, f: (y: number, x: number) => number): ErfMap {
  const data = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(y, x);
  return { data, width, height };
}

describe('Luo ERF size', () => {
  it('counts pixels strictly above (1 − 0.9545) × the centre value; size = √count', () => {
    // Centre 100; threshold 4.55: values 5 count, 4.5 do not.
    const map = makeMap(5, 5, (y, x) =>
      y === 2 && x === 2 ? 100 : Math.abs(y - 2) + Math.abs(x - 2) <= 1 ? 5 : 4.5,
    );
    const size = luoSize(map, { h: 2, w: 2 });
    expect(size.threshold).toBeCloseTo(4.55, 12);
    expect(size.count).toBe(5);
    expect(size.size).toBeCloseTo(Math.sqrt(5), 14);
  });

  it('is 0 for an all-zero map', () => {
    expect(
      luoSize(
        makeMap(3, 3, () => 0),
        { h: 1, w: 1 },
      ),
    ).toEqual({ threshold: 0, count: 0, size: 0 });
  });
});

describe('high-contribution area ratio', () => {
  it('finds the smallest centred square holding more than t of the total', () => {
    // 9×9 map: centre 40, the 3×3 ring 8 × 5 = 40, the rest (72 px) 20 in all.
    const map = makeMap(9, 9, (y, x) => {
      const r = Math.max(Math.abs(y - 4), Math.abs(x - 4));
      return r === 0 ? 40 : r === 1 ? 5 : 20 / 72;
    });
    const areas = highContributionAreas(map, { h: 4, w: 4 });
    expect(areas.map((a) => [a.t, a.side])).toEqual([
      [0.2, 1],
      [0.3, 1],
      [0.5, 3],
      [0.99, 9],
    ]);
    expect(areas[2]!.areaRatio).toBeCloseTo(9 / 81, 15);
    expect(areas[2]!.sideRatio).toBeCloseTo(3 / 9, 15);
    expect(areas[3]!.areaRatio).toBe(1);
  });

  it('gives zeros for an all-zero map', () => {
    for (const a of highContributionAreas(
      makeMap(4, 4, () => 0),
      { h: 2, w: 2 },
    ))
      expect(a.areaRatio).toBe(0);
  });
});

describe('Gaussian moment fit', () => {
  it('recovers σ of a sampled Gaussian profile', () => {
    const sigma = 4;
    const profile = Float64Array.from({ length: 81 }, (_, i) =>
      Math.exp(-((i - 40) ** 2) / (2 * sigma * sigma)),
    );
    const m = profileMoments(profile);
    expect(m.mean).toBeCloseTo(40, 12);
    expect(m.std).toBeCloseTo(sigma, 9);
  });

  it('reports per-axis σ of an anisotropic map', () => {
    const map = makeMap(41, 31, (y, x) => Math.exp(-((y - 15) ** 2) / (2 * 9) - (x - 20) ** 2 / (2 * 16)));
    const m = erfMetrics(map, { h: 15, w: 20 }, { h: 31, w: 41 });
    expect(m.gaussian.h.std).toBeCloseTo(3, 4); // truncated at ±5σ
    expect(m.gaussian.w.std).toBeCloseTo(4, 4);
    expect(m.ratio).toBeCloseTo(m.luo.size / Math.sqrt(31 * 41), 14);
  });
});

describe('seeded PRNG', () => {
  it('is deterministic and seed-dependent', () => {
    const a = createSplitmix32(7);
    const b = createSplitmix32(7);
    const c = createSplitmix32(8);
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect([c(), c(), c()]).not.toEqual(sa);
    for (const v of sa) expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
  });

  it('produces standard normals (mean ≈ 0, variance ≈ 1)', () => {
    const rng = createRng(3);
    let s = 0;
    let s2 = 0;
    const count = 20000;
    for (let i = 0; i < count; i++) {
      const v = rng.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / count)).toBeLessThan(0.03);
    expect(Math.abs(s2 / count - 1)).toBeLessThan(0.04);
  });
});
