/**
 * The embed kit on the built subpath site: an embed page per widget and language (no site chrome,
 * not indexed, canonical to its lesson), the Embed action on every widget, and a course page on a
 * second origin that pastes two snippets exactly as the site hands them out: both widgets hydrate,
 * answer input, and their iframes take the height of their content; nothing logs an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static';
import { EMBEDS } from '../../src/lib/embeds';
import { SUBPATH_SITE_URL } from './global-setup';
import { e2eContext } from './support/context';
import { formatList, recordProblems, withPage } from './support/browser';
import { axeViolations } from './support/checks';
import { LANGS, pageHtml, pageUrl, widgetNamesInHtml, discoverPages, isLesson } from './support/site';

const site = e2eContext().sub;

describe('embed pages', () => {
  test.for(LANGS.flatMap((lang) => EMBEDS.map((e) => [`${lang}/embed/${e.slug}/`, lang, e.slug] as const)))(
    '%s is bare, not indexed, and links back to its lesson section',
    ([rel, lang, slug]) => {
      const entry = EMBEDS.find((e) => e.slug === slug)!;
      const html = pageHtml(site, rel);
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toContain(
        `<link rel="canonical" href="${SUBPATH_SITE_URL}${site.base}${lang}/lessons/${entry.lesson}/">`,
      );
      expect(html, 'no site header, navigation or footer').not.toMatch(/<(header|nav|footer)[\s>]/);
      expect(html, 'not part of the search index').not.toContain('data-pagefind-body');
      expect(html).toContain(`href="${site.base}${lang}/lessons/${entry.lesson}/#${entry.anchor}"`);
      const lesson = pageHtml(site, `${lang}/lessons/${entry.lesson}/`);
      expect(lesson, `the lesson has an element with id ${entry.anchor}`).toContain(`id="${entry.anchor}"`);
      expect(widgetNamesInHtml(html).length, 'the page shows one widget').toBe(1);
    },
  );

  test('every widget of every lesson carries the Embed action', () => {
    for (const rel of discoverPages(site.dir).filter(isLesson)) {
      const html = pageHtml(site, rel);
      if (/http-equiv="refresh"/.test(html)) continue;
      const widgets = [...html.matchAll(/\sdata-widget="([^"]+)"/g)].filter(
        (m) => m[1] !== 'exercise',
      ).length;
      const actions = [...html.matchAll(/class="embed-action[" ]/g)].length;
      expect.soft(actions, rel).toBe(widgets);
    }
  });
});

/** The widget's island inside a frame has hydrated. */
async function hydrated(frame: Frame, name: string): Promise<Locator> {
  const selector = `[data-widget="${name}"]`;
  await frame.waitForFunction(
    (s) => {
      const island = document.querySelector(s)?.closest('astro-island');
      return island !== null && island !== undefined && !island.hasAttribute('ssr');
    },
    selector,
    { timeout: 15_000 },
  );
  return frame.locator(selector);
}

/** Opens a lesson, optionally puts the widget in a state, and returns the snippet of its Embed action. */
async function snippetFromLesson(
  page: Page,
  rel: string,
  name: string,
  prepare: (root: Locator) => Promise<void>,
): Promise<string> {
  await page.goto(pageUrl(site, rel), { waitUntil: 'load' });
  const root = page.locator(`[data-widget="${name}"]`).first();
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => {
    const island = document.querySelector(s)?.closest('astro-island');
    return island !== null && island !== undefined && !island.hasAttribute('ssr');
  }, `[data-widget="${name}"]`);
  await prepare(root);
  const toggle = root.locator('.embed-toggle');
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  const box = root.locator('.embed-panel textarea');
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  await root.locator('.embed-copy').click();
  const status = root.locator('.embed-panel [role="status"]');
  await expect.poll(() => status.textContent()).toMatch(/Copied|Скопировано/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied, 'the clipboard holds the snippet shown').toBe(await box.inputValue());
  return copied;
}

/** The iframe's height and the height of the embed page's content, in CSS pixels. */
async function heights(page: Page, index: number): Promise<{ frame: number; content: number }> {
  const handle = page.locator('iframe').nth(index);
  const frame = await (await handle.elementHandle())!.contentFrame();
  const content = await frame!.evaluate(() =>
    Math.ceil(document.querySelector('[data-embed-root]')!.getBoundingClientRect().height),
  );
  const box = await handle.evaluate((el) => el.getBoundingClientRect().height);
  return { frame: Math.round(box), content };
}

describe('two widgets embedded on a page of another origin', () => {
  let host: StaticServer | undefined;
  let dir = '';
  afterAll(async () => {
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('hydrate, respond to input, fit their height, and log no error', async () => {
    const snippets = await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      // One convolution with n = 7: ⌊(7 + 2 − 3)/2⌋ + 1 = 4 outputs.
      const conv = await snippetFromLesson(
        page,
        'en/lessons/02-formulas/',
        'conv-arithmetic',
        async (root) => {
          await root.locator('[data-input="n"]').fill('7');
          await expect.poll(() => root.locator('[data-nout]').textContent()).toBe('4');
        },
      );
      const calc = await snippetFromLesson(page, 'ru/lessons/05-calculator/', 'calculator', async () => {});
      // The teaching page shows the same snippet for the same state, word for word.
      await page.goto(pageUrl(site, 'en/teaching/'), { waitUntil: 'load' });
      // The page is built with the public origin and rewrites the snippet for the address it is on.
      await expect
        .poll(() => page.locator('[data-embed-example]').textContent(), {
          message: 'the snippet on the teaching page',
        })
        .toBe(conv);
      return [conv, calc];
    });
    expect(snippets[0]).toContain(`${site.url}en/embed/conv-arithmetic/?conv-arithmetic=7.3.1.2.1.0`);
    expect(snippets[0]).toContain(`<script src="${site.url}embed.js" async></script>`);
    expect(snippets[1]).toContain(`${site.url}ru/embed/calculator/`);

    dir = mkdtempSync(path.join(tmpdir(), 'rf-lab-host-'));
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course page</title><link rel="icon" href="data:,"></head>` +
        `<body><h1>Week 3</h1>\n${snippets[0]}\n<p>And the calculator:</p>\n${snippets[1]}\n</body></html>`,
    );
    host = await startStaticServer({ root: dir, base: '/' });
    expect(host.origin).not.toBe(site.origin);

    await withPage({ viewport: { width: 1000, height: 900 } }, async (page) => {
      const problems = recordProblems(page, host!.origin);
      await page.goto(host!.url, { waitUntil: 'load' });
      await expect.poll(() => page.locator('iframe').count()).toBe(2);
      const frameOf = async (i: number): Promise<Frame> => {
        const handle = page.locator('iframe').nth(i);
        await handle.scrollIntoViewIfNeeded();
        const frame = await (await handle.elementHandle())!.contentFrame();
        expect(frame, `iframe ${i} has a document`).not.toBeNull();
        await frame!.waitForLoadState('load');
        return frame!;
      };

      // The convolution, restored from the snippet's state, then changed: n = 9 gives 5 outputs.
      const convFrame = await frameOf(0);
      const conv = await hydrated(convFrame, 'conv-arithmetic');
      expect(await conv.locator('[data-input="n"]').inputValue()).toBe('7');
      expect(await conv.locator('[data-nout]').textContent()).toBe('4');
      await expect.poll(async () => (await heights(page, 0)).frame).not.toBe(640);
      await expect
        .poll(async () => {
          const h = await heights(page, 0);
          return h.frame - h.content;
        })
        .toBe(0);
      const before = (await heights(page, 0)).frame;
      await conv.locator('[data-input="n"]').fill('9');
      await expect.poll(() => conv.locator('[data-nout]').textContent()).toBe('5');
      await expect
        .poll(async () => (await heights(page, 0)).frame, { message: 'the frame grew with the grid' })
        .toBeGreaterThan(before);
      await expect
        .poll(async () => {
          const h = await heights(page, 0);
          return h.frame - h.content;
        })
        .toBe(0);

      // The calculator (Russian): the lecture's two layers give r = 7; a first kernel of 5 gives
      // r₁ = 5, j₁ = 2 and then r₂ = 5 + 2·2 = 9.
      const calcFrame = await frameOf(1);
      const calc = await hydrated(calcFrame, 'calculator');
      const lastR = () => calc.locator('tbody tr[data-row]').last().locator('td[data-col="r"]').textContent();
      await expect.poll(lastR).toBe('7');
      await calc.locator('[data-layer-index="1"] [data-input="kernel-h"]').fill('5');
      await expect.poll(lastR).toBe('9');
      await expect
        .poll(async () => {
          const h = await heights(page, 1);
          return h.frame - h.content;
        })
        .toBe(0);
      expect((await heights(page, 1)).frame).not.toBe(900);

      await problems.settled();
      expect(problems.cspViolations, formatList('CSP violations', problems.cspViolations)).toEqual([]);
      expect(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
      expect(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
      expect(problems.failedRequests, 'failed requests').toEqual([]);
    });
  });

  test('an embed page is axe-clean with its Embed panel hidden', async () => {
    await withPage({}, async (page) => {
      await page.goto(pageUrl(site, 'ru/embed/conv-arithmetic/'), { waitUntil: 'load' });
      await hydrated(page.mainFrame(), 'conv-arithmetic');
      expect(await page.locator('.embed-action').isVisible()).toBe(false);
      const axe = await axeViolations(page);
      expect(axe, formatList('axe violations', axe)).toEqual([]);
    });
  });
});

describe('the teaching page, followed as written', () => {
  test.for(LANGS)('%s: the example link opens the convolution with n = 7 and 4 outputs', async (lang) => {
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      await page.goto(pageUrl(site, `${lang}/`), { waitUntil: 'load' });
      await page.locator('footer a[data-teaching-link]').click();
      await page.waitForURL(`**${site.base}${lang}/teaching/`);
      await page.locator('a[data-example-link]').click();
      await page.waitForURL(
        `**${site.base}${lang}/lessons/02-formulas/?conv-arithmetic=7.3.1.2.1.0#widget-conv-arithmetic`,
      );
      const root = await hydrated(page.mainFrame(), 'conv-arithmetic');
      expect(await root.locator('[data-input="n"]').inputValue()).toBe('7');
      expect(await root.locator('[data-nout]').textContent()).toBe('4');
      const inView = await page.evaluate(() => {
        const box = document.getElementById('widget-conv-arithmetic')!.getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
      });
      expect(inView, 'the widget is scrolled into view').toBe(true);
      expect(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
    });
  });

  test('printing a lesson leaves the lesson alone: no header, menus, table of contents or footer', async () => {
    await withPage({ colorScheme: 'dark' }, async (page) => {
      await page.goto(pageUrl(site, 'en/lessons/02-formulas/'), { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const shown = (selector: string) => page.locator(selector).first().isVisible();
      for (const selector of [
        '.site-header',
        '.site-footer',
        '.lesson-sidebar',
        '.lesson-toc',
        '.embed-action',
      ]) {
        expect(await shown(selector), selector).toBe(false);
      }
      expect(await shown('main h1')).toBe(true);
      expect(await shown('#eq-r .katex-display')).toBe(true);
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      expect(background, 'black on white even in dark mode').toBe('rgb(255, 255, 255)');
    });
  });
});
