/**
 * A widget's view model evaluates its network once per change and asks that one analysis everything
 * else (sizes, traces clipped and unclipped, diagnoses). Catches: a view model calling `traceUnit`,
 * `evaluate` or `diagnose` on a network it has analysed already.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/rf/evaluate.ts', async (importOriginal) =>
  (await import('../support/count-evaluate')).countEvaluate(importOriginal),
);
const { evaluations } = await import('../support/count-evaluate');

const { layerSizes, stackView } = await import('../../../components/widgets/layer-stack-1d');
const { grow, RECIPES } = await import('../../../components/widgets/designer');

describe('evaluated once per change', () => {
  it('the 1-D stack: its sizes and the view of any unit come from one evaluation', () => {
    const specs = [
      { label: 'conv1', k: 3, s: 2, p: 1 },
      { label: 'conv2', k: 3, s: 2, p: 1 },
    ];
    evaluations.count = 0;
    expect(layerSizes(5, specs)).toEqual([5, 3, 2]);
    stackView(5, specs, 2, 0);
    stackView(5, specs, 1, 2);
    expect(evaluations.count).toBe(1);
    // A new stack is a change: one more evaluation.
    stackView(5, [{ label: 'conv1', k: 5, s: 1, p: 0 }], 1, 0);
    expect(evaluations.count).toBe(2);
  });

  it('the designer: each depth it tries is evaluated once, the diagnosis of the answer included', () => {
    const recipe = RECIPES[0];
    if (recipe === undefined) throw new Error('no recipe');
    evaluations.count = 0;
    const outcome = grow(recipe, 224, 20);
    expect(outcome.kind).toBe('found');
    const depth = outcome.kind === 'found' ? outcome.proposal.depth : 0;
    expect(evaluations.count).toBe(depth);
  });
});
