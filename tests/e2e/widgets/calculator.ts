/**
 * calculator: the lecture's preset gives the published last row (n = 2, r = 7, j = 4, start = 0.5);
 * adding a layer and changing its kernel changes the numbers; the link in the address bar restores
 * the same table in a fresh page; stride 0 puts a message next to the stride field and no NaN appears;
 * of ResNet-50's 50 layers only the rows in view are drawn, and a row with an error stays reachable.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { WidgetInteraction } from './types';

type Row = Record<'n' | 'j' | 'r' | 'start' | 'S' | 'P', string>;

async function lastRow(root: Locator): Promise<Row> {
  const row = root.locator('tbody tr[data-row]').last();
  const cell = async (col: string) =>
    ((await row.locator(`td[data-col="${col}"]`).textContent()) ?? '').trim();
  return {
    n: await cell('n'),
    j: await cell('j'),
    r: await cell('r'),
    start: await cell('start'),
    S: await cell('S'),
    P: await cell('P'),
  };
}

async function tableText(root: Locator): Promise<string[]> {
  return root
    .locator('tbody tr[data-row]')
    .evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

async function hydrated(page: Page): Promise<void> {
  const selector = '[data-widget="calculator"]';
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (s) => {
      const island = document.querySelector(s)?.closest('astro-island');
      return island !== null && island !== undefined && !island.hasAttribute('ssr');
    },
    selector,
    { timeout: 10_000 },
  );
}

const interact: WidgetInteraction = async (page, root) => {
  // 1. The lecture's example: n = 5, two convolutions k = 3, s = 2, p = 1.
  await root.locator('[data-preset-select]').selectOption('lecture');
  await expect.poll(() => lastRow(root)).toMatchObject({ n: '2', r: '7', j: '4', start: '0.5' });
  expect(await root.locator('tbody tr[data-row]').count(), 'input + two layers').toBe(3);

  // 2. A third layer (a 3×3 conv, stride 1, padding 1 by default): r = 7 + 2·4 = 15. Then kernel 2:
  //    n = (2 + 2 − 2)/1 + 1 = 3, r = 7 + 1·4 = 11, start = 0.5 + (½ − 1)·4 = −1.5.
  await root.locator('[data-add-layer]').click();
  await expect.poll(() => root.locator('tbody tr[data-row]').count()).toBe(4);
  await expect.poll(async () => (await lastRow(root)).r).toBe('15');
  await root.locator('[data-layer-index="3"] [data-input="kernel-h"]').fill('2');
  await expect.poll(() => lastRow(root)).toMatchObject({ n: '3', r: '11', j: '4', start: '-1.5' });

  // 3. The link in the address bar restores the same table in a new page.
  await expect.poll(() => new URL(page.url()).searchParams.get('calc') ?? '').toContain('k=2');
  const before = await tableText(root);
  const other = await page.context().newPage();
  try {
    await other.goto(page.url(), { waitUntil: 'load' });
    await hydrated(other);
    const restored = other.locator('[data-widget="calculator"]').first();
    await expect.poll(() => tableText(restored)).toEqual(before);
  } finally {
    await other.close();
  }

  // 4. Stride 0: a message next to that field, the field marked invalid, no NaN anywhere.
  const stride = root.locator('[data-layer-index="1"] [data-input="stride-h"]');
  await stride.fill('0');
  await expect.poll(() => stride.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await stride.getAttribute('aria-describedby')) ?? '';
  expect(describedBy, 'the stride field points at its message').not.toBe('');
  const message = root.locator(`[id="${describedBy.split(' ')[0]}"]`);
  expect(((await message.textContent()) ?? '').trim().length, 'the message has text').toBeGreaterThan(0);
  expect(
    await root
      .locator('[data-layer-index="1"]')
      .locator(`[id="${describedBy.split(' ')[0]}"]`)
      .count(),
    'the message sits in the same layer as the field',
  ).toBe(1);
  const text = (await root.textContent()) ?? '';
  expect(text, 'no NaN in the widget').not.toContain('NaN');
  const values = await root
    .locator('input, textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(values.join(' '), 'no NaN in any field').not.toContain('NaN');
  expect(await root.locator('tbody tr[data-row]').count(), 'the last valid table stays').toBeGreaterThan(0);

  // 5. ResNet-50's 50 layers: only the rows in or near view are in the page; scrolling the list to its
  //    end draws the last one.
  await root.locator('[data-preset-select]').selectOption('resnet50');
  const list = root.locator('ol[data-layer-count]');
  await expect.poll(() => list.getAttribute('data-layer-count')).toBe('50');
  await expect.poll(() => root.locator('li[data-layer-index]').count()).toBeLessThan(15);
  const scrollList = (to: number) =>
    list.evaluate((ol, share) => {
      const box = ol.parentElement as HTMLElement;
      box.scrollTop = share * box.scrollHeight;
    }, to);
  // Half-way down, the rows drawn are those of the middle of the list (and they stay put).
  await scrollList(0.5);
  const drawn = () =>
    root
      .locator('li[data-layer-index]')
      .evaluateAll((lis) => lis.map((li) => Number(li.dataset['layerIndex'])));
  await expect.poll(async () => (await drawn()).some((n) => n > 15 && n < 35), { timeout: 5000 }).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(
    (await drawn()).some((n) => n > 15 && n < 35),
    'the middle rows stay drawn',
  ).toBe(true);
  await scrollList(1);
  const last = root.locator('[data-layer-index="50"] [data-input="kernel-h"]');
  await expect.poll(() => last.count(), { timeout: 5000 }).toBe(1);
  expect(await root.locator('li[data-layer-index]').count(), 'still only the rows in view').toBeLessThan(15);

  // 6. A field made invalid there keeps its row (and message) in the page when the list scrolls back to
  //    the top, and the message under the table sends the focus to it.
  await last.fill('99');
  await expect.poll(() => last.getAttribute('aria-invalid')).toBe('true');
  await scrollList(0);
  await expect.poll(() => root.locator('[data-layer-index="1"]').count()).toBe(1);
  expect(await root.locator('[data-layer-index="50"] [data-field-error]').count(), 'its message stays').toBe(
    1,
  );
  await root.locator('[data-show-error]').click();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-layer-index')))
    .toBe('50');
};

export default interact;
