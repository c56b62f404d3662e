import fc from 'fast-check';
import { outputSize, resolvePadding, tfSamePadding, torchSamePadding } from '../../../src/rf/index.ts';
import type { ConvLayer } from '../../../src/rf/types.ts';
import { conv } from './builders.ts';

describe('padding resolution', () => {
  it('TF SAME always yields ⌈n/s⌉ outputs with the extra pixel after (1,000 random cases)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        (n, kEff, s) => {
          const pad = tfSamePadding(n, kEff, s);
          expect(pad.after - pad.before).toBeGreaterThanOrEqual(0);
          expect(pad.after - pad.before).toBeLessThanOrEqual(1);
          const out = outputSize(
            { kind: 'window', k: kEff, s, d: 1, before: pad.before, after: pad.after, ceil: false },
            n,
          );
          // With k_eff < s TF pads nothing and may return fewer windows; otherwise exactly ⌈n/s⌉.
          if (kEff >= s || n % s === 0) expect(out).toBe(Math.ceil(n / s));
        },
      ),
      { numRuns: 1000, seed: 4 },
    );
  });
  it('PyTorch same puts the odd pixel after: k_eff = 4 → (1, 2)', () => {
    expect(torchSamePadding(4)).toEqual({ before: 1, after: 2 });
  });
  it('resolvePadding resolves per axis from the input size, and refuses torch-same with stride 2', () => {
    expect(resolvePadding(conv({ h: 3, w: 4 }, 2, { mode: 'tf-same' }) as ConvLayer, { h: 8, w: 7 })).toEqual(
      {
        ok: true,
        pads: { h: { before: 0, after: 1 }, w: { before: 1, after: 2 } },
      },
    );
    expect(resolvePadding(conv(3, 2, { mode: 'torch-same' }) as ConvLayer, { h: 8, w: 8 })).toMatchObject({
      ok: false,
    });
  });
});
