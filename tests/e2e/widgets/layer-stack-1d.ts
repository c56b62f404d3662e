/**
 * layer-stack-1d: focusing a unit of the top layer highlights the units it sees in every earlier
 * layer (`data-in-rf="true"`), and the number highlighted in the input layer is the receptive
 * field size the widget prints in `[data-rf-size]`.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';

interface Unit {
  layer: number;
  index: number;
}

/** The number a readout shows: its `data-rf-size` value when numeric, else the single integer in its text. */
export async function readNumber(readout: Locator): Promise<number> {
  const attr = (await readout.getAttribute('data-rf-size'))?.trim() ?? '';
  if (/^\d+$/.test(attr)) return Number(attr);
  const text = (await readout.textContent()) ?? '';
  const numbers = text.replace(/[\s\u00a0\u202f](?=\d{3}\b)/g, '').match(/\d+/g) ?? [];
  if (numbers.length !== 1)
    throw new Error(`expected one number in the [data-rf-size] readout, got "${text.trim()}"`);
  return Number(numbers[0]);
}

const interact: WidgetInteraction = async (_page, root) => {
  const units: Unit[] = await root.locator('[data-unit]').evaluateAll((els) =>
    els.map((el) => ({
      layer: Number(el.getAttribute('data-layer')),
      index: Number(el.getAttribute('data-index')),
    })),
  );
  expect(units.length, 'the widget has [data-unit] elements').toBeGreaterThan(0);
  const layers = [...new Set(units.map((u) => u.layer))].sort((a, b) => a - b);
  expect(layers.length, 'the widget has at least two layers').toBeGreaterThanOrEqual(2);
  const top = layers.at(-1) as number;
  const input = layers[0] as number;
  const topIndices = units
    .filter((u) => u.layer === top)
    .map((u) => u.index)
    .sort((a, b) => a - b);
  const middle = topIndices[Math.floor((topIndices.length - 1) / 2)] as number;

  const highlighted = (layer: number) =>
    root.locator(`[data-unit][data-layer="${layer}"][data-in-rf="true"]`);
  await root.locator(`[data-unit][data-layer="${top}"][data-index="${middle}"]`).focus();

  await expect
    .poll(() => highlighted(input).count(), {
      message: 'input units highlighted after focusing the top unit',
    })
    .toBeGreaterThan(0);
  for (const layer of layers.slice(0, -1)) {
    expect(await highlighted(layer).count(), `layer ${layer} has highlighted units`).toBeGreaterThan(0);
  }
  const readout = root.locator('[data-rf-size]').first();
  const count = await highlighted(input).count();
  await expect
    .poll(() => readNumber(readout), { message: `[data-rf-size] shows the ${count} highlighted input units` })
    .toBe(count);
};

export default interact;
