/**
 * erf-playground: 5 uniform 3×3 layers give a theoretical RF of 11 px and an ERF size of √69 ≈ 8.3 px;
 * 20 layers give 41 px and about 16.2 px (the ERF grows like √n). A long random + ReLU run can be
 * cancelled: the status says so and the progress stops.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';

const number = async (root: Locator, attr: string) =>
  Number(await root.locator(`[${attr}]`).first().getAttribute(attr));

const interact: WidgetInteraction = async (_page, root) => {
  await expect
    .poll(() => root.getAttribute('data-status'), { message: 'the first run finishes', timeout: 15_000 })
    .toBe('done');
  await root.locator('select[data-field="weights"]').selectOption('uniform');
  await root.locator('select[data-field="activation"]').selectOption('none');
  const layers = root.locator('input[data-field="layers"]');

  await layers.fill('5');
  await expect.poll(() => number(root, 'data-rf-theoretical'), { message: 'RF of 5 layers' }).toBe(11);
  await expect
    .poll(() => number(root, 'data-luo-size'), { message: 'ERF size of 5 layers', timeout: 15_000 })
    .toBeCloseTo(8.31, 1);

  await layers.fill('20');
  await expect.poll(() => number(root, 'data-rf-theoretical'), { message: 'RF of 20 layers' }).toBe(41);
  await expect
    .poll(() => number(root, 'data-luo-size'), { message: 'ERF size of 20 layers', timeout: 15_000 })
    .toBeCloseTo(16.16, 1);

  // A slow run: random weights with ReLU, 16 channels, 256 draws — then cancel it.
  await root.locator('input[data-field="channels"]').fill('16');
  await root.locator('input[data-field="draws"]').fill('256');
  await root.locator('select[data-field="activation"]').selectOption('relu');
  await root.locator('select[data-field="weights"]').selectOption('random');
  await expect
    .poll(() => root.locator('[role="progressbar"]').getAttribute('aria-valuetext'), {
      message: 'the slow run has started drawing',
      timeout: 15_000,
    })
    .toMatch(/^[1-9]\d* \/ 256$/);
  await root.locator('[data-cancel]').click();
  await expect.poll(() => root.getAttribute('data-status')).toBe('cancelled');
  const stopped = await root.locator('[role="progressbar"]').getAttribute('aria-valuenow');
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(await root.locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe(stopped);
  expect(Number(stopped)).toBeLessThan(100);
};

export default interact;
