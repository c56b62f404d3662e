import { describe, expect, it } from 'vitest';
import { runErf } from '../../../../src/cli/erf';
import { boxPower } from './reference';

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runErf(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('erf command', () => {
  it('prints the documented JSON', async () => {
    const { code, out, err } = await capture([
      '--layers',
      '5',
      '--kernel',
      '3',
      '--weights',
      'uniform',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['profile', 'std', 'luoSize', 'theoreticalRf', 'ratio', 'areaRatio']);
    const exact = boxPower(3, 5);
    const total = exact.reduce((s, v) => s + v, 0);
    (json['profile'] as number[]).forEach((v, i) =>
      expect(Math.abs(v - exact[i]! / total)).toBeLessThan(1e-12),
    );
    expect(json['std']).toBeCloseTo(Math.sqrt((5 * 8) / 12), 9);
    expect(json['theoreticalRf']).toBe(11);
    expect(Object.keys(json['areaRatio'] as object)).toEqual(['20', '30', '50', '99']);
  });

  it('accepts --flag=value, lists and the other options', async () => {
    const { code, out } = await capture([
      '--layers=4',
      '--kernel=3',
      '--channels',
      '2',
      '--dilation',
      '1,2,1,2',
      '--activation',
      'relu',
      '--draws',
      '3',
      '--seed',
      '9',
      '--residual',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('theoretical RF        13 × 13 px');
    expect(out).toContain('Luo ERF size');
  });

  it.each([
    [['--kernel', '3'], '--layers and --kernel are required'],
    [['--layers', '3', '--kernel', '3', '--bogus'], "unknown argument '--bogus'"],
    [['--layers', '3', '--kernel'], '--kernel needs a value'],
    [['--layers', 'x', '--kernel', '3'], 'layers: layers must be an integer from 1 to 64, got "x"'],
    [
      ['--layers', '3', '--kernel', '3', '--channels', '64'],
      'channels: channels must be from 1 to 32, got 64',
    ],
    [['--layers', '3', '--kernel', '3', '--activation', 'gelu'], 'activation'],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const { code, out, err } = await capture(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
  });

  it('prints usage on --help', async () => {
    const { code, out } = await capture(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: erf --layers N --kernel K/);
  });
});
