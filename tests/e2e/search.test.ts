/**
 * Search in the built site, at `/` and under the subpath: the header's search box (opened with `/`)
 * queries the Pagefind index of the page's language and lists lessons with their sections, loading
 * everything from the site itself.
 */
import { expect } from 'vitest';
import { formatList, hydrateIslands, recordProblems, withPage } from './support/browser';
import { e2eContext } from './support/context';
import { pageUrl } from './support/site';

const { root, sub } = e2eContext();

const cases = [
  { lang: 'en', query: 'formulas', from: 'lessons/10-effective-rf/' },
  { lang: 'ru', query: 'формулы', from: 'lessons/10-effective-rf/' },
] as const;

describe.for([
  ['/', root],
  ['/rf-lab/', sub],
] as const)('search under %s', ([, site]) => {
  test.for(cases)(
    '$lang: “$query” lists lesson 2 of the same language first',
    async ({ lang, query, from }) => {
      await withPage({}, async (page) => {
        const problems = recordProblems(page, site.origin);
        await page.goto(pageUrl(site, `${lang}/${from}`), { waitUntil: 'load' });
        await page.locator('body').press('/');
        const input = page.getByRole('searchbox');
        await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
        await input.fill(query);
        const hits = page.locator('[data-search-results] > li a.search-hit');
        await hits.first().waitFor();
        const first = await hits.first().evaluate((a) => ({
          path: new URL((a as HTMLAnchorElement).href).pathname,
          text: a.textContent ?? '',
        }));
        expect(first.path).toBe(`${site.base}${lang}/lessons/02-formulas/`);
        expect(first.text).toMatch(lang === 'en' ? /Lesson 2/ : /Урок 2/);
        // Every result is a lesson of the page's language, and sections link to headings inside it.
        const all = await page
          .locator('[data-search-results] a')
          .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
        expect(all.length).toBeGreaterThan(0);
        for (const p of all) expect.soft(p.startsWith(`${site.base}${lang}/lessons/`), p).toBe(true);
        await expect.poll(() => page.locator('[data-search-status]').textContent()).toMatch(/\d/);

        // Enter opens the best match.
        await input.press('Enter');
        await page.waitForURL((u) => u.pathname === first.path);
        await problems.settled();
        expect(problems.foreignRequests, 'requests off the site').toEqual([]);
        expect(problems.failedRequests, 'failed requests').toEqual([]);
        expect(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
        const index = problems.requests.filter((u) => u.includes('/pagefind/'));
        expect(
          index.some((u) => u.includes(`wasm.${lang}.pagefind`)),
          'the index of the page language',
        ).toBe(true);
        expect(index.some((u) => u.includes(`wasm.${lang === 'en' ? 'ru' : 'en'}.pagefind`))).toBe(false);
      });
    },
  );

  test('Escape closes the search dialog and / typed in a field does not open it', async () => {
    await withPage({}, async (page) => {
      await page.goto(pageUrl(site, 'en/lessons/05-calculator/'), { waitUntil: 'load' });
      await page.getByRole('button', { name: 'Search' }).click();
      await expect
        .poll(() => page.locator('dialog[data-search]').evaluate((d) => (d as HTMLDialogElement).open))
        .toBe(true);
      await page.keyboard.press('Escape');
      await expect
        .poll(() => page.locator('dialog[data-search]').evaluate((d) => (d as HTMLDialogElement).open))
        .toBe(false);
      expect(await hydrateIslands(page)).toEqual([]);
      const field = page.locator('[data-widget] textarea').first();
      await field.focus();
      await page.keyboard.press('/');
      expect(await page.locator('dialog[data-search]').evaluate((d) => (d as HTMLDialogElement).open)).toBe(
        false,
      );
      expect(await field.inputValue()).toContain('/');
    });
  });
});
