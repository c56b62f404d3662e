import fc from 'fast-check';
import { analyze, traceUnit, unitRegion } from '../../../src/rf/index.ts';
import { INPUT, type Network } from '../../../src/rf/types.ts';
import { chain, conv, deconv, gap, pool } from './builders.ts';

/** The single error of a network, asserting its code, node and field, and that the message names both. */
function expectIssue(net: Network, code: string, node: string, field: string | null) {
  const a = analyze(net);
  expect(a.ok).toBe(false);
  expect(a.output).toBeNull();
  const found = a.issues.find((i) => i.code === code);
  expect(found, JSON.stringify(a.issues)).toBeDefined();
  expect(found?.node).toBe(node);
  expect(found?.field).toBe(field);
  expect(found?.message).toContain(`Layer "${node}"`);
  if (field !== null && field !== 'inputs') expect(found?.message).toContain(field);
  return found;
}

const bad = (layer: unknown): Network => ({
  input: { h: 8, w: 8 },
  nodes: [{ name: 'conv2', layer: layer as never, inputs: [INPUT] }],
});

describe('validation issues name the layer and the field', () => {
  it('kernel-too-small', () =>
    expectIssue(bad({ ...conv(3), kernel: { h: 0, w: 3 } }), 'kernel-too-small', 'conv2', 'kernel'));
  it('stride-too-small, with the message of the brief', () => {
    const issue = expectIssue(
      bad({ ...conv(3), stride: { h: 0, w: 0 } }),
      'stride-too-small',
      'conv2',
      'stride',
    );
    expect(issue?.message).toBe('Layer "conv2": stride must be an integer ≥ 1 (got 0).');
    expect(issue?.axis).toBeNull();
  });
  it('names the axis when only one axis is wrong', () => {
    const issue = expectIssue(
      bad({ ...conv(3), stride: { h: 1, w: 0 } }),
      'stride-too-small',
      'conv2',
      'stride',
    );
    expect([issue?.axis, issue?.message]).toEqual([
      'w',
      'Layer "conv2": stride (w) must be an integer ≥ 1 (got 0).',
    ]);
  });
  it('dilation-too-small', () =>
    expectIssue(bad({ ...conv(3), dilation: { h: 1, w: -1 } }), 'dilation-too-small', 'conv2', 'dilation'));
  it('factor-too-small', () =>
    expectIssue(
      bad({ op: 'upsample', factor: { h: 0, w: 1 }, mode: 'nearest' }),
      'factor-too-small',
      'conv2',
      'factor',
    ));
  it('not-integer', () =>
    expectIssue(bad({ ...conv(3), kernel: { h: 2.5, w: 3 } }), 'not-integer', 'conv2', 'kernel'));
  it('bad-padding: a crop larger than the map', () =>
    expectIssue(chain(3, [conv(1, 1, -2)]), 'bad-padding', 'l1', 'padding'));
  it('bad-padding: pooling padding ≥ the effective kernel', () =>
    expectIssue(chain(8, [pool(2, 2, 2)]), 'bad-padding', 'l1', 'padding'));
  it("bad-padding: PyTorch 'same' with stride 2", () =>
    expectIssue(chain(8, [conv(3, 2, { mode: 'torch-same' })]), 'bad-padding', 'l1', 'padding'));
  it('bad-padding: negative transposed padding', () =>
    expectIssue(chain(8, [deconv(3, 2, -1)]), 'bad-padding', 'l1', 'padding'));
  it('bad-padding: unknown mode', () =>
    expectIssue(bad({ ...conv(3), padding: { mode: 'reflect' } }), 'bad-padding', 'conv2', 'padding'));
  it('bad-output-padding', () =>
    expectIssue(chain(8, [deconv(3, 2, 1, 2)]), 'bad-output-padding', 'l1', 'outputPadding'));
  it('vanishing-map', () => {
    const issue = expectIssue(chain(5, [conv(3, 2), conv(3, 2)]), 'vanishing-map', 'l2', 'size');
    expect(issue?.message).toContain('vanishes');
  });
  it('too-large', () =>
    expectIssue(
      chain(
        1,
        Array.from({ length: 60 }, () => conv(1, 2)),
      ),
      'too-large',
      'l53',
      null,
    ));
  it('unknown-op', () => expectIssue(bad({ op: 'lstm' }), 'unknown-op', 'conv2', 'op'));
  it('bad-layer', () =>
    expectIssue(
      bad({ op: 'pool', kernel: 2, stride: 2, dilation: 1, padding: { mode: 'valid' }, ceil: false }),
      'bad-layer',
      'conv2',
      'kind',
    ));
  it('bad-input-size', () =>
    expectIssue({ input: { h: 0, w: 4 }, nodes: [] }, 'bad-input-size', INPUT, 'input'));
  it('cycle', () =>
    expectIssue(
      {
        input: { h: 4, w: 4 },
        nodes: [
          { name: 'a', layer: conv(1), inputs: ['b'] },
          { name: 'b', layer: conv(1), inputs: ['a'] },
        ],
      },
      'cycle',
      'a',
      'inputs',
    ));
  it('dangling-input', () => {
    const issue = expectIssue(
      { input: { h: 4, w: 4 }, nodes: [{ name: 'a', layer: conv(1), inputs: ['nope'] }] },
      'dangling-input',
      'a',
      'inputs',
    );
    expect(issue?.message).toContain('"nope"');
  });
  it('duplicate-name', () =>
    expectIssue(
      {
        input: { h: 4, w: 4 },
        nodes: [
          { name: 'a', layer: conv(1), inputs: [INPUT] },
          { name: 'a', layer: conv(1), inputs: [INPUT] },
        ],
      },
      'duplicate-name',
      'a',
      'name',
    ));
  it('wrong-input-count', () =>
    expectIssue(
      { input: { h: 4, w: 4 }, nodes: [{ name: 'a', layer: conv(1), inputs: [INPUT, INPUT] }] },
      'wrong-input-count',
      'a',
      'inputs',
    ));
  it('size-mismatch names the node and the axis', () => {
    const net: Network = {
      input: { h: 8, w: 8 },
      nodes: [
        { name: 'a', layer: conv({ h: 1, w: 3 }), inputs: [INPUT] },
        { name: 'sum', layer: { op: 'add' }, inputs: [INPUT, 'a'] },
      ],
    };
    const issue = expectIssue(net, 'size-mismatch', 'sum', 'inputs');
    expect([issue?.axis, issue?.message]).toEqual([
      'w',
      'Layer "sum": inputs "input" and "a" differ in size on axis w (8 vs 6).',
    ]);
  });
  it('unknown-node for options.at', () => {
    const a = analyze(chain(4, [conv(1)]), { at: 'nowhere' });
    expect([a.ok, a.output, a.issues[0]?.code, a.issues[0]?.field, a.issues[0]?.message]).toEqual([
      false,
      null,
      'unknown-node',
      'at',
      'Layer "nowhere": no evaluated node has this name.',
    ]);
  });
  it('unit-out-of-range in traceUnit and unitRegion', () => {
    const t = traceUnit(chain(4, [conv(3)]), 'l1', { h: 0, w: 2 });
    expect([t.ok, t.issues[0]?.code, t.issues[0]?.field, t.issues[0]?.axis]).toEqual([
      false,
      'unit-out-of-range',
      'unit',
      'w',
    ]);
    expect(unitRegion(chain(4, [conv(3)]), 'l1', { h: -1, w: 0 }).issues[0]?.message).toContain('Layer "l1"');
  });
  it('empty-field is a warning: a stride-2 crop of a k < s transposed map reads nothing', () => {
    const a = analyze(
      chain(4, [
        deconv(1, 2),
        conv(1, 2, { mode: 'explicit', h: { before: 0, after: 0 }, w: { before: -1, after: 0 } }),
      ]),
    );
    expect(a.ok).toBe(true);
    const w = a.issues.find((i) => i.code === 'empty-field');
    expect([w?.severity, w?.node, w?.field, w?.axis]).toEqual(['warning', 'l2', 'rf', 'w']);
    expect(a.layers.find((l) => l.name === 'l2')?.rf.w).toBe(0);
  });
  it('a global branch makes downstream nodes global, and the output skips them', () => {
    expect(analyze(chain(4, [conv(1), gap, conv(1)])).output?.name).toBe('l1');
  });
});

/** Walks a value and collects every non-finite number. */
function nonFinite(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, out);
  return out;
}

describe('robustness', () => {
  const junk = fc.oneof(
    fc.integer({ min: -3, max: 6 }),
    fc.double(),
    fc.constantFrom(NaN, Infinity, null, undefined, 'x', 2.5),
    fc.anything(),
  );
  const perAxis = fc.oneof(
    junk,
    fc.record({ h: junk, w: junk }),
    fc.record({ h: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 4 }) }),
  );
  const padding = fc.oneof(
    junk,
    fc.constantFrom({ mode: 'valid' }, { mode: 'tf-same' }, { mode: 'torch-same' }, { mode: 'explicit' }),
    fc.record({
      mode: fc.constant('explicit'),
      h: fc.record({ before: junk, after: junk }),
      w: fc.record({ before: fc.integer({ min: -3, max: 3 }), after: junk }),
    }),
  );
  const layer = fc.oneof(
    junk,
    fc.record(
      {
        op: fc.constantFrom(
          'conv',
          'pool',
          'deconv',
          'upsample',
          'pad',
          'neutral',
          'global',
          'add',
          'mul',
          'concat',
          'lstm',
          7,
        ),
        kernel: perAxis,
        stride: perAxis,
        dilation: perAxis,
        padding,
        kind: fc.constantFrom('max', 'avg', 'relu', 'fc', 3),
        ceil: fc.oneof(fc.boolean(), junk),
        outputPadding: perAxis,
        factor: perAxis,
        mode: fc.constantFrom('nearest', 'bilinear', 'cubic'),
        pads: fc.record({ h: fc.record({ before: junk, after: junk }), w: junk }),
      },
      { requiredKeys: ['op'] },
    ),
  );
  const names = fc.constantFrom('input', 'a', 'b', 'c', 'd');
  const network = fc.record({
    input: fc.oneof(
      fc.record({ h: fc.integer({ min: 1, max: 12 }), w: fc.integer({ min: 1, max: 12 }) }),
      junk,
    ),
    nodes: fc.oneof(
      fc.array(
        fc.record({
          name: fc.oneof(names, junk),
          layer,
          inputs: fc.oneof(fc.array(names, { maxLength: 3 }), junk),
        }),
        { maxLength: 5 },
      ),
      junk,
    ),
  });

  it('analyze, traceUnit and unitRegion never throw nor emit NaN/Infinity on 3,000 nonsense networks', () => {
    fc.assert(
      fc.property(network, fc.constantFrom('a', 'b', 'c', 'd', 'input'), (net, node) => {
        const a = analyze(net as unknown as Network);
        expect(nonFinite(a)).toEqual([]);
        expect(a.issues.some((i) => i.code === 'internal-error')).toBe(false);
        expect(a.ok).toBe(a.issues.every((i) => i.severity !== 'error'));
        expect(nonFinite(traceUnit(net as unknown as Network, node, { h: 0, w: 0 }))).toEqual([]);
        expect(nonFinite(unitRegion(net as unknown as Network, node, { h: 0, w: 0 }))).toEqual([]);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});
