/**
 * Names that are Object.prototype members ("__proto__", "constructor", "toString"…) are ordinary names
 * everywhere a user or a file supplies one. Catches: tables kept in object literals, where `"constructor"
 * in KEYS` is true and assigning `table["__proto__"]` replaces the prototype instead of adding a row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, parseStack, traceUnit, type Network } from '../../../../src/rf/index.ts';
import { dict, own } from '../../../../src/rf/dict.ts';
import { calcView, decodeState } from '../../../../components/widgets/calculator.ts';

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
] as const;

/** Grammar words, prototype keys, separators and numbers around 2^53 (exact digits and beyond). */
export const hostileToken = fc.oneof(
  fc.constantFrom(...PROTO_KEYS),
  fc.constantFrom(
    'conv',
    'pool',
    'deconv',
    'upsample',
    'pad',
    'neutral',
    'relu',
    'gap',
    'add',
    'ceil',
    '|',
    'x',
    ',',
  ),
  fc
    .tuple(
      fc.constantFrom('k', 's', 'p', 'd', 'f', 'outpad', 'kind', 'mode', ...PROTO_KEYS),
      fc.oneof(
        fc.constantFrom(...PROTO_KEYS, 'same', '-1', '0', '3x5', '1,1,1,1'),
        fc.constantFrom('9007199254740991', '9007199254740992', '9007199254740993', '4611686018427387904'),
        fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      ),
    )
    .map(([k, v]) => `${k}=${v}`),
  fc.string({ maxLength: 6 }),
);

describe('prototype keys as names', () => {
  it('the grammar never throws and never yields a layer built from an Object.prototype member (5,000 texts)', () => {
    fc.assert(
      fc.property(fc.array(hostileToken, { maxLength: 12 }), (tokens) => {
        const text = tokens.join(' ');
        const parsed = parseStack(text);
        if (!parsed.ok) {
          for (const e of parsed.errors) expect(typeof e.message).toBe('string');
          return;
        }
        for (const layer of parsed.layers) {
          expect(typeof layer.op).toBe('string');
          expect(JSON.stringify(layer)).not.toContain('function');
          for (const v of Object.values(layer)) expect(typeof v).not.toBe('function');
        }
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it('"constructor" and "__proto__ k=3" are unknown layers, not a function name or a crash', () => {
    for (const text of ['constructor', '__proto__ k=3', 'toString', 'conv constructor=3', 'conv __proto__=1'])
      expect(parseStack(text).ok).toBe(false);
  });

  it('nodes named __proto__, constructor and toString are analysed and traced like any other', () => {
    const net: Network = {
      input: { h: 5, w: 5 },
      nodes: [
        {
          name: '__proto__',
          layer: {
            op: 'conv',
            kernel: { h: 3, w: 3 },
            stride: { h: 1, w: 1 },
            dilation: { h: 1, w: 1 },
            padding: { mode: 'valid' },
          },
          inputs: ['input'],
        },
        { name: 'constructor', layer: { op: 'neutral', kind: 'relu' }, inputs: ['__proto__'] },
        {
          name: 'toString',
          layer: {
            op: 'conv',
            kernel: { h: 3, w: 3 },
            stride: { h: 1, w: 1 },
            dilation: { h: 1, w: 1 },
            padding: { mode: 'valid' },
          },
          inputs: ['constructor'],
        },
      ],
    };
    const analysis = analyze(net, { at: 'toString' });
    expect(analysis.ok).toBe(true);
    expect(analysis.output?.rf).toEqual({ h: 5, w: 5 });
    expect(analyze(net, { at: 'hasOwnProperty' }).issues[0]?.code).toBe('unknown-node');
    const trace = traceUnit(net, 'toString', { h: 0, w: 0 });
    expect(Object.keys(trace.cells).sort()).toEqual(['__proto__', 'constructor', 'input', 'toString']);
    expect(trace.cells['__proto__']).toEqual([{ h: { lo: 0, hi: 2 }, w: { lo: 0, hi: 2 } }]);
    expect(Object.getPrototypeOf(trace.cells)).toBe(null);
  });

  it('dict() and own() treat every prototype key as absent until set', () => {
    const table = dict<string>();
    for (const key of PROTO_KEYS) expect(table[key]).toBeUndefined();
    table['__proto__'] = 'Conv';
    expect(own(table, '__proto__')).toBe('Conv');
    expect(own({ a: 'x' } as Record<string, string>, 'toString')).toBeUndefined();
  });

  it('the calculator link ?calc=in=5x5;net=__proto__ k=3 is refused as a link, not thrown', () => {
    expect(decodeState('in=5x5;net=__proto__ k=3')).toBeNull();
    const state = decodeState('in=5x5;net=neutral kind=constructor | conv k=3');
    expect(state).not.toBeNull();
    const view = calcView(state!);
    expect(view.analysis.ok).toBe(true);
    expect(Object.values(view.details)).toEqual(['neutral kind=constructor', 'conv k=3']);
  });
});
