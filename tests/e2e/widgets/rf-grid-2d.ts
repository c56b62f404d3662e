/**
 * rf-grid-2d: focusing the centre unit of the last map highlights input cells that form an r × r square,
 * and r is the receptive-field size the readout prints (`[data-rf-size]`).
 */
import { expect } from 'vitest';
import type { WidgetInteraction } from './types';

const interact: WidgetInteraction = async (_page, root) => {
  const maps = await root
    .locator('[data-unit]')
    .evaluateAll((els) => [...new Set(els.map((el) => Number(el.getAttribute('data-map'))))]);
  const last = Math.max(...maps);
  const side = await root.locator(`[data-unit][data-map="${last}"][data-row="0"]`).count();
  const mid = Math.floor((side - 1) / 2);
  // Move away first, then come back with the keyboard, so the check sees a real change.
  await root.locator(`[data-unit][data-map="${last}"][data-row="0"][data-col="0"]`).click();
  await root
    .locator(`[data-unit][data-map="${last}"][data-row="${mid}"][data-col="${mid - 1 < 0 ? 0 : mid - 1}"]`)
    .focus();
  if (mid > 0) await root.page().keyboard.press('ArrowRight');
  const selected = root.locator('[data-selected="true"]');
  await expect.poll(() => selected.getAttribute('data-col')).toBe(String(mid));
  await root.page().keyboard.press('ArrowUp');
  await root.page().keyboard.press('ArrowDown');
  await expect.poll(() => selected.getAttribute('data-row')).toBe(String(mid));

  const cells = await root
    .locator('[data-unit][data-map="0"][data-in-rf="true"]')
    .evaluateAll((els) =>
      els.map((el) => [Number(el.getAttribute('data-row')), Number(el.getAttribute('data-col'))]),
    );
  expect(cells.length, 'input cells highlighted').toBeGreaterThan(0);
  const rows = cells.map(([r]) => r as number);
  const cols = cells.map(([, c]) => c as number);
  const height = Math.max(...rows) - Math.min(...rows) + 1;
  const width = Math.max(...cols) - Math.min(...cols) + 1;
  expect(height, 'the highlighted input region is square').toBe(width);
  expect(cells.length, 'the square is filled').toBe(width * width);
  const r = Number(await root.locator('[data-rf-size]').getAttribute('data-rf-size'));
  expect(r, 'the readout prints the side of the square').toBe(width);
  expect(await root.locator('[data-rf-size]').textContent()).toContain(`${r} × ${r}`);
};

export default interact;
