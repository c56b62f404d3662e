import { builder, padding } from '../../../../src/rf/zoo/builder.ts';

describe('zoo builder', () => {
  it('maps padding shorthands to the engine vocabulary', () => {
    expect(padding('same')).toEqual({ mode: 'tf-same' });
    expect(padding('valid')).toEqual({ mode: 'valid' });
    expect(padding('torch-same')).toEqual({ mode: 'torch-same' });
    expect(padding(2)).toEqual({ mode: 'explicit', h: { before: 2, after: 2 }, w: { before: 2, after: 2 } });
    expect(padding([0, 3])).toEqual({
      mode: 'explicit',
      h: { before: 0, after: 0 },
      w: { before: 3, after: 3 },
    });
    expect(padding({ h: [1, 2], w: [0, 1] })).toEqual({
      mode: 'explicit',
      h: { before: 1, after: 2 },
      w: { before: 0, after: 1 },
    });
  });

  it('chains layers, qualifies names by scope and applies arg-scope defaults', () => {
    const b = builder(32, { pad: 'same' });
    b.scope('net', () => {
      b.conv('conv1', { k: [1, 7], s: 2 });
      b.defaults({ pad: 'valid', s: 2 }, () => b.pool('pool1', { k: 3 }));
    });
    const net = b.build();
    expect(net.input).toEqual({ h: 32, w: 32 });
    expect(net.nodes).toEqual([
      {
        name: 'net/conv1',
        inputs: ['input'],
        layer: {
          op: 'conv',
          kernel: { h: 1, w: 7 },
          stride: { h: 2, w: 2 },
          dilation: { h: 1, w: 1 },
          padding: { mode: 'tf-same' },
        },
      },
      {
        name: 'net/pool1',
        inputs: ['net/conv1'],
        layer: {
          op: 'pool',
          kind: 'max',
          ceil: false,
          kernel: { h: 3, w: 3 },
          stride: { h: 2, w: 2 },
          dilation: { h: 1, w: 1 },
          padding: { mode: 'valid' },
        },
      },
    ]);
  });

  it('starts every branch from the same input and names the concat after its scope', () => {
    const b = builder(8);
    b.conv('stem', { k: 3 });
    const end = b.scope('Mixed', () => {
      const b0 = b.branch('Branch_0', () => b.conv('a', { k: 1 }));
      const b1 = b.branch('Branch_1', () => {
        b.conv('a', { k: 1 });
        b.conv('b', { k: 3, pad: 1 });
      });
      return b.concat('', [b0, b1]);
    });
    expect(end).toBe('Mixed');
    const byName = new Map(b.build().nodes.map((n) => [n.name, n.inputs]));
    expect(byName.get('Mixed/Branch_0/a')).toEqual(['stem']);
    expect(byName.get('Mixed/Branch_1/a')).toEqual(['stem']);
    expect(byName.get('Mixed/Branch_1/b')).toEqual(['Mixed/Branch_1/a']);
    expect(byName.get('Mixed')).toEqual(['Mixed/Branch_0/a', 'Mixed/Branch_1/b']);
    expect(b.cursor).toBe('Mixed');
  });

  it('rejects duplicate names and unknown inputs', () => {
    const b = builder(8);
    b.conv('x', { k: 1 });
    expect(() => b.conv('x', { k: 1 })).toThrow(/duplicate/);
    expect(() => b.conv('y', { k: 1 }, 'nowhere')).toThrow(/unknown/);
  });
});
