import { analyze, diagnose } from '../../../../src/rf/index.ts';
import { zoo } from '../../../../src/rf/zoo/index.ts';
import { chain, conv } from '../builders.ts';

describe('diagnose(net, { analysis }) reuses the evaluation of analyze(net)', () => {
  it('gives the same diagnosis as evaluating again, on every zoo network', () => {
    // Catches: a diagnosis read from the analysis' evaluation that differs from a fresh one (a field
    // the analysis changed, an evaluation that is not the network's).
    for (const model of zoo) {
      const fresh = diagnose(model.network, { at: model.endpoint });
      const reused = diagnose(model.network, { at: model.endpoint, analysis: analyze(model.network) });
      expect(reused, model.id).toEqual(fresh);
    }
  });

  it('reads the evaluation it is given, not a new one', () => {
    // Four 3×3 convolutions (r = 3, 5, 7, 9): on a 5-pixel image l3 and l4 are border layers, on a
    // 64-pixel one none is. Given the 64-pixel analysis, the 5-pixel network is diagnosed at 64.
    const layers = [conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1)];
    const small = chain(5, layers);
    const large = chain(64, layers);
    expect(diagnose(small).borderLayers).toEqual(['l3', 'l4']);
    expect(diagnose(small, { analysis: analyze(large) }).borderLayers).toEqual([]);
  });
});
