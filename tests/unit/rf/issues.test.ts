import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/rf/index.ts';
import { chain, conv, pool } from './builders.ts';

const issuesOf = (net: Parameters<typeof analyze>[0]) =>
  analyze(net).issues.map((i) => ({ code: i.code, field: i.field, axis: i.axis, params: i.params }));

describe('issues carry a stable code and structured parameters (no English needed to tell them apart)', () => {
  it('a kernel below 1 names the minimum and the value', () => {
    expect(issuesOf(chain(8, [conv(0)]))).toEqual([
      { code: 'kernel-too-small', field: 'kernel', axis: null, params: { min: 1, value: 0 } },
    ]);
  });

  it("PyTorch padding 'same' with stride 2 is told apart from other padding problems by its reason", () => {
    const params = { reason: 'torch-same-stride', stride: 2 };
    expect(issuesOf(chain(8, [conv(3, 2, { mode: 'torch-same' })]))).toEqual([
      { code: 'bad-padding', field: 'padding', axis: 'h', params },
      { code: 'bad-padding', field: 'padding', axis: 'w', params },
    ]);
  });

  it('a pooling window lying in the padding reports both pads and the effective kernel', () => {
    expect(issuesOf(chain(8, [pool(2, 2, 2)]))[0]).toEqual({
      code: 'bad-padding',
      field: 'padding',
      axis: 'h',
      params: { reason: 'pool-in-padding', before: 2, after: 2, kernel: 2 },
    });
  });

  it('a vanishing map reports the output and input sizes', () => {
    expect(issuesOf(chain(2, [conv(5)]))[0]).toEqual({
      code: 'vanishing-map',
      field: 'size',
      axis: 'h',
      params: { size: -2, input: 2 },
    });
  });
});
