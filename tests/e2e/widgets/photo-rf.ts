/**
 * photo-rf: with resnet_v1_50 block1, clicking the middle of the photograph draws a box whose size label
 * is 35 px (Google's receptive_field table at 224 px) and whose width is 35/224 of the drawn photo; at
 * block4 the label is 483 px, larger than the image: the part the unit sees is the whole photo and the
 * rest of the window is drawn as padding.
 */
import { expect } from 'vitest';
import type { WidgetInteraction } from './types';

const interact: WidgetInteraction = async (page, root) => {
  const size = root.locator('[data-rf-size]');
  await expect.poll(() => size.count(), { message: 'the network has loaded' }).toBeGreaterThan(0);
  await root.locator('[data-model-select]').selectOption('resnet_v1_50');
  await root.locator('[data-layer-select]').selectOption('block1');

  const photo = root.locator('[data-photo]');
  const at = await photo.boundingBox();
  if (at === null) throw new Error('the photograph is not drawn');
  await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
  await expect.poll(() => size.getAttribute('data-rf-size'), { message: 'block1 RF label' }).toBe('35');

  const drawn = await photo.boundingBox();
  const box = await root.locator('[data-rf-box]').boundingBox();
  if (drawn === null || box === null) throw new Error('no RF box');
  // Boxes are measured with their outlines, which add a few screen pixels: allow 2 % of the photo.
  const near = (actual: number, expected: number, what: string) =>
    expect(Math.abs(actual - expected), what).toBeLessThan(0.02 * drawn.width);
  near(box.width, (35 / 224) * drawn.width, 'box width = 35/224 of the photo');
  expect(await root.locator('[data-rf-padding]').count(), 'a centre unit of block1 has no padding').toBe(0);

  await root.locator('[data-layer-select]').selectOption('block4');
  await expect.poll(() => size.getAttribute('data-rf-size'), { message: 'block4 RF label' }).toBe('483');
  expect(await root.locator('[data-rf-padding]').count(), 'padding drawn').toBeGreaterThan(0);
  const photo4 = await photo.boundingBox();
  const seen = await root.locator('[data-rf-clipped]').boundingBox();
  const window4 = await root.locator('[data-rf-box]').boundingBox();
  if (photo4 === null || seen === null || window4 === null) throw new Error('no block4 box');
  const near4 = (actual: number, expected: number, what: string) =>
    expect(Math.abs(actual - expected), what).toBeLessThan(0.02 * photo4.width);
  near4(seen.width, photo4.width, 'the clipped box is the whole photo');
  near4(window4.width, (483 / 224) * photo4.width, 'the window is 483/224 of the photo');
};

export default interact;
