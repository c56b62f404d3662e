/**
 * Small screens and keyboards: at 360×740 no page scrolls sideways, the first Tab reaches the skip
 * link (when something comes before <main>), and on pages with widgets Tab reaches the first widget's controls.
 */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { discoverPages, pagePath, pageUrl } from './support/site';
import { hydrateIslands, withPage } from './support/browser';

const site = e2eContext().sub;
const pages = discoverPages(site.dir);
const VIEWPORT = { width: 360, height: 740 };
const MAX_TABS = 400;

describe('360×740 viewport and keyboard', () => {
  test.for(pages.map((rel) => [pagePath(site, rel), rel] as const))('%s', async ([, rel]) => {
    await withPage({ viewport: VIEWPORT, hasTouch: true, isMobile: true }, async (page) => {
      await page.goto(pageUrl(site, rel), { waitUntil: 'load' });

      // The first Tab stop is a skip link to the main content, unless it is already inside <main>
      // (a page without blocks in front of its content has nothing to skip).
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement;
        const href = el instanceof HTMLAnchorElement ? (el.getAttribute('href') ?? '') : '';
        const target = href.startsWith('#')
          ? document.getElementById(decodeURIComponent(href.slice(1)))
          : null;
        return {
          tag: el?.tagName.toLowerCase() ?? '',
          href,
          insideMain: el !== null && el.closest('main') !== null,
          // An embed page is <main> alone: nothing stands in front of the content to skip.
          nothingBeforeMain: document.body.firstElementChild?.tagName === 'MAIN',
          targetIsMain:
            target !== null &&
            (target.tagName === 'MAIN' ||
              target.closest('main') !== null ||
              target.querySelector('main') !== null),
        };
      });
      if (!first.insideMain && !first.nothingBeforeMain) {
        expect
          .soft(
            first.tag === 'a' && first.targetIsMain,
            `first Tab stop (<${first.tag} href="${first.href}">) is a skip link to <main>`,
          )
          .toBe(true);
      }

      // Tab on until focus is inside the first widget, if the page has one.
      const hasWidget = (await page.locator('[data-widget]').count()) > 0;
      if (hasWidget) {
        // A focusin listener remembers whether focus has entered the widget, so Tab can be pressed in batches.
        await page.evaluate(() => {
          const widget = document.querySelector('[data-widget]');
          document.addEventListener('focusin', (event) => {
            if (widget !== null && event.target !== widget && widget.contains(event.target as Node)) {
              document.documentElement.dataset.e2eWidgetFocused = 'true';
            }
          });
        });
        let reached = false;
        for (let i = 0; i < MAX_TABS && !reached; i += 10) {
          for (let j = 0; j < 10; j++) await page.keyboard.press('Tab');
          reached = await page.evaluate(() => document.documentElement.dataset.e2eWidgetFocused === 'true');
        }
        expect
          .soft(reached, `Tab reaches an element inside the first [data-widget] within ${MAX_TABS} presses`)
          .toBe(true);
      }

      // No horizontal overflow, with every island hydrated (widgets may lay out differently live).
      expect.soft(await hydrateIslands(page), 'islands that did not hydrate').toEqual([]);
      const overflow = await page.evaluate((width) => {
        const doc = document.documentElement;
        const wide = [...document.querySelectorAll('body *')]
          .filter(
            (el) => el.getBoundingClientRect().right > width + 1 && el.closest('.katex-mathml') === null,
          )
          .filter((el, _i, all) => !all.some((other) => other !== el && other.contains(el)))
          .slice(0, 5)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`,
          );
        return { scrollWidth: doc.scrollWidth, wide };
      }, VIEWPORT.width);
      expect
        .soft(
          overflow.scrollWidth,
          `document scrollWidth at ${VIEWPORT.width}px; widest elements: ${overflow.wide.join(', ') || 'none'}`,
        )
        .toBeLessThanOrEqual(VIEWPORT.width);
    });
  });
});
