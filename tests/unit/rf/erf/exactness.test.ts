import { describe, expect, it } from 'vitest';
import { simulateErf, type ErfConfig, type ErfFrame } from '../../../../src/rf/erf/index';
import { boxPower, referenceFirstDraw } from './reference';

function run(config: ErfConfig): ErfFrame {
  const result = simulateErf(config);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.frame;
}

describe('uniform weights, no nonlinearity: the ERF is the n-fold box convolution', () => {
  it.each([
    [1, 3],
    [5, 3],
    [12, 3],
    [7, 5],
    [6, 4],
    [30, 3],
  ])('n = %i, k = %i: central profile equals the normalised box power to 1e-12', (n, k) => {
    const frame = run({ layers: n, kernel: k, weights: 'uniform', channels: 3, draws: 2 });
    const exact = boxPower(k, n);
    const total = exact.reduce((s, v) => s + v, 0);
    const profile = frame.metrics.profile.w;
    expect(profile.length).toBe(exact.length);
    for (let i = 0; i < exact.length; i++)
      expect(Math.abs(profile[i]! - exact[i]! / total)).toBeLessThan(1e-12);
    // The map is separable: the column profile is the same.
    for (let i = 0; i < exact.length; i++)
      expect(Math.abs(frame.metrics.profile.h[i]! - exact[i]! / total)).toBeLessThan(1e-12);
  });

  it.each([
    [5, 3],
    [10, 3],
    [40, 3],
    [8, 5],
    [6, 4],
    [3, 7],
  ])('n = %i, k = %i: profile σ = √(n(k² − 1)/12) to 1e-9', (n, k) => {
    const frame = run({ layers: n, kernel: k, weights: 'uniform', draws: 1 });
    const expected = Math.sqrt((n * (k * k - 1)) / 12);
    expect(Math.abs(frame.metrics.gaussian.w.std - expected)).toBeLessThan(1e-9);
    expect(Math.abs(frame.metrics.gaussian.h.std - expected)).toBeLessThan(1e-9);
  });

  it('ERF size / theoretical RF falls as n^(-1/2): log-log slope over n = 5…40 is −0.5 ± 0.05', () => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let n = 5; n <= 40; n += 5) {
      const m = run({ layers: n, kernel: 3, weights: 'uniform', draws: 1 }).metrics;
      expect(m.theoreticalRf.w).toBe(2 * n + 1);
      xs.push(Math.log(n));
      ys.push(Math.log(m.ratio));
    }
    const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
    const my = ys.reduce((s, v) => s + v, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i]! - mx) * (ys[i]! - my);
      sxx += (xs[i]! - mx) ** 2;
    }
    expect(Math.abs(sxy / sxx + 0.5)).toBeLessThan(0.05);
  });

  it('dilation 2 spreads the support to 2(k − 1)n + 1 with zeros at odd offsets', () => {
    const n = 6;
    const k = 3;
    const frame = run({ layers: n, kernel: k, dilation: 2, weights: 'uniform', draws: 1 });
    expect(frame.width).toBe(2 * (k - 1) * n + 1);
    expect(frame.metrics.theoreticalRf.w).toBe(2 * (k - 1) * n + 1);
    const profile = frame.metrics.profile.w;
    const exact = boxPower(k, n, 2);
    const total = exact.reduce((s, v) => s + v, 0);
    for (let i = 0; i < profile.length; i++) {
      expect(Math.abs(profile[i]! - exact[i]! / total)).toBeLessThan(1e-12);
      if ((i - frame.metrics.centre.w) % 2 !== 0) expect(profile[i]).toBe(0);
      else expect(profile[i]).toBeGreaterThan(0);
    }
  });
});

describe('the cone computation equals a full-size forward and backward pass', () => {
  const cases: [string, ErfConfig][] = [
    ['random, ReLU', { layers: 4, kernel: 3, channels: 3, weights: 'random', activation: 'relu', seed: 7 }],
    [
      'random, tanh, residual',
      { layers: 4, kernel: 3, channels: 2, weights: 'random', activation: 'tanh', residual: true, seed: 3 },
    ],
    [
      'stride and dilation lists',
      { layers: 3, kernel: 3, channels: 2, stride: [2, 1, 2], dilation: [1, 2, 1], activation: 'relu' },
    ],
    [
      'fixed input, same padding, clipped cone',
      { layers: 5, kernel: 5, channels: 2, inputSize: 12, activation: 'relu', seed: 9 },
    ],
    [
      'fixed input, stride, residual',
      {
        layers: 4,
        kernel: 3,
        channels: 2,
        inputSize: { h: 15, w: 10 },
        stride: 2,
        residual: true,
        activation: 'relu',
      },
    ],
    [
      'even kernel, square averaging',
      { layers: 3, kernel: 4, channels: 2, activation: 'tanh', averaging: 'square', seed: 11 },
    ],
    ['random, linear', { layers: 5, kernel: 3, channels: 3, seed: 5 }],
    [
      '3×3, dilation 3, clipped fixed input',
      { layers: 4, kernel: 3, channels: 2, dilation: 3, inputSize: 10, activation: 'relu', seed: 2 },
    ],
    [
      '3×3, dilation list, residual, tanh',
      { layers: 3, kernel: 3, channels: 3, dilation: [2, 1, 3], residual: true, activation: 'tanh' },
    ],
  ];
  it.each(cases)('%s', (_name, config) => {
    const frame = run({ ...config, draws: 1 });
    const reference = referenceFirstDraw(config);
    expect(frame.width).toBe(reference.width);
    expect(frame.height).toBe(reference.height);
    let peak = 0;
    for (const v of reference.map) peak = Math.max(peak, v);
    expect(peak).toBeGreaterThan(0);
    for (let i = 0; i < reference.map.length; i++) {
      expect(Math.abs(frame.map[i]! - reference.map[i]!)).toBeLessThanOrEqual(1e-12 * peak);
    }
  });
});
