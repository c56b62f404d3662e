import { INPUT } from '../../../../src/rf/types.ts';
import { findModel, zoo } from '../../../../src/rf/zoo/index.ts';
import { analysisOf, layerOf } from './helpers.ts';

/** The models whose squeeze-and-excitation gates make every unit depend on the whole image. */
const GLOBAL_CONTEXT = new Set(['torchvision-efficientnet_b0']);

describe('zoo catalogue', () => {
  it('has unique ids, all found by findModel', () => {
    const ids = zoo.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of zoo) expect(findModel(m.id)).toBe(m);
    expect(findModel('no-such-model')).toBeUndefined();
  });

  it('describes every model with a title, a family, a plausible year and sources that are URLs', () => {
    for (const m of zoo) {
      expect(m.title.trim()).not.toBe('');
      expect(m.family.trim()).not.toBe('');
      if (m.year !== null) expect(m.year).toBeGreaterThanOrEqual(2012);
      expect(m.sources.length).toBeGreaterThan(0);
      for (const source of m.sources) {
        expect(source.trim()).not.toBe('');
        expect(new URL(source).protocol).toBe('https:');
      }
    }
  });

  it.each(zoo.map((m) => [m.id, m] as const))(
    '%s: the endpoint is the only sink of a well-formed graph',
    (_, m) => {
      const names = new Set(m.network.nodes.map((n) => n.name));
      expect(names.size).toBe(m.network.nodes.length);
      expect(names.has(m.endpoint)).toBe(true);
      const read = new Set<string>();
      for (const node of m.network.nodes) {
        expect(node.inputs.length).toBeGreaterThan(0);
        for (const input of node.inputs) {
          expect(input === INPUT || names.has(input)).toBe(true);
          read.add(input);
        }
      }
      const sinks = m.network.nodes.filter((n) => !read.has(n.name)).map((n) => n.name);
      expect(sinks).toEqual([m.endpoint]);
    },
  );
});

describe('zoo analyses', () => {
  it.each(zoo.map((m) => [m.id] as const))('%s: ok and aligned at its endpoint', (id) => {
    const analysis = analysisOf(id);
    expect(analysis.issues).toEqual([]);
    expect(analysis.ok).toBe(true);
    const out = layerOf(id);
    expect(out.name).toBe(findModel(id)?.endpoint);
    expect(out.misalignments).toEqual([]);
    expect(out.aligned).toBe(true);
  });

  it.each(zoo.map((m) => [m.id] as const))(
    '%s: global context only where squeeze-and-excitation is',
    (id) => {
      const out = layerOf(id);
      expect(out.globalContext).toBe(GLOBAL_CONTEXT.has(id));
      // The local receptive field is still reported (and is finite, smaller than the "whole image" flag).
      expect(out.rf.h).toBeGreaterThan(1);
      expect(out.rf.w).toBeGreaterThan(1);
    },
  );
});
