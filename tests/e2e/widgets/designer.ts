/**
 * designer: at its starting values (224 px input, a unit must see 100 px, every block) the depth-only
 * stack has 50 layers (1 + 2·50 = 101), stride-2 stages 10 (r = 125), doubling dilation 6 (r = 2⁷ − 1 =
 * 127, the shallowest); a smaller target shrinks the stacks; a bad input size gets an error naming the
 * range; a proposal links to the calculator with its stack.
 */
import { expect } from 'vitest';
import type { WidgetInteraction } from './types';

const interact: WidgetInteraction = async (_page, root) => {
  const fact = (id: string, name: string) =>
    root.locator(`[data-proposal="${id}"] [data-fact="${name}"]`).first();
  await expect.poll(() => fact('depth', 'depth').textContent(), { timeout: 15_000 }).toBe('50');
  expect(await fact('stride', 'depth').textContent()).toBe('10');
  expect(await fact('stride', 'rf').textContent()).toBe('125');
  expect(await fact('dilation', 'depth').textContent()).toBe('6');
  expect(await fact('dilation', 'rf').textContent()).toBe('127');
  expect(await root.locator('[data-proposal="dilation"].best').count()).toBe(1);
  expect(await root.locator('[data-proposal="gridding"] [data-fact="holes"]').count()).toBe(1);

  // 1 + 2·15 = 31 ≥ 30: fifteen 3×3 layers.
  await root.locator('input[data-input="design-target"]').fill('30');
  await expect.poll(() => fact('depth', 'depth').textContent()).toBe('15');

  await root.locator('input[data-input="design-input"]').fill('3');
  await expect.poll(() => root.locator('[data-error="design-input"]').count()).toBe(1);
  expect(await root.locator('input[data-input="design-input"]').getAttribute('aria-invalid')).toBe('true');
  await root.locator('input[data-input="design-input"]').fill('64');
  await expect.poll(() => root.locator('[data-error="design-input"]').count()).toBe(0);

  const href = await root.locator('[data-proposal="stride"] a[data-open-calculator]').getAttribute('href');
  expect(href).toMatch(/^\.\.\/05-calculator\/\?calc=in%3D64x64%3Bsel%3D\d+%3Bnet%3Dconv/);
};

export default interact;
