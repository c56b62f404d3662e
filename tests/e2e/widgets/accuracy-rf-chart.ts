/**
 * accuracy-rf-chart: ten bubbles are drawn (one per network of the Distill chart); focusing the
 * inception_v3 bubble shows its RF, 1311 px (computed by the engine), and its top-1 accuracy, 78.0 %
 * (TF-slim; 78,0 with the Russian decimal comma), in the tooltip.
 */
import { expect } from 'vitest';
import type { WidgetInteraction } from './types';

const interact: WidgetInteraction = async (_page, root) => {
  await expect.poll(() => root.locator('[data-point]').count(), { message: 'bubbles drawn' }).toBe(10);
  await root.locator('[data-point="inception_v3"]').focus();
  const tip = root.locator('[data-tooltip="inception_v3"]');
  await expect
    .poll(() => tip.locator('[data-tooltip-rf]').textContent(), { message: 'RF in the tooltip' })
    .toBe('1311');
  // English writes 78.0, Russian 78,0.
  expect((await tip.locator('[data-tooltip-top1]').textContent())?.replace(',', '.')).toBe('78.0');
};

export default interact;
