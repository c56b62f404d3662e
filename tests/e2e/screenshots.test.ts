/**
 * Every lesson at 360, 768, 1280 and 1920 px, light and dark, English and Russian: the page never
 * scrolls sideways, and every table shows all of its columns inside the viewport and its own scroll
 * box (a layout that stacks a row's cells is fine, as long as every cell of the row is in view), so r,
 * S and P are never hidden. One page per theme is reused for every lesson and width; screenshots of
 * every page (PNG, the viewport at the first table) go to test-results/screenshots/ for review, and
 * axe checks every lesson at 360 px, where tables stack and formulas may scroll. The 2-D grid is
 * checked with axe once its back-projection has finished, and under reduced motion it draws the final
 * state at once.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { LANGS, discoverPages, isLesson, pageUrl } from './support/site';
import { formatList, hydrateIslands, withPage } from './support/browser';
import { AXE_STATE_RULES, axeViolations } from './support/checks';

const site = e2eContext().root;
const lessons = discoverPages(site.dir).filter(isLesson);
const WIDTHS = [360, 768, 1280, 1920] as const;
const THEMES = ['light', 'dark'] as const;
const OUT = path.resolve('test-results', 'screenshots');

/** Widget states that show a table only after a click: the per-layer table of a famous network. */
async function openTables(page: Page): Promise<void> {
  const widget = page.locator('[data-widget="famous-networks"]');
  if ((await widget.count()) === 0) return;
  // The widget renders its table once hydrated (when scrolled into view).
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('[data-open]').first().click();
  await widget.locator('[data-detail] table').waitFor();
}

/**
 * Every rendered cell of every table in <main> (the first rows of each, header included) that is not
 * horizontally inside both the viewport and every scroll box around the table.
 */
function hiddenCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const tables = [...document.querySelectorAll('main table, main [role="table"]')];
    tables.forEach((table, t) => {
      if (table.getClientRects().length === 0) return;
      // The visible horizontal span: the viewport, narrowed by each clipping or scrolling ancestor.
      let lo = 0;
      let hi = document.documentElement.clientWidth;
      for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
        if (getComputedStyle(el).overflowX !== 'visible') {
          const box = el.getBoundingClientRect();
          lo = Math.max(lo, box.left + el.clientLeft);
          hi = Math.min(hi, box.left + el.clientLeft + el.clientWidth);
        }
      }
      const rows = [...table.querySelectorAll('tr, [role="row"]')].slice(0, 6);
      const heads = [...table.querySelectorAll('th, [role="columnheader"]')].map((h) =>
        (h.textContent ?? '').trim(),
      );
      for (const row of rows) {
        for (const cell of row.querySelectorAll('th, td, [role="cell"], [role="columnheader"]')) {
          const box = cell.getBoundingClientRect();
          // Cells that are not drawn (the visually hidden header row of a stacked layout) are not columns.
          if (clipped(cell, table)) continue;
          if (box.left < lo - 1 || box.right > hi + 1) {
            const name = widgetName(table);
            const text = (cell.textContent ?? '').trim().slice(0, 24);
            problems.push(
              `table ${t + 1} (${name}; columns ${heads.slice(0, 10).join(' | ')}): cell "${text}" spans ` +
                `${Math.round(box.left)}…${Math.round(box.right)} px, visible ${Math.round(lo)}…${Math.round(hi)} px`,
            );
            return;
          }
        }
      }
    });
    return problems;

    function clipped(cell: Element, table: Element): boolean {
      for (let el: Element | null = cell; el && el !== table; el = el.parentElement) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return true;
      }
      return false;
    }

    function widgetName(el: Element): string {
      return el.closest('[data-widget]')?.getAttribute('data-widget') ?? 'prose';
    }
  });
}

describe('screenshots of every lesson', () => {
  mkdirSync(OUT, { recursive: true });

  const runs = THEMES.flatMap((theme) => LANGS.map((lang) => [theme, lang] as const));
  test.for(runs)(
    '%s theme, %s: no sideways scrolling, every table column in view',
    { timeout: 240_000 },
    async ([theme, lang]) => {
      const problems: string[] = [];
      let shots = 0;
      await withPage({ colorScheme: theme, reducedMotion: 'reduce' }, async (page) => {
        for (const rel of lessons.filter((r) => r.startsWith(`${lang}/`))) {
          await page.setViewportSize({ width: 1280, height: 900 });
          await page.goto(pageUrl(site, rel), { waitUntil: 'load' });
          await openTables(page);
          const applied = await page.evaluate(() => document.documentElement.dataset.theme);
          if (applied !== theme) problems.push(`${rel}: data-theme is ${applied}, not ${theme}`);
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 900 });
            // Two frames for layout and resize observers (widgets that measure themselves).
            await page.evaluate(
              () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
            );
            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            if (overflow > 0)
              problems.push(`${rel} at ${width} px: the page scrolls sideways by ${overflow} px`);
            problems.push(...(await hiddenCells(page)).map((p) => `${rel} at ${width} px: ${p}`));
            // The stacked layouts of the tables (a row's cells one under the other) are checked by axe
            // at the phone width, once per lesson and language, in the light theme.
            if (width === 360 && theme === 'light')
              problems.push(...(await axeViolations(page)).map((v) => `${rel} at 360 px, axe: ${v}`));
            // A screenshot of the viewport, scrolled to the first table when the page has one.
            await page.evaluate(() => {
              const table = document.querySelector('main table');
              if (table) table.scrollIntoView({ block: 'start', behavior: 'instant' });
              else window.scrollTo({ top: 0, behavior: 'instant' });
            });
            const name = `${rel.replace(/\/$/, '').replaceAll('/', '_')}-${width}-${theme}.png`;
            await page.screenshot({ path: path.join(OUT, name), animations: 'disabled', timeout: 30_000 });
            shots++;
          }
        }
      });
      expect(shots).toBe(lessons.filter((r) => r.startsWith(`${lang}/`)).length * WIDTHS.length);
      expect(problems, formatList('layout problems', problems)).toEqual([]);
    },
  );
});

describe('the 2-D grid', () => {
  const lesson = lessons.find((rel) => rel.startsWith('en/') && rel.includes('01-'));

  test('animates the back-projection, then passes axe in the final state (both themes)', async () => {
    expect(lesson, 'lesson 1 exists').toBeDefined();
    for (const theme of THEMES) {
      await withPage({ colorScheme: theme, reducedMotion: 'no-preference' }, async (page) => {
        await page.goto(pageUrl(site, lesson ?? ''), { waitUntil: 'load' });
        expect(await hydrateIslands(page)).toEqual([]);
        const grid = page.locator('[data-widget="rf-grid-2d"]');
        await grid.locator('[data-map="3"][data-row="0"][data-col="0"]').click();
        // The windows replay, map by map: animations run right after the pick …
        const running = await grid.evaluate(
          (el) => el.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
        );
        expect(running, 'animations running right after a pick').toBeGreaterThan(0);
        // … and finish; then the drawing holds the corner unit's 9 links and 3 window outlines.
        await expect
          .poll(() =>
            grid.evaluate(
              (el) => el.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
            ),
          )
          .toBe(0);
        await expect.poll(() => grid.locator('[data-link]').count()).toBe(9);
        expect(await grid.locator('[data-window]').count()).toBe(3);
        await page.mouse.move(0, 0);
        // Keyboard: arrows move the pick inside a map, Enter keeps it.
        await grid.locator('[data-map="3"][data-row="0"][data-col="0"]').focus();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await expect.poll(() => grid.locator('[data-selected="true"]').getAttribute('data-col')).toBe('1');
        await expect
          .poll(() => grid.locator('[data-region-text] li').first().textContent())
          .toContain('(0, 1)');
        const violations = [...(await axeViolations(page)), ...(await axeViolations(page, AXE_STATE_RULES))];
        expect(violations, formatList(`axe (${theme})`, violations)).toEqual([]);
        await grid.screenshot({ path: path.join(OUT, `rf-grid-2d-picked-${theme}.png`) });
      });
    }
  });

  test('under reduced motion the final state is drawn at once', async () => {
    await withPage({ reducedMotion: 'reduce' }, async (page) => {
      await page.goto(pageUrl(site, lesson ?? ''), { waitUntil: 'load' });
      expect(await hydrateIslands(page)).toEqual([]);
      const grid = page.locator('[data-widget="rf-grid-2d"]');
      await grid.locator('[data-map="3"][data-row="4"][data-col="4"]').click();
      const running = await grid.evaluate(
        (el) => el.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
      );
      expect(running).toBe(0);
      // Unit (4, 4) of the last map: its window on map 2 is real cells 3…5 → 3…4 plus one padding row
      // and column (5 cells); all drawn without waiting.
      expect(await grid.locator('[data-map="2"] [data-pad-covered="true"]').count()).toBe(5);
      expect(await grid.locator('[data-link]').count()).toBe(9);
    });
  });
});
