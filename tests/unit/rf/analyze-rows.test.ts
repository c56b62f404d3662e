import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/rf/index.ts';
import { analyzeRows } from '../../../src/rf/analyze.ts';
import { zoo } from '../../../src/rf/zoo/index.ts';

describe('analyzeRows(net) is analyze(net) without kept rows', () => {
  it('gives the rows, output, issues and ok of analyze on every zoo network, on every pass, with and without consume', () => {
    // Catches: rows made from a consumed network differing from the kept ones (a node let go before
    // its readers were evaluated, a global layer's n/a source lost between passes).
    for (const model of zoo) {
      const expected = analyze(model.network, { at: model.endpoint });
      for (const consume of [false, true]) {
        const net = structuredClone(model.network);
        const stream = analyzeRows(net, { at: model.endpoint, consume });
        expect([...stream.rows], `${model.id} consume=${consume}`).toEqual(expected.layers);
        expect([...stream.rows], `${model.id} second pass`).toEqual(expected.layers);
        expect(stream.output).toEqual(expected.output);
        expect(stream.last).toEqual(expected.layers.at(-1));
        expect(stream.issues).toEqual(expected.issues);
        expect(stream.ok).toBe(expected.ok);
        // A consumed network is handed over: its node list is emptied; otherwise it is left alone.
        expect(net.nodes.length, model.id).toBe(consume ? 0 : model.network.nodes.length);
      }
    }
  });

  it('reports an unknown --at node like analyze', () => {
    const model = zoo[0]!;
    const expected = analyze(model.network, { at: 'no such node' });
    const stream = analyzeRows(structuredClone(model.network), { at: 'no such node', consume: true });
    expect(stream.issues).toEqual(expected.issues);
    expect(stream.ok).toBe(false);
    expect(stream.output).toBeNull();
  });
});
