import fc from 'fast-check';
import { compareWithOracle, type CompareStats } from './compare.ts';
import { graphArb, stackArb } from './arbitraries.ts';

// The engine must agree EXACTLY with the brute-force oracle: n, per-unit clipped and unclipped input
// sets, r (max over units), start and jump, the uniform claim [u·S − P, u·S − P + r − 1], and alignment.
// Run counts are in the test names; together they cover 10,600 random networks.

function check(stats: CompareStats) {
  return (net: Parameters<typeof compareWithOracle>[0], axes: ('h' | 'w')[]) => {
    const problems = compareWithOracle(net, axes, stats);
    if (problems.length > 0) throw new Error(`${problems.join('\n')}\nnetwork: ${JSON.stringify(net)}`);
  };
}

describe('engine agrees with the brute-force oracle', () => {
  it('on 7,000 random 1-D stacks (dilation, negative/asymmetric/SAME padding, ceil mode, transposed, upsampling, pad)', () => {
    const stats: CompareStats = { valid: 0, invalid: 0, units: 0 };
    fc.assert(
      fc.property(stackArb(['w']), (net) => check(stats)(net, ['w'])),
      { numRuns: 7000, seed: 20191104 },
    );
    expect(stats.valid).toBeGreaterThan(3500);
    expect(stats.nonUniform).toBeGreaterThan(500);
  }, 30_000);

  it('on 3,000 random 1-D graphs (branches, add/mul/concat, squeeze-and-excitation, shuffled node order)', () => {
    const stats: CompareStats = { valid: 0, invalid: 0, units: 0 };
    fc.assert(
      fc.property(graphArb(['w']), (net) => check(stats)(net, ['w'])),
      { numRuns: 3000, seed: 7 },
    );
    expect(stats.valid).toBeGreaterThan(1500);
    expect(stats.misaligned).toBeGreaterThan(500);
    expect(stats.nonUniform).toBeGreaterThan(500);
    expect(stats.globalContext).toBeGreaterThan(500);
    expect(stats.distillMerges).toBeGreaterThan(50);
  }, 30_000);

  it('on 400 random 2-D stacks and 200 random 2-D graphs, axis by axis', () => {
    const stats: CompareStats = { valid: 0, invalid: 0, units: 0 };
    fc.assert(
      fc.property(stackArb(['h', 'w'], 4, 12), (net) => check(stats)(net, ['h', 'w'])),
      { numRuns: 400, seed: 3 },
    );
    fc.assert(
      fc.property(graphArb(['h', 'w']), (net) => check(stats)(net, ['h', 'w'])),
      { numRuns: 200, seed: 5 },
    );
    expect(stats.valid).toBeGreaterThan(300);
  }, 30_000);
});
