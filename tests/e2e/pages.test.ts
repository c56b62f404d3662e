/**
 * Every page of the subpath build, in a real browser: it renders, loads nothing it should not,
 * shows formulas as KaTeX, hydrates its islands, passes axe in both themes, links only to pages
 * that exist and switches language to the same page.
 */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import {
  discoverPages,
  discoverRedirects,
  redirectTarget,
  counterpart,
  langOf,
  pageHtml,
  pagePath,
  pageUrl,
} from './support/site';
import { linkHrefs } from './support/html';
import { formatList, freezeAnimations, hydrateIslands, recordProblems, withPage } from './support/browser';
import { axeViolations, LinkChecker, mathReport } from './support/checks';
import { widgetInteractions } from './widgets/index';

const site = e2eContext().sub;
const pages = discoverPages(site.dir);
const links = new LinkChecker();

test('the subpath build has the landing page and both home pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['', 'en/', 'ru/']));
});

test('the landing page links to both home pages', () => {
  const landing = pageUrl(site, '');
  const targets = linkHrefs(pageHtml(site, '')).map((href) => new URL(href, landing).pathname);
  expect(targets).toEqual(expect.arrayContaining([pagePath(site, 'en/'), pagePath(site, 'ru/')]));
});

test('every old lesson address redirects, in the browser, to a lesson page of the build', async () => {
  const redirects = discoverRedirects(site.dir);
  expect(redirects).toContain('en/lessons/03-worked-example/');
  expect(redirects).toContain('ru/lessons/09-your-network/');
  for (const rel of redirects) {
    const target = redirectTarget(site.dir, rel) ?? '';
    expect(
      pages.map((p) => pagePath(site, p)),
      `target of ${rel}`,
    ).toContain(target);
  }
  await withPage({}, async (page) => {
    await page.goto(pageUrl(site, 'en/lessons/09-your-network/'));
    await page.waitForURL(`**${pagePath(site, 'en/lessons/11-your-network/')}`);
    expect(await page.locator('main h1').textContent()).not.toBe('');
  });
});

describe(`every page under ${site.base}`, () => {
  test.for(pages.map((rel) => [pagePath(site, rel), rel] as const))('%s', async ([, rel]) => {
    await withPage({ colorScheme: 'light' }, async (page) => {
      const problems = recordProblems(page, site.origin);
      const url = pageUrl(site, rel);
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.status(), 'HTTP status of the page').toBe(200);
      await freezeAnimations(page);

      // Renders: a main landmark with a heading, the right language, a theme.
      const structure = await page.evaluate(() => ({
        mains: document.querySelectorAll('main').length,
        h1: document.querySelector('main h1')?.textContent?.trim() ?? '',
        lang: document.documentElement.lang,
        theme: document.documentElement.dataset.theme ?? '',
      }));
      expect.soft(structure.mains, 'number of <main> elements').toBe(1);
      expect.soft(structure.h1, 'text of main h1').not.toBe('');
      const lang = langOf(rel);
      if (lang !== null) expect.soft(structure.lang, '<html lang>').toBe(lang);
      else expect.soft(['en', 'ru'], '<html lang>').toContain(structure.lang);
      expect.soft(structure.theme, 'data-theme on first visit with a light system theme').toBe('light');

      // Islands hydrate once scrolled into view; every widget in them has an interaction test.
      expect.soft(await hydrateIslands(page), 'islands that did not hydrate').toEqual([]);
      const widgets = await page
        .locator('[data-widget]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-widget') ?? ''));
      const untested = [...new Set(widgets)].filter((name) => !(name in widgetInteractions));
      expect.soft(untested, 'widgets on the page without an entry in tests/e2e/widgets/index.ts').toEqual([]);

      // Formulas are KaTeX with MathML; no TeX source visible.
      const math = await mathReport(page);
      expect.soft(math.withoutMathml, '.katex elements without MathML').toBe(0);
      expect.soft(math.unstyled, '.katex elements whose MathML is visible (KaTeX CSS missing)').toBe(0);
      expect.soft(math.rawTex, 'visible text that looks like raw TeX').toEqual([]);

      // Accessibility in the light theme, then in the dark one.
      expect.soft(await axeViolations(page), 'axe violations (light theme)').toEqual([]);
      const toggle = page.locator('button[data-theme-toggle]');
      // Pages in the language trees share the site header with its toggle; the landing page may not,
      // nor may embed pages, which show a widget alone for an iframe on another site.
      const embed = rel.includes('/embed/');
      if (lang !== null && !embed)
        expect.soft(await toggle.count(), 'number of theme toggles').toBeGreaterThanOrEqual(1);
      if ((await toggle.count()) > 0) {
        await toggle.first().click();
      } else {
        await page.evaluate(() => localStorage.setItem('rf-theme', 'dark'));
        await page.reload({ waitUntil: 'load' });
        await freezeAnimations(page);
        await hydrateIslands(page);
      }
      expect
        .soft(await page.evaluate(() => document.documentElement.dataset.theme), 'data-theme after toggling')
        .toBe('dark');
      expect.soft(await axeViolations(page), 'axe violations (dark theme)').toEqual([]);

      // Internal links resolve, fragments included.
      const found = await page.evaluate(() => ({
        hrefs: [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.href),
        ids: [...document.querySelectorAll('[id]')].map((el) => el.id),
      }));
      const broken = await links.check(found.hrefs, site.origin, url, new Set(found.ids));
      expect.soft(broken, 'broken internal links').toEqual([]);
      const offBase = found.hrefs.filter(
        (h) => new URL(h).origin === site.origin && !new URL(h).pathname.startsWith(site.base),
      );
      expect.soft(offBase, `internal links outside ${site.base}`).toEqual([]);

      // The language switch goes to the same page in the other language.
      const other = counterpart(rel);
      if (other !== null && !embed) {
        const expected = pagePath(site, other);
        const switches = await page.locator('a[data-lang-switch]').evaluateAll((els) =>
          els.map((el) => ({
            path: new URL((el as HTMLAnchorElement).href).pathname,
            hreflang: el.getAttribute('hreflang'),
            visible: el.checkVisibility(),
          })),
        );
        expect(switches.length, 'number of language switches (a[data-lang-switch])').toBeGreaterThan(0);
        for (const s of switches) {
          expect.soft(s.path, 'href of the language switch').toBe(expected);
          expect.soft(s.hreflang, 'hreflang of the language switch').toBe(langOf(other));
        }
        await problems.settled();
        await Promise.all([
          page.waitForURL((u) => u.pathname === expected, { timeout: 10_000 }),
          page.locator('a[data-lang-switch]').locator('visible=true').first().click(),
        ]);
        await page.waitForLoadState('load');
        expect.soft(new URL(page.url()).pathname, 'page reached through the language switch').toBe(expected);
        expect
          .soft(await page.evaluate(() => document.documentElement.lang), 'lang after switching')
          .toBe(langOf(other));
      }

      await problems.settled();
      expect.soft(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
      expect.soft(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
      expect.soft(problems.failedRequests, 'failed requests').toEqual([]);
      expect.soft(problems.foreignRequests, `requests to origins other than ${site.origin}`).toEqual([]);
    });
  });
});
