/**
 * worked-example: the walkthrough of the lecture shows n₂ = 2, r₂ = 7, j₂ = 4, start₂ = 0.5 at the step
 * "Layer 2" (in the typeset formula and in the table); after setting k₂ = 5 it shows r₂ = 11, since
 * r₂ = r₁ + (k₂ − 1)·j₁ = 3 + 4·2.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { WidgetInteraction } from './types';

/** A number as the page prints it (Unicode minus, decimal comma in Russian). */
const numberOf = (text: string | null) => Number((text ?? '').trim().replace('−', '-').replace(',', '.'));

const tableValue = async (root: Locator, q: string, layer: number) =>
  numberOf(await root.locator(`[data-q="${q}"][data-layer="${layer}"]`).textContent());

/** The value of placeholder `name` in the visible formulas of the current step. */
const formulaValue = async (root: Locator, name: string) => {
  const spans = root.locator(`.formulas [data-v="${name}"]:visible`);
  expect(await spans.count(), `the formulas show ${name}`).toBeGreaterThan(0);
  return numberOf(await spans.last().textContent());
};

const interact: WidgetInteraction = async (_page, root) => {
  await root.locator('[data-step-button="layer2"]').click();
  await expect.poll(() => root.getAttribute('data-step')).toBe('layer2');
  const expected = { n: 2, r: 7, j: 4, start: 0.5 };
  for (const [q, value] of Object.entries(expected)) {
    expect(await tableValue(root, q, 2), `${q}₂ in the table`).toBe(value);
    expect(await formulaValue(root, `${q}2`), `${q}₂ in the formula`).toBe(value);
  }

  await root.locator('[data-input="k2"]').fill('5');
  await expect.poll(() => tableValue(root, 'r', 2), { message: 'r₂ after k₂ = 5' }).toBe(11);
  await expect.poll(() => formulaValue(root, 'r2')).toBe(11);
  expect(await formulaValue(root, 'k2')).toBe(5);

  // The step buttons and the arrows move through the walkthrough.
  await root.locator('[data-prev]').click();
  await expect.poll(() => root.getAttribute('data-step')).toBe('conv2');
};

export default interact;
