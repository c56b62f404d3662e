import { describe, expect, it } from 'vitest';
import {
  createErfRun,
  simulateErf,
  theoreticalRf,
  type ErfConfig,
  type ErfFrame,
} from '../../../../src/rf/erf/index';

function run(config: ErfConfig): ErfFrame {
  const result = simulateErf(config);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.frame;
}

/** Fraction of the map's total held by the centre pixel. */
const centreShare = (frame: ErfFrame): number => frame.metrics.centreValue / frame.metrics.total;

describe('ERF simulation behaviour', () => {
  it('is reproducible for a seed and changes with the seed', () => {
    const config: ErfConfig = { layers: 6, kernel: 3, channels: 4, activation: 'relu', draws: 3, seed: 42 };
    const a = run(config);
    const b = run(config);
    const c = run({ ...config, seed: 43 });
    expect(Array.from(a.map)).toEqual(Array.from(b.map));
    expect(Array.from(a.map)).not.toEqual(Array.from(c.map));
  });

  it('random weights + ReLU: the centre dominates the map', () => {
    const frame = run({ layers: 10, kernel: 3, channels: 4, activation: 'relu', draws: 24, seed: 1 });
    const m = frame.metrics;
    expect(m.centreValue).toBeGreaterThan(0.8 * m.peakValue);
    const corner = frame.map[0]! + frame.map[frame.width - 1]! + frame.map[frame.map.length - 1]!;
    expect(m.centreValue).toBeGreaterThan(100 * corner);
    expect(m.ratio).toBeGreaterThan(0);
    expect(m.ratio).toBeLessThan(1);
  });

  it('residual connections concentrate the ERF on the centre', () => {
    const plain = run({ layers: 10, kernel: 3, weights: 'uniform', draws: 1 });
    const residual = run({ layers: 10, kernel: 3, weights: 'uniform', residual: true, draws: 1 });
    expect(residual.metrics.theoreticalRf).toEqual(plain.metrics.theoreticalRf);
    expect(centreShare(residual)).toBeGreaterThan(2 * centreShare(plain));
    expect(residual.metrics.luo.size).toBeLessThan(plain.metrics.luo.size);
  });

  it('stride 2 in the first layer widens the theoretical RF and the ERF', () => {
    const n = 6;
    const plain = run({ layers: n, kernel: 3, weights: 'uniform', draws: 1 });
    const strided = run({ layers: n, kernel: 3, weights: 'uniform', stride: [2, 1, 1, 1, 1, 1], draws: 1 });
    expect(strided.metrics.theoreticalRf.w).toBe(1 + 2 + 2 * 2 * (n - 1));
    expect(strided.width).toBe(strided.metrics.theoreticalRf.w);
    expect(strided.metrics.luo.size).toBeGreaterThan(plain.metrics.luo.size);
    expect(strided.metrics.gaussian.w.std).toBeGreaterThan(1.5 * plain.metrics.gaussian.w.std);
  });

  it('theoretical RF = 1 + Σ d·(k − 1)·Π strides before', () => {
    expect(theoreticalRf(3, [1, 1, 1], [1, 1, 1])).toBe(7);
    expect(theoreticalRf(3, [2, 2, 1], [1, 1, 1])).toBe(1 + 2 + 4 + 8);
    expect(theoreticalRf(5, [1, 2], [2, 3])).toBe(1 + 2 * 4 + 3 * 4);
    expect(theoreticalRf(3, [2, 1, 1], [1, 1, 1])).toBe(1 + 2 + 2 * 2 + 2 * 2);
  });

  it('fixed input size puts the same cone inside a larger map with zeros around it', () => {
    const config: ErfConfig = { layers: 8, kernel: 3, channels: 2, activation: 'relu', draws: 2, seed: 5 };
    const auto = run(config);
    const fixed = run({ ...config, inputSize: 64 });
    expect(fixed.width).toBe(64);
    expect(auto.width).toBe(17);
    const offset = fixed.metrics.centre.w - auto.metrics.centre.w;
    expect(fixed.metrics.centre).toEqual({ h: 32, w: 32 });
    let inside = 0;
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++) {
        const v = fixed.map[y * 64 + x]!;
        const ay = y - offset;
        const ax = x - offset;
        if (ay >= 0 && ay < 17 && ax >= 0 && ax < 17) {
          expect(v).toBe(auto.map[ay * 17 + ax]);
          inside += v;
        } else expect(v).toBe(0);
      }
    expect(inside).toBeGreaterThan(0);
  });

  it('square averaging of a uniform linear net squares the map', () => {
    const abs = run({ layers: 4, kernel: 3, weights: 'uniform', draws: 1 });
    const square = run({ layers: 4, kernel: 3, weights: 'uniform', averaging: 'square', draws: 1 });
    for (let i = 0; i < abs.map.length; i++) expect(square.map[i]).toBeCloseTo(abs.map[i]! ** 2, 15);
  });

  it('random linear nets: the g² map tends to the box convolution, the |g| map is about √2 wider', () => {
    const n = 10;
    const theory = Math.sqrt((n * (3 * 3 - 1)) / 12);
    const base: ErfConfig = { layers: n, kernel: 3, channels: 4, draws: 64, seed: 3 };
    const square = run({ ...base, averaging: 'square' }).metrics.gaussian.w.std;
    const abs = run({ ...base, averaging: 'abs' }).metrics.gaussian.w.std;
    expect(Math.abs(square / theory - 1)).toBeLessThan(0.1);
    expect(abs / square).toBeGreaterThan(1.2);
    expect(abs / square).toBeLessThan(1.6);
  });

  it('never yields NaN or Infinity, even at the limits', () => {
    const frames = [
      run({ layers: 64, kernel: 3, channels: 2, weights: 'uniform', residual: true, draws: 1 }),
      run({ layers: 64, kernel: 1, channels: 32, activation: 'relu', draws: 1 }),
      run({ layers: 1, kernel: 1, draws: 1 }),
      run({ layers: 30, kernel: 3, activation: 'tanh', inputSize: 9, draws: 2 }),
    ];
    for (const frame of frames) {
      for (const v of frame.map) expect(Number.isFinite(v)).toBe(true);
      const m = frame.metrics;
      for (const v of [
        m.centreValue,
        m.peakValue,
        m.total,
        m.luo.size,
        m.ratio,
        m.gaussian.h.std,
        m.gaussian.w.std,
      ])
        expect(Number.isFinite(v)).toBe(true);
      for (const a of m.areas) expect(Number.isFinite(a.areaRatio)).toBe(true);
    }
  });
});

describe('progressive run', () => {
  it('performs one draw per step, reports progress, and ends with the simulate result', () => {
    const config: ErfConfig = { layers: 5, kernel: 3, channels: 2, activation: 'relu', draws: 4, seed: 8 };
    const created = createErfRun(config);
    if (!created.ok) throw new Error('invalid');
    const frames = [...created.run];
    expect(frames.map((f) => [f.done, f.total])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(created.run.step()).toBeUndefined();
    expect(created.run.macsDone()).toBe(4 * created.run.macsPerDraw);
    expect(Array.from(frames[3]!.map)).toEqual(Array.from(run(config).map));
    // The running mean of the first frame is the first draw alone.
    expect(Array.from(frames[0]!.map)).not.toEqual(Array.from(frames[3]!.map));
  });

  it('computes a deterministic configuration once and repeats it', () => {
    const created = createErfRun({ layers: 5, kernel: 3, weights: 'uniform', draws: 3 });
    if (!created.ok) throw new Error('invalid');
    const frames = [...created.run];
    expect(created.run.macsDone()).toBe(created.run.macsPerDraw);
    expect(Array.from(frames[2]!.map)).toEqual(Array.from(frames[0]!.map));
  });

  it('gives the same frames step by step and slice by slice', () => {
    const config: ErfConfig = {
      layers: 4,
      kernel: 3,
      channels: 2,
      activation: 'tanh',
      residual: true,
      draws: 2,
    };
    const a = createErfRun(config);
    const b = createErfRun(config);
    if (!a.ok || !b.ok) throw new Error('invalid');
    for (let i = 0; i < 3; i++) {
      const slices = b.run.stepSliced();
      let count = 0;
      let next = slices.next();
      while (!next.done) {
        count++;
        next = slices.next();
      }
      const frame = a.run.step();
      expect(next.value?.map).toEqual(frame?.map);
      expect(count).toBe(frame ? 4 + 3 : 0); // backward 4 layers, forward 3 (the last layer is not needed)
    }
  });
});
