/**
 * alignment: the two-branch lab starts aligned (3×3 s2 p1 beside a 1×1 s2 shortcut: both start 0.5);
 * a 2×2 window without padding on path A moves its centre to 1 (misaligned, centre); a 2×2 window on
 * path B as well aligns them again. A rejected field names its range and changes nothing drawn.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';

const verdict = (root: Locator) => root.locator('[data-verdict]').getAttribute('data-verdict');
const start = async (root: Locator, branch: string) =>
  Number(
    ((await root.locator(`[data-branch="${branch}"] [data-q="start"]`).textContent()) ?? '').replace(
      ',',
      '.',
    ),
  );

const interact: WidgetInteraction = async (_page, root) => {
  await expect.poll(() => verdict(root)).toBe('aligned');
  expect(await start(root, 'a')).toBe(0.5);
  await root.locator('[data-input="a.k"]').fill('2');
  await expect.poll(() => verdict(root), { message: '2×2 with p = 1 gives 9 features, not 8' }).toBe('size');
  await root.locator('[data-input="a.p"]').fill('0');
  await expect.poll(() => verdict(root)).toBe('centre');
  expect(await start(root, 'a')).toBe(1);
  const centreA = await root.locator('[data-centre="a"]').getAttribute('data-x');
  const centreB = await root.locator('[data-centre="b"]').getAttribute('data-x');
  expect(Number(centreA) - Number(centreB), 'unit 1: centres 3 and 2.5').toBe(0.5);
  await root.locator('[data-input="b.k"]').fill('2');
  await expect.poll(() => verdict(root)).toBe('aligned');
  await root.locator('[data-input="b.s"]').fill('9');
  await expect.poll(() => root.locator('[data-error="b.s"]').count()).toBe(1);
  expect(await root.locator('[data-error="b.s"]').textContent()).toMatch(/1.*4/);
  expect(await verdict(root), 'a rejected field changes nothing').toBe('aligned');
};

export default interact;
