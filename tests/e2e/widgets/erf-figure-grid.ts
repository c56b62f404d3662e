/**
 * erf-figure-grid: the worker paints the first heat map and the progress bar advances; after "Run
 * again", Cancel stops the run: the status says "cancelled" and the progress stays where it was.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';

const progressOf = async (root: Locator) =>
  Number(await root.locator('[role="progressbar"]').getAttribute('aria-valuenow'));

/** Largest alpha in a cell's canvas: > 0 once a map has been painted. */
const painted = (root: Locator, cell: number) =>
  root.locator(`[data-cell="${cell}"] canvas`).evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width < 2) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let max = 0;
    for (let i = 3; i < data.length; i += 4) max = Math.max(max, data[i] as number);
    return max;
  });

const interact: WidgetInteraction = async (_page, root) => {
  await expect
    .poll(() => root.locator('[data-cell="0"] [data-luo-size]').getAttribute('data-luo-size'), {
      message: 'the first cell reports its ERF size',
      timeout: 15_000,
    })
    .not.toBe('');
  await expect.poll(() => painted(root, 0), { message: 'the first heat map is painted' }).toBeGreaterThan(0);
  await expect.poll(() => progressOf(root), { message: 'progress advances' }).toBeGreaterThan(0);

  // Start afresh (the first run may have finished) and cancel it while it is running.
  await expect
    .poll(() => root.locator('[data-run]').isEnabled(), { message: 'the grid finishes', timeout: 30_000 })
    .toBe(true);
  await root.locator('[data-run]').click();
  await expect.poll(() => progressOf(root), { message: 'the new run advances' }).toBeGreaterThan(0);
  await root.locator('[data-cancel]').click();
  await expect.poll(() => root.getAttribute('data-status')).toBe('cancelled');
  await expect.poll(() => root.locator('[data-status-text]').textContent()).toMatch(/cancelled|отменено/);
  const stopped = await progressOf(root);
  expect(stopped, 'cancelled before the end').toBeLessThan(100);
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(await progressOf(root), 'progress stays put after cancel').toBe(stopped);
};

export default interact;
