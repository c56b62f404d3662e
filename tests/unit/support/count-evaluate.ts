/**
 * Counts the engine's `evaluate` calls, for tests that check a network is evaluated once. In the test:
 *
 *   vi.mock('…/src/rf/evaluate.ts', async (original) => (await import('…/count-evaluate')).countEvaluate(original));
 *   const { evaluations } = await import('…/count-evaluate');
 *
 * and then import what is under test dynamically, so that it sees the counting `evaluate`.
 */
import type * as Evaluate from '../../../src/rf/evaluate.ts';

export const evaluations = { count: 0 };

export async function countEvaluate(importOriginal: <T>() => Promise<T>): Promise<typeof Evaluate> {
  const original = await importOriginal<typeof Evaluate>();
  return {
    ...original,
    evaluate: (...args: Parameters<typeof original.evaluate>) => {
      evaluations.count++;
      return original.evaluate(...args);
    },
  };
}
