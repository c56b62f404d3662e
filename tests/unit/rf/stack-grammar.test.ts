import fc from 'fast-check';
import { formatStack, parseStack } from '../../../src/rf/stack-grammar.ts';
import type { Layer } from '../../../src/rf/types.ts';
import { layerArb } from './arbitraries.ts';

const example =
  'conv k=3 s=2 p=1 | pool k=2 s=2 ceil | conv k=3 d=2 p=same | deconv k=4 s=2 p=1 | upsample f=2 mode=nearest | conv k=1x7 p=0x3 | conv k=3 p=1,0,1,0';

describe('the inline stack grammar', () => {
  it('parses the reference example', () => {
    const parsed = parseStack(example);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const [a, b, c, d, e, f, g] = parsed.layers;
    expect(a).toEqual({
      op: 'conv',
      kernel: { h: 3, w: 3 },
      stride: { h: 2, w: 2 },
      dilation: { h: 1, w: 1 },
      padding: { mode: 'explicit', h: { before: 1, after: 1 }, w: { before: 1, after: 1 } },
    });
    expect(b).toMatchObject({ op: 'pool', kind: 'max', ceil: true, stride: { h: 2, w: 2 } });
    expect(c).toMatchObject({ op: 'conv', dilation: { h: 2, w: 2 }, padding: { mode: 'tf-same' } });
    expect(d).toMatchObject({ op: 'deconv', outputPadding: { h: 0, w: 0 } });
    expect(e).toEqual({ op: 'upsample', factor: { h: 2, w: 2 }, mode: 'nearest' });
    expect(f).toMatchObject({
      kernel: { h: 1, w: 7 },
      padding: { h: { before: 0, after: 0 }, w: { before: 3, after: 3 } },
    });
    expect(g).toMatchObject({ padding: { h: { before: 1, after: 0 }, w: { before: 1, after: 0 } } });
  });

  it('reads per-axis values written with the multiplication sign, as the lessons write them (k=1×7)', () => {
    const parsed = parseStack('conv k=1×7 p=0×3 | conv k=7X1');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.layers[0]).toMatchObject({
      kernel: { h: 1, w: 7 },
      padding: { h: { before: 0, after: 0 }, w: { before: 3, after: 3 } },
    });
    expect(parsed.layers[1]).toMatchObject({ kernel: { h: 7, w: 1 } });
  });

  it('knows neutral, global, pad and merge layers; pooling stride defaults to the kernel', () => {
    const parsed = parseStack(
      'relu | bn | gap | fc | flatten | pad p=-1 | pool k=3 kind=avg | deconv k=3 s=2 outpad=1 | neutral kind=swish',
    );
    expect(
      parsed.ok &&
        parsed.layers.map((l) =>
          l.op === 'neutral' || l.op === 'global' || l.op === 'pool' ? `${l.op}:${l.kind}` : l.op,
        ),
    ).toEqual([
      'neutral:relu',
      'neutral:bn',
      'global:global-pool',
      'global:fc',
      'global:flatten',
      'pad',
      'pool:avg',
      'deconv',
      'neutral:swish',
    ]);
    expect(parsed.ok && parsed.layers[6]).toMatchObject({ stride: { h: 3, w: 3 } });
  });

  it('reports every error with the index of the offending token', () => {
    const text =
      'conv k=3 q=1 | lstm | conv s=2 | pool k=2 ceil=1 | | conv k=0 | upsample f=2 mode=cubic | conv k=3 p=1,2';
    const parsed = parseStack(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const found = parsed.errors.map((e) => [e.token, text.slice(e.index, e.index + e.token.length)]);
    for (const [token, atIndex] of found) expect(atIndex).toBe(token);
    expect(parsed.errors.map((e) => e.token)).toEqual([
      'q=1',
      'lstm',
      'conv',
      'ceil=1',
      '',
      'k=0',
      'mode=cubic',
      'p=1,2',
    ]);
    expect(parsed.errors[0]?.message).toBe('"conv" has no option "q" (options: k, s, p, d)');
    expect(parsed.errors[2]?.message).toBe('k is required');
  });

  it('accepts an empty text as an empty stack', () => {
    expect(parseStack('  ')).toEqual({ ok: true, layers: [] });
  });

  it('round-trips: parseStack(formatStack(layers)) gives the layers back, on 2,000 random stacks', () => {
    const extra = fc.constantFrom<Layer>(
      { op: 'global', kind: 'global-pool' },
      { op: 'global', kind: 'fc' },
      { op: 'neutral', kind: 'bn' },
      { op: 'neutral', kind: 'swish' },
      {
        op: 'pool',
        kind: 'avg',
        ceil: false,
        kernel: { h: 2, w: 3 },
        stride: { h: 1, w: 3 },
        dilation: { h: 1, w: 1 },
        padding: { mode: 'valid' },
      },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(layerArb(['h', 'w']), extra), { maxLength: 6 }), (layers) => {
        const text = formatStack(layers);
        expect(parseStack(text)).toEqual({ ok: true, layers });
      }),
      { numRuns: 2000, seed: 9 },
    );
  });
});
