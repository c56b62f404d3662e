/**
 * conv-arithmetic: with n = 5, k = 3, p = 1, s = 2 the output grid has ⌊(5 + 2 − 3)/2⌋ + 1 = 3 cells per
 * side and the readout prints 3; one step forward moves the window right by s = 2 input columns.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';

async function setField(root: Locator, name: string, value: string) {
  const input = root.locator(`[data-input="${name}"]`);
  await input.fill(value);
  await expect.poll(() => input.inputValue()).toBe(value);
}

const tapColumns = (root: Locator) =>
  root
    .locator('[data-in-cell][data-tap="true"]')
    .evaluateAll((els) =>
      [...new Set(els.map((el) => Number(el.getAttribute('data-col'))))].sort((a, b) => a - b),
    );

const interact: WidgetInteraction = async (_page, root) => {
  // Leave the defaults first so the check sees the widget respond.
  await setField(root, 'n', '6');
  await setField(root, 'n', '5');
  await setField(root, 'k', '3');
  await setField(root, 'p', '1');
  await setField(root, 's', '2');
  await setField(root, 'd', '1');
  await expect.poll(() => root.locator('[data-out-cell]').count(), { message: '3 × 3 output cells' }).toBe(9);
  expect(await root.locator('[data-nout]').textContent()).toBe('3');
  expect(await root.locator('[data-input="k"]').getAttribute('aria-invalid')).toBe('false');

  const before = await tapColumns(root);
  expect(before).toEqual([-1, 0, 1]);
  await root.locator('[data-forward]').click();
  await expect
    .poll(() => tapColumns(root), { message: 'the window moved right by s = 2' })
    .toEqual(before.map((c) => c + 2));
  expect(await root.locator('[data-out-cell][data-filled="true"]').count()).toBe(1);

  // A window wider than the padded input is explained next to k, and the picture stays.
  await setField(root, 'k', '9');
  await expect.poll(() => root.locator('[data-error="k"]').count()).toBe(1);
  expect(await root.locator('[data-input="k"]').getAttribute('aria-invalid')).toBe('true');
  expect(await root.locator('[data-out-cell]').count()).toBe(9);
};

export default interact;
