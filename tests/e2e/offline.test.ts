/**
 * The offline copy of the course: after one visit the service worker has precached the whole site,
 * and with the network off (Playwright's offline emulation) a lesson in the other language opens,
 * its widget answers, lesson 10's ERF playground runs through the real Web Worker, lesson 11 analyses
 * an example ONNX model in the ONNX worker, the search index answers, and every font, the photo and the icons come from the precache — under `/` and under the
 * subpath. A page keeps its query string (the widgets' state) when it is reopened offline.
 *
 * Then a redeploy at the same origin: the new worker installs beside the old one, the open pages keep
 * running (and loading) the old version, a notice offers the new one in the page's language, and
 * "Reload" moves every open page to the new version at once, with no file of the old one.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatList, recordProblems, scrollIntoView, withPage } from './support/browser';
import { e2eContext, type ServedSite } from './support/context';
import { listFiles, pageUrl } from './support/site';
import { startStaticServer } from '../../scripts/serve-static';
import { writeServiceWorker } from '../../src/integrations/service-worker';

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
      await page.locator('#search-input').fill('формулы');
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

/** The build a page runs: B pages carry a marker the redeploy added, A pages none. */
const deployOf = (page: Page) =>
  page
    .evaluate(() => document.querySelector('meta[name="deploy"]')?.getAttribute('content') ?? 'A')
    .catch(() => 'navigating');

/**
 * Build B: build A redeployed with the calculator's code changed (so its chunk has a new hashed name
 * and the old one is gone from the host) and a marker in every page; its worker regenerated as the
 * build does. Returns the old and new chunk names.
 */
async function redeploy(from: string, to: string): Promise<{ before: string; after: string }> {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const before = readdirSync(path.join(to, '_astro')).find((f) => /^Calculator\.[\w-]+\.js$/.test(f));
  if (before === undefined) throw new Error('no Calculator chunk in the build');
  const after = 'Calculator.redeployed.js';
  renameSync(path.join(to, '_astro', before), path.join(to, '_astro', after));
  writeFileSync(
    path.join(to, '_astro', after),
    `${readFileSync(path.join(to, '_astro', after), 'utf8')}\n//B\n`,
  );
  for (const rel of listFiles(to).filter((f) => /\.(html|js)$/.test(f))) {
    const file = path.join(to, rel);
    const text = readFileSync(file, 'utf8');
    let next = text.split(before).join(after);
    if (rel.endsWith('.html')) next = next.replace('</head>', '<meta name="deploy" content="B"></head>');
    if (next !== text) writeFileSync(file, next);
  }
  await writeServiceWorker(to);
  return { before, after };
}

describe('a redeploy', () => {
  test('is installed completely, offered in the page language, and taken by every open page at once', async () => {
    const work = path.join(path.dirname(root.dir), 'update');
    const live = path.join(work, 'live');
    const buildB = path.join(work, 'b');
    rmSync(work, { recursive: true, force: true });
    cpSync(root.dir, live, { recursive: true });
    const { before, after } = await redeploy(root.dir, buildB);
    // No gzip: the server then reads every file afresh, as a host does after a deploy.
    const server = await startStaticServer({ root: live, base: '/' });
    try {
      await withPage({}, async (page) => {
        const context = page.context();
        const problems = recordProblems(page, server.origin);
        await page.goto(`${server.url}en/lessons/05-calculator/`, { waitUntil: 'load' });
        await offlineReady(page);
        await page.reload({ waitUntil: 'load' });
        expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
        expect(await deployOf(page)).toBe('A');

        // The host now serves B; the open page looks for an update and gets the notice.
        rmSync(live, { recursive: true, force: true });
        cpSync(buildB, live, { recursive: true });
        expect(existsSync(path.join(live, '_astro', before))).toBe(false);
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
        const notice = page.locator('[data-update-notice]');
        await notice.waitFor({ state: 'visible', timeout: 30_000 });
        expect(await notice.textContent()).toContain('A new version of the course is available.');

        // While B waits, a new tab still gets all of A, even the chunk the host no longer has.
        const second = await context.newPage();
        const secondProblems = recordProblems(second, server.origin);
        await second.goto(`${server.url}ru/lessons/05-calculator/`, { waitUntil: 'load' });
        expect(await deployOf(second)).toBe('A');
        await hydrated(second, '[data-widget="calculator"]');
        expect(secondProblems.requests.some((u) => u.endsWith(`/_astro/${before}`))).toBe(true);
        const ruNotice = second.locator('[data-update-notice]');
        await ruNotice.waitFor({ state: 'visible' });
        expect(await ruNotice.textContent()).toContain('Доступна новая версия курса.');
        await hydrated(page, '[data-widget="calculator"]');

        // "Reload": B takes over and both pages start again on B.
        const requestsBefore = [problems.requests.length, secondProblems.requests.length] as const;
        await page.locator('[data-update-reload]').click();
        await expect.poll(() => deployOf(page), { timeout: 20_000 }).toBe('B');
        await expect.poll(() => deployOf(second), { timeout: 20_000 }).toBe('B');
        await page.waitForLoadState('load');
        await second.waitForLoadState('load');
        for (const p of [page, second]) {
          await hydrated(p, '[data-widget="calculator"]');
          expect(await p.locator('[data-update-notice]').isVisible()).toBe(false);
        }

        // Every file the pages loaded since is a file of B: the old chunk is not asked for again.
        const since = [
          ...problems.requests.slice(requestsBefore[0]),
          ...secondProblems.requests.slice(requestsBefore[1]),
        ].filter((u) => u.startsWith(server.origin));
        expect(since.some((u) => u.endsWith(`/_astro/${after}`))).toBe(true);
        for (const u of since) {
          const rel = decodeURIComponent(new URL(u).pathname.slice(1));
          const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
          expect.soft(existsSync(path.join(buildB, file)), `${u} is a file of B`).toBe(true);
        }
        const cachedNames = await page.evaluate(async () => {
          const name = (await caches.keys()).find((n) => n.includes('precache'));
          return name === undefined ? [] : (await (await caches.open(name)).keys()).map((r) => r.url);
        });
        expect(cachedNames.some((u) => u.includes(`/_astro/${after}`))).toBe(true);
        expect(
          cachedNames.some((u) => u.includes(`/_astro/${before}`)),
          'A is gone from the copy',
        ).toBe(false);

        for (const p of [problems, secondProblems]) {
          expect(p.failedRequests, formatList('failed requests', p.failedRequests)).toEqual([]);
          expect(p.consoleErrors, formatList('console errors', p.consoleErrors)).toEqual([]);
          expect(p.pageErrors, formatList('uncaught errors', p.pageErrors)).toEqual([]);
        }
      });
    } finally {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
