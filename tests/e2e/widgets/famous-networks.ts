/**
 * famous-networks: the lecture's table, computed live by the engine, shows its twelve rows at 224 px
 * with the published values (README of google-research/receptive_field), and opening a model's
 * layers shows a per-layer table.
 */
import { expect } from 'vitest';
import type { WidgetInteraction } from './types';

/** model, r, S, P at 224×224 (https://github.com/google-research/receptive_field, README). */
const PUBLISHED: readonly (readonly [string, string, string, string])[] = [
  ['alexnet_v2', '195', '32', '64'],
  ['vgg_16', '212', '32', '90'],
  ['mobilenet_v1', '315', '32', '126'],
  ['mobilenet_v1_075', '315', '32', '126'],
  ['resnet_v1_50', '483', '32', '239'],
  ['inception_v2', '699', '32', '318'],
  ['resnet_v1_101', '1027', '32', '511'],
  ['inception_v3', '1311', '32', '618'],
  ['resnet_v1_152', '1507', '32', '751'],
  ['resnet_v1_200', '1763', '32', '879'],
  ['inception_v4', '2071', '32', '998'],
  ['inception_resnet_v2', '3039', '32', '1482'],
];

const interact: WidgetInteraction = async (_page, root) => {
  const rows = root.locator('tbody tr[data-model]');
  await expect.poll(() => rows.count(), { timeout: 15_000, message: 'the twelve rows load' }).toBe(12);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      // The visible text of a cell (a screen-reader note about a changed value is left out).
      const cell = (col: string) => {
        const td = tr.querySelector(`td[data-col="${col}"]`)?.cloneNode(true) as HTMLElement | undefined;
        td?.querySelectorAll('.visually-hidden').forEach((el) => el.remove());
        return (td?.textContent ?? '').trim();
      };
      return [tr.getAttribute('data-model') ?? '', cell('rf'), cell('stride'), cell('padding')];
    }),
  );
  expect(shown).toEqual(PUBLISHED.map((row) => [...row]));

  await root.locator('[data-open="inception_v2"]').click();
  const detail = root.locator('[data-detail="inception_v2"]');
  await expect.poll(() => detail.locator('table tbody tr').count()).toBeGreaterThan(10);
};

export default interact;
