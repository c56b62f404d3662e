/**
 * erf-on-photo: the ERF heat map is painted over the photograph at the middle unit; clicking another
 * point of the photo moves the overlay there (its centre follows the picked unit).
 */
import { expect } from 'vitest';
import type { WidgetInteraction } from './types';

const interact: WidgetInteraction = async (page, root) => {
  const overlay = root.locator('[data-erf-overlay]');
  await expect
    .poll(() => overlay.getAttribute('data-drawn'), { message: 'the overlay is painted', timeout: 15_000 })
    .toBe('true');
  const before = await overlay.getAttribute('data-centre');
  const photo = root.locator('[data-photo]');
  const at = await photo.boundingBox();
  if (at === null) throw new Error('the photograph is not drawn');
  await page.mouse.click(at.x + at.width * 0.3, at.y + at.height * 0.25);
  await expect
    .poll(() => overlay.getAttribute('data-centre'), { message: 'the overlay follows the click' })
    .not.toBe(before);
  const [h, w] = ((await overlay.getAttribute('data-centre')) ?? '').split(',').map(Number);
  expect(Math.abs((w as number) - 0.3 * 224), 'column of the picked unit').toBeLessThan(2);
  expect(Math.abs((h as number) - 0.25 * 224), 'row of the picked unit').toBeLessThan(2);
  const box = await overlay.boundingBox();
  expect(box?.width ?? 0, 'the overlay has a size on screen').toBeGreaterThan(5);
  expect(await overlay.getAttribute('data-drawn')).toBe('true');
};

export default interact;
