import { describe, expect, it } from 'vitest';
import { createErfRun, resolveErfConfig, simulateErf } from '../../../../src/rf/erf/index';

const fieldsOf = (input: unknown): string[] => {
  const result = simulateErf(input);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe('ERF config validation', () => {
  it('applies the documented defaults', () => {
    const check = resolveErfConfig({ layers: 3, kernel: 3 });
    expect(check).toEqual({
      ok: true,
      config: {
        layers: 3,
        kernel: 3,
        channels: 1,
        stride: [1, 1, 1],
        dilation: [1, 1, 1],
        residual: false,
        weights: 'random',
        activation: 'none',
        draws: 16,
        seed: 1,
        averaging: 'abs',
        inputSize: 'auto',
      },
    });
  });

  it.each([
    [{ layers: 0, kernel: 3 }, 'layers'],
    [{ layers: 65, kernel: 3 }, 'layers'],
    [{ layers: 2.5, kernel: 3 }, 'layers'],
    [{ layers: '3', kernel: 3 }, 'layers'],
    [{ kernel: 3 }, 'layers'],
    [{ layers: 3, kernel: 0 }, 'kernel'],
    [{ layers: 3, kernel: Number.NaN }, 'kernel'],
    [{ layers: 3, kernel: 3, channels: 0 }, 'channels'],
    [{ layers: 3, kernel: 3, channels: 33 }, 'channels'],
    [{ layers: 3, kernel: 3, draws: 0 }, 'draws'],
    [{ layers: 3, kernel: 3, draws: 1.5 }, 'draws'],
    [{ layers: 3, kernel: 3, stride: 0 }, 'stride'],
    [{ layers: 3, kernel: 3, stride: [1, 2] }, 'stride'],
    [{ layers: 3, kernel: 3, dilation: [1, 0, 1] }, 'dilation[1]'],
    [{ layers: 3, kernel: 3, weights: 'ones' }, 'weights'],
    [{ layers: 3, kernel: 3, activation: 'gelu' }, 'activation'],
    [{ layers: 3, kernel: 3, averaging: 'mean' }, 'averaging'],
    [{ layers: 3, kernel: 3, residual: 'yes' }, 'residual'],
    [{ layers: 3, kernel: 3, seed: 1.5 }, 'seed'],
    [{ layers: 3, kernel: 3, inputSize: 0 }, 'inputSize'],
    [{ layers: 3, kernel: 3, inputSize: { h: 8, w: 2000 } }, 'inputSize.w'],
    [{ layers: 3, kernel: 3, inputSize: 'big' }, 'inputSize'],
    [{ layers: 40, kernel: 3, stride: 2 }, 'inputSize'],
    [{ layers: 60, kernel: 17 }, 'inputSize'],
    [{ layers: 64, kernel: 63, channels: 32, inputSize: 64 }, 'config'],
  ])('%j is rejected on field %s', (config, field) => {
    const fields = fieldsOf(config);
    expect(fields).toContain(field);
    const result = simulateErf(config);
    if (result.ok) throw new Error('expected errors');
    // Each message names its field (whole-config limits name the quantities instead).
    for (const error of result.errors) {
      if (error.field !== 'config')
        expect(error.message).toMatch(error.field.replace(/\[.*$/, '').split('.')[0]!);
    }
  });

  it('reports every problem at once', () => {
    expect(fieldsOf({ layers: 0, kernel: -1, channels: 99, draws: 0 })).toEqual([
      'layers',
      'kernel',
      'channels',
      'draws',
    ]);
  });

  it.each([null, undefined, 42, 'config', [], { layers: Infinity, kernel: -Infinity }])(
    'never throws for %j',
    (input) => {
      expect(() => simulateErf(input)).not.toThrow();
      expect(() => createErfRun(input)).not.toThrow();
      expect(simulateErf(input).ok).toBe(false);
    },
  );
});
