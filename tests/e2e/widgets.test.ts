/**
 * Widgets respond to input. Every `data-widget` name in the built site must have an interaction in
 * `tests/e2e/widgets/index.ts`; each is run on the first page that shows the widget, in each language.
 */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { discoverPages, langOf, LANGS, pageHtml, pagePath, pageUrl, widgetNamesInHtml } from './support/site';
import { formatList, recordProblems, scrollIntoView, withPage } from './support/browser';
import { widgetInteractions } from './widgets/index';
import { AXE_STATE_RULES, axeViolations } from './support/checks';

const site = e2eContext().sub;
const pages = discoverPages(site.dir);

/** For each widget name, the pages that contain it in the static HTML. */
const widgetPages = new Map<string, string[]>();
for (const rel of pages) {
  for (const name of widgetNamesInHtml(pageHtml(site, rel))) {
    widgetPages.set(name, [...(widgetPages.get(name) ?? []), rel]);
  }
}

test('every widget in the built site has an interaction test', () => {
  const missing = [...widgetPages.keys()].filter((name) => !(name in widgetInteractions)).sort();
  expect(missing, 'data-widget names without an entry in tests/e2e/widgets/index.ts').toEqual([]);
});

const cases = [...widgetPages.entries()]
  .filter(([name]) => name in widgetInteractions)
  .flatMap(([name, rels]) =>
    [...LANGS, null].flatMap((lang) => {
      // A widget's lesson rather than its embed page (tests/e2e/embed.test.ts drives those).
      const inLang = rels.filter((r) => langOf(r) === lang);
      const rel = inLang.find((r) => !r.includes('/embed/')) ?? inLang[0];
      return rel === undefined ? [] : [[`${name} on ${pagePath(site, rel)}`, name, rel] as const];
    }),
  )
  .sort((a, b) => a[0].localeCompare(b[0]));

describe('widgets respond to input', () => {
  test.for(cases)('%s', async ([, name, rel]) => {
    const interact = widgetInteractions[name];
    if (interact === undefined) throw new Error(`no interaction for ${name}`);
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      await page.goto(pageUrl(site, rel), { waitUntil: 'load' });
      const selector = `[data-widget="${name}"]`;
      await scrollIntoView(page, selector, 0);
      // Wait until the island around the widget (if any) has hydrated.
      await page.waitForFunction(
        (selector) => {
          const el = document.querySelector(selector);
          const island = el?.closest('astro-island');
          return el !== null && (island === null || island === undefined || !island.hasAttribute('ssr'));
        },
        selector,
        { timeout: 10_000 },
      );
      await interact(page, page.locator(selector).first());
      // The state the interaction left the widget in is checked for accessibility too, not only the first screen.
      const axe = [...(await axeViolations(page)), ...(await axeViolations(page, AXE_STATE_RULES))];
      expect.soft(axe, formatList(`axe violations after the ${name} interaction`, axe)).toEqual([]);
      expect.soft(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
      expect.soft(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
      expect.soft(problems.failedRequests, 'failed requests').toEqual([]);
    });
  });
});
