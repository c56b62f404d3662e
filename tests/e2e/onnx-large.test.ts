/**
 * A large model in lesson 11's report, through the real import worker on the built site: a 3 × 3
 * convolution followed by 20,000 Relu nodes (scripts/onnx-chain.ts). The table keeps only the rows
 * in view in the page, with the whole list's scroll height and row count for screen readers; the
 * last row, reached by scrolling, by the End key and by the search, shows the convolution's figures
 * worked out by hand: n = 64 − 3 + 1 = 62, r = 3, j = S = 1, start = 0.5 + 1 = 1.5, P = 3/2 − 1.5 = 0.
 * The row that holds the keyboard focus stays in the page while the list scrolls away from it.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { e2eContext } from './support/context';
import { formatList, recordProblems, scrollIntoView, withPage } from './support/browser';
import { pageUrl } from './support/site';
import { reluChain } from '../../scripts/onnx-chain';

const site = e2eContext().sub;
const N = 20_000;
const LAST = `r${N - 1}`;
const ROW_LIMIT = 200;
const bytes = Buffer.from(reluChain(N));
const HAND = { n: '62', j: '1', r: '3', start: '1.5', S: '1', P: '0' };

async function openLesson(page: Page): Promise<Locator> {
  await page.goto(pageUrl(site, 'en/lessons/11-your-network/'), { waitUntil: 'load' });
  const selector = '[data-widget="onnx-report"]';
  await scrollIntoView(page, selector, 0);
  await page.waitForFunction(
    (s) => !document.querySelector(s)?.closest('astro-island')?.hasAttribute('ssr'),
    selector,
  );
  const root = page.locator(selector).first();
  await root.locator('[data-file-input]').setInputFiles({
    name: 'chain.onnx',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  await expect
    .poll(
      () =>
        root
          .locator('[data-at]')
          .getAttribute('data-at')
          .catch(() => null),
      { timeout: 60_000 },
    )
    .toBe(LAST);
  // The report is drawn in parts, the summary first: the table's rows follow a frame or two later.
  await expect
    .poll(() => root.locator('[data-node-table] tbody tr[data-row]').count(), { timeout: 10_000 })
    .toBeGreaterThan(0);
  return root;
}

async function cells(row: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of Object.keys(HAND))
    out[c] = ((await row.locator(`td[data-col="${c}"]`).textContent()) ?? '').trim();
  return out;
}

describe('a 20,000-node model in the ONNX report', () => {
  test('imports through the worker; the table is virtual and its last row has the hand-derived numbers', async () => {
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      const root = await openLesson(page);

      // The summary: 20,001 graph nodes (the convolution and the Relus); at the last node r = 3, S = 1, P = 0.
      expect(await root.locator('[data-node-count]').textContent()).toBe(String(N + 1));
      const at = root.locator('[data-at]');
      expect(await at.locator('[data-value="r"]').textContent()).toBe('3');
      expect(await at.locator('[data-value="S"]').textContent()).toBe('1');
      expect(await at.locator('[data-value="P"]').textContent()).toBe('0');
      expect(await at.locator('[data-value="n"]').textContent()).toBe('62');
      expect(await root.locator('[data-complete]').count()).toBe(1);

      // Rows: the input, the convolution and 20,000 Relus, but only a window of them in the page.
      const table = root.locator('[data-node-table]');
      expect(await table.getAttribute('data-row-count')).toBe(String(N + 2));
      expect(await table.locator('table').getAttribute('aria-rowcount')).toBe(String(N + 3));
      const rowCount = () => table.locator('tbody tr[data-row]').count();
      expect(await rowCount()).toBeGreaterThan(5);
      expect(await rowCount()).toBeLessThan(ROW_LIMIT);
      expect(await cells(table.locator('tr[data-row="conv"]'))).toEqual(HAND);

      // The scroll height is the whole list's: 20,002 rows of the same height.
      const scroller = table.locator('[data-scroll]');
      const geometry = await scroller.evaluate((el) => {
        const row = el.querySelector('tbody tr[data-row]') as HTMLElement;
        return { scrollHeight: el.scrollHeight, rowHeight: row.getBoundingClientRect().height };
      });
      expect(geometry.rowHeight).toBeGreaterThan(10);
      expect(geometry.scrollHeight).toBeGreaterThanOrEqual((N + 2) * geometry.rowHeight);
      expect(geometry.scrollHeight).toBeLessThan((N + 2) * geometry.rowHeight + 200);

      // Scrolling to the end shows the last node, every Relu with the convolution's r and j.
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      const last = table.locator(`tr[data-row="${LAST}"]`);
      await expect.poll(() => last.count()).toBe(1);
      expect(await last.getAttribute('aria-rowindex')).toBe(String(N + 3));
      expect(await cells(last)).toEqual(HAND);
      expect(await cells(table.locator(`tr[data-row="r${N - 2}"]`))).toEqual(HAND);
      expect(await last.locator('td.op').textContent()).toBe('Relu');
      expect(await rowCount()).toBeLessThan(ROW_LIMIT);
      expect(await last.isVisible()).toBe(true);

      // Halfway down: still a window, rows from the middle of the list.
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
      await expect.poll(() => table.locator('tr[data-row="r10000"]').count()).toBe(1);
      expect(await rowCount()).toBeLessThan(ROW_LIMIT);
      expect(await table.locator(`tr[data-row="${LAST}"]`).count()).toBe(0);

      expect(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
      expect(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
    });
  });

  test('rows are reached by keyboard (Home, End, arrows) and by name; the choice is kept in the link', async () => {
    await withPage({}, async (page) => {
      const root = await openLesson(page);
      const table = root.locator('[data-node-table]');
      // The selected (last) row's button is the one in the tab order; Home goes to the input.
      await table.locator('[data-scroll]').focus();
      await page.keyboard.press('Home');
      await expect.poll(() => root.locator('[data-at]').getAttribute('data-at')).toBe('input');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => root.locator('[data-at]').getAttribute('data-at')).toBe('conv');
      expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row'))).toBe(
        'conv',
      );
      await page.keyboard.press('End');
      await expect.poll(() => root.locator('[data-at]').getAttribute('data-at')).toBe(LAST);
      expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row'))).toBe(
        LAST,
      );

      // Scrolled back to the top with the focus on the last row: that row stays in the page with the
      // focus (not lost to the body), and the arrow keys go on from it.
      const focusedRow = () =>
        page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row'));
      await table.locator('[data-scroll]').evaluate((el) => el.scrollTo({ top: 0 }));
      await expect.poll(() => table.locator('tr[data-row="conv"]').count()).toBe(1);
      expect(await focusedRow()).toBe(LAST);
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => root.locator('[data-at]').getAttribute('data-at')).toBe(`r${N - 2}`);
      expect(await focusedRow()).toBe(`r${N - 2}`);

      // Find by name: the row is scrolled into view and picked.
      await root.locator('[data-find-input]').fill('r12345');
      await root.locator('[data-find-input]').press('Enter');
      await expect.poll(() => root.locator('[data-at]').getAttribute('data-at')).toBe('r12345');
      const found = table.locator('tr[data-row="r12345"]');
      expect(await found.getAttribute('data-selected')).toBe('true');
      expect(await found.isVisible()).toBe(true);
      expect(await cells(found)).toEqual(HAND);
      expect(await root.locator('[data-found]').textContent()).toContain('r12345');
      await expect.poll(() => new URL(page.url()).searchParams.get('onnx')).toBe('at=r12345');
      await root.locator('[data-find-input]').fill('no-such-node');
      await root.locator('[data-find-input]').press('Enter');
      await expect
        .poll(async () => (await root.locator('[data-found]').textContent()) ?? '')
        .toContain('no-such-node');
    });
  });

  test.for([360, 1280, 1920])(
    'at %i px the table fits its box, with r, S and P in view from 1280 px',
    async (width) => {
      await withPage({ viewport: { width, height: 800 } }, async (page) => {
        const root = await openLesson(page);
        const scroller = root.locator('[data-node-table] [data-scroll]');
        const layout = await scroller.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const head = (c: string) =>
            [...el.querySelectorAll('thead th')]
              .find((th) => th.textContent?.trim() === c)
              ?.getBoundingClientRect();
          const inside = (r: DOMRect | undefined) =>
            r !== undefined && r.left >= box.left - 1 && r.right <= box.right + 1;
          return {
            pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            boxRight: box.right,
            visible: { r: inside(head('r')), S: inside(head('S')), P: inside(head('P')) },
          };
        });
        expect(layout.pageOverflow).toBeLessThanOrEqual(0);
        expect(layout.boxRight).toBeLessThanOrEqual(width);
        if (width >= 1280) expect(layout.visible).toEqual({ r: true, S: true, P: true });
      });
    },
  );
});
