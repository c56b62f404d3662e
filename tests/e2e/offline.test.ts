/**
 * The offline copy of the course: after one visit the service worker has precached the whole site,
 * and with the network off (Playwright's offline emulation) a lesson in the other language opens,
 * its widget answers, lesson 10's ERF playground runs through the real Web Worker, lesson 11 analyses
 * an example ONNX model in the ONNX worker, the search index answers, and every font, the photo and the icons come from the precache — under `/` and under the
 * subpath. A page keeps its query string (the widgets' state) when it is reopened offline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatList, recordProblems, scrollIntoView, withPage } from './support/browser';
import { e2eContext, type ServedSite } from './support/context';
import { pageUrl } from './support/site';

const { root, sub } = e2eContext();

/** The URLs the build's service worker precaches, read from the generated sw.js. */
export function precachedUrls(dir: string): string[] {
  const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
  return [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1] as string);
}

/** Waits for the page's service worker to be active and returns its scope and its precache size. */
export async function offlineReady(page: Page): Promise<{ scope: string; cached: number }> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const names = await caches.keys();
    const precache = names.find((n) => n.includes('precache'));
    const cached = precache === undefined ? 0 : (await (await caches.open(precache)).keys()).length;
    return { scope: registration.scope, cached };
  });
}

async function hydrated(page: Page, selector: string): Promise<Locator> {
  await scrollIntoView(page, selector, 0);
  await page.waitForFunction(
    (s) => {
      const island = document.querySelector(s)?.closest('astro-island');
      return island !== null && island !== undefined && !island.hasAttribute('ssr');
    },
    selector,
    { timeout: 15_000 },
  );
  return page.locator(selector).first();
}

async function setField(root: Locator, selector: string, value: string): Promise<void> {
  const input = root.locator(selector);
  await input.fill(value);
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** Font faces the page asked for that failed to load (a font missing from the precache shows here). */
const failedFonts = (page: Page) =>
  page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === 'error').map((f) => `${f.family} ${f.weight}`);
  });

describe.for([
  ['/rf-lab/', sub],
  ['/', root],
] as const)('offline copy under %s', ([, site]: readonly [string, ServedSite]) => {
  test('after one visit, lessons in the other language, a widget, the ERF worker and search work offline', async () => {
    const urls = precachedUrls(site.dir);
    expect(urls).toContain('en/lessons/01-what-is-rf/index.html');
    expect(urls).toContain('ru/lessons/10-effective-rf/index.html');
    expect(
      urls.some((u) => /^_astro\/erf\.worker-[\w-]+\.js$/.test(u)),
      'the ERF worker',
    ).toBe(true);
    expect(
      urls.some((u) => /^_astro\/onnx\.worker-[\w-]+\.js$/.test(u)),
      'the ONNX worker',
    ).toBe(true);
    expect(urls).toContain('images/astronaut.jpg');
    expect(urls.filter((u) => u.startsWith('examples/') && u.endsWith('.onnx'))).toHaveLength(2);

    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      await page.goto(pageUrl(site, 'en/lessons/01-what-is-rf/'), { waitUntil: 'load' });
      const ready = await offlineReady(page);
      expect(ready.scope).toBe(site.url);
      expect(ready.cached, 'every precached file is in the cache').toBe(urls.length);

      await page.context().setOffline(true);
      // The network is really off: a file the worker does not keep (a link-preview card) fails.
      const card = `${site.base}og/site.png`;
      expect(
        await page.evaluate(
          (u) =>
            fetch(u).then(
              () => 'fetched',
              () => 'failed',
            ),
          card,
        ),
      ).toBe('failed');

      // Another lesson, in the other language, with a widget that answers.
      await page.goto(pageUrl(site, 'ru/lessons/02-formulas/'), { waitUntil: 'load' });
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      let conv = await hydrated(page, '[data-widget="conv-arithmetic"]');
      for (const [field, value] of [
        ['n', '9'],
        ['k', '3'],
        ['p', '1'],
        ['s', '2'],
        ['d', '1'],
      ] as const) {
        await setField(conv, `[data-input="${field}"]`, value);
      }
      // ⌊(9 + 2·1 − 3)/2⌋ + 1 = 5 output cells per side.
      await expect.poll(() => conv.locator('[data-nout]').textContent()).toBe('5');
      await expect.poll(() => new URL(page.url()).search).not.toBe('');

      // Reopened with its state in the query string: answered from the precache, state restored.
      await page.reload({ waitUntil: 'load' });
      conv = await hydrated(page, '[data-widget="conv-arithmetic"]');
      expect(await conv.locator('[data-input="n"]').inputValue()).toBe('9');
      expect(await conv.locator('[data-nout]').textContent()).toBe('5');
      expect(await failedFonts(page), 'fonts that did not load').toEqual([]);

      // Lesson 10: the ERF playground runs through the real worker. 5 uniform 3×3 layers: RF 11 px,
      // ERF size √69 ≈ 8.31 px.
      await page.goto(pageUrl(site, 'ru/lessons/10-effective-rf/'), { waitUntil: 'load' });
      const erf = await hydrated(page, '[data-widget="erf-playground"]');
      await expect.poll(() => erf.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
      await erf.locator('select[data-field="weights"]').selectOption('uniform');
      await erf.locator('select[data-field="activation"]').selectOption('none');
      await erf.locator('input[data-field="layers"]').fill('5');
      await erf.locator('[data-run]').click();
      await expect
        .poll(() => erf.locator('[data-rf-theoretical]').first().getAttribute('data-rf-theoretical'))
        .toBe('11');
      await expect
        .poll(
          async () => Number(await erf.locator('[data-luo-size]').first().getAttribute('data-luo-size')),
          {
            timeout: 20_000,
          },
        )
        .toBeCloseTo(8.31, 1);
      await expect.poll(() => erf.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
      expect(await page.locator('.katex').count(), 'KaTeX formulas').toBeGreaterThan(0);
      expect(await failedFonts(page), 'fonts that did not load').toEqual([]);

      // Lesson 11: an ONNX example model, fetched from the precache and analysed in the ONNX worker.
      await page.goto(pageUrl(site, 'ru/lessons/11-your-network/'), { waitUntil: 'load' });
      const onnx = await hydrated(page, '[data-widget="onnx-report"]');
      await onnx.locator('[data-example="resnet"]').click();
      await expect.poll(() => onnx.locator('[data-report]').count(), { timeout: 20_000 }).toBe(1);
      expect(await onnx.locator('[data-import-error]').count()).toBe(0);
      expect((await onnx.locator('[data-summary]').textContent()) ?? '').toMatch(/\d/);

      // The search index answers offline too.
      await page.locator('body').press('/');
      await page.getByRole('searchbox').fill('формулы');
      const hit = page.locator('[data-search-results] > li a.search-hit').first();
      await hit.waitFor({ timeout: 15_000 });
      expect(new URL((await hit.getAttribute('href')) ?? '', page.url()).pathname).toBe(
        `${site.base}ru/lessons/02-formulas/`,
      );

      // The photo, the manifest and its icons.
      const assets = await page.evaluate(
        async (paths) =>
          Promise.all(
            paths.map(async (p) => {
              const response = await fetch(p);
              return `${p} ${response.status} ${(await response.arrayBuffer()).byteLength > 0}`;
            }),
          ),
        ['images/astronaut.jpg', 'manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png'].map(
          (p) => `${site.base}${p}`,
        ),
      );
      for (const line of assets) expect(line).toMatch(/ 200 true$/);

      await problems.settled();
      const failed = problems.failedRequests.filter((r) => !r.startsWith(`${site.origin}${card}`));
      expect(failed, formatList('failed requests', failed)).toEqual([]);
      expect(problems.foreignRequests, 'requests off the site').toEqual([]);
      const errors = problems.consoleErrors.filter((e) => !e.includes(`${site.origin}${card}`));
      expect(errors, formatList('console errors', errors)).toEqual([]);
      expect(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
    });
  });
});
