/**
 * JavaScript budget of the lessons, as the reader gets it. Each lesson of the built site is loaded
 * in Chromium twice over: first what it loads before any scrolling (script files, module preloads,
 * whatever those import, inline scripts), then everything after scrolling every island into view
 * until all of them are hydrated (component code, its static and dynamic imports, the page's UI
 * strings). Sizes are the response bodies gzipped here with node:zlib, plus the inline scripts.
 *
 * Workers: a worker script counts when the page starts it without the reader doing anything (on
 * load or while its islands hydrate); a worker started only by a click or a file is not counted,
 * because this test does not click.
 *
 * The same pass checks one language per page: the JavaScript of an English lesson holds no string
 * of the Russian dictionary, and the JavaScript of a Russian lesson no string of the English one.
 */
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { e2eContext } from './support/context';
import { discoverPages, isLesson, langOf, pagePath, pageUrl } from './support/site';
import { DEFAULT_VIEWPORT, hydrateIslands, recordProblems, withPage } from './support/browser';

export const JS_BUDGET_BYTES = 40_000;
/**
 * The goal is JS_BUDGET_BYTES with every island hydrated, and it is NOT met yet: measured on
 * 2026-12-07 the lessons take 58–106 KB (the Svelte runtime alone is ~23 KB, the engine chunk
 * ~13.5 KB and the layout's inline scripts 6 KB on every page; the largest is lesson 10 in Russian,
 * 106.4 KB once every widget carries the Embed action; 104.6 KB once each widget pulls only the
 * engine modules it uses). Until the cuts bring every lesson under the
 * goal this asserts the ceiling reached so far, so the JavaScript cannot grow further unnoticed;
 * lower it as pages shrink and replace it with JS_BUDGET_BYTES once every lesson passes. Splitting
 * the calculator into parts with the shared photo overlay and the ERF widgets into shared parts
 * raised it on 2026-12-07: lesson 5 from 95.9 to 104.4 KB (106.7 in Russian), lesson 10 from
 * 103.0 to 106.3 KB (107.9 in Russian). The virtualised calculator layer list, the sliced
 * diagnosis and the ERF playground's kit fields raised it again on 2026-12-07: lesson 5 to 108.3 KB
 * (110.6 in Russian), lesson 10 to 109.1 KB (110.7 in Russian). Those figures came from a build made
 * with Vitest's NODE_ENV=test, which bundled Svelte's development runtime (about 8 KB more on every
 * page); measured on the production build readers get, the largest is lesson 10 in Russian at
 * 101.7 KB (57.6 KB the smallest) on 2026-12-07.
 */
const HYDRATED_CEILING_BYTES = 104_000;

const site = e2eContext().sub;
const lessons = discoverPages(site.dir).filter(isLesson);

interface Figures {
  page: string;
  islands: number;
  /** Islands already hydrated after load, before any scrolling. */
  liveOnLoad: number;
  before: number;
  hydrated: number;
  files: number;
}
const rows: Figures[] = [];

const gz = (data: Buffer | string): number => gzipSync(data).length;
const isJs = (response: Response): boolean =>
  response.request().resourceType() === 'script' ||
  /javascript|ecmascript/.test(response.headers()['content-type'] ?? '');

const dictionary = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../src/i18n/${locale}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;

// The engine (src/rf) speaks English by design and is shared by both languages: its messages reach
// a Russian reader only through issue codes that the widgets translate. Its own English is no leak.
const engineText = (readdirSync(new URL('../../src/rf/', import.meta.url), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(new URL(`../../src/rf/${f}`, import.meta.url), 'utf8'))
  .join('\n');

/**
 * Pieces of `locale`'s dictionary that the other language's page must not contain: the text between
 * placeholders of every string that differs from its translation, when the piece is long enough (12
 * characters, with a space) not to occur in code by chance and is not also the engine's own English.
 */
function foreignNeedles(locale: 'en' | 'ru'): string[] {
  const own = dictionary(locale);
  const other = dictionary(locale === 'en' ? 'ru' : 'en');
  return Object.entries(own)
    .filter(([key, text]) => other[key] !== text)
    .flatMap(([, text]) => text.split(/[{}#]/))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length >= 12 && piece.includes(' ') && !/^\w+, plural,/.test(piece))
    .filter((piece) => !engineText.includes(piece));
}
const needles = { en: foreignNeedles('en'), ru: foreignNeedles('ru') };

/** JavaScript text with \uXXXX escapes decoded, so a string is found however the bundler wrote it. */
const decoded = (source: string): string =>
  source.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** A response's body, or a clear failure instead of a hung test when the browser never delivers it. */
function bodyOf(response: Response): Promise<Buffer> {
  return Promise.race([
    response.body(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no body for ${response.url()} after 15 s`)), 15_000),
    ),
  ]);
}

async function inlineScripts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')]
      .filter((s) => {
        const type = (s.getAttribute('type') ?? '').trim().toLowerCase();
        return type === '' || type === 'module' || /javascript|ecmascript/.test(type);
      })
      .map((s) => s.textContent ?? ''),
  );
}

test('there is at least one lesson in each language', () => {
  expect(lessons.filter((rel) => langOf(rel) === 'en').length).toBeGreaterThan(0);
  expect(lessons.filter((rel) => langOf(rel) === 'ru').length).toBeGreaterThan(0);
});

test('the needles that tell the languages apart are many', () => {
  expect(needles.en.length).toBeGreaterThan(100);
  expect(needles.ru.length).toBeGreaterThan(100);
});

describe(`JavaScript of each lesson: ≤ ${JS_BUDGET_BYTES} B gzipped before scrolling, ≤ ${HYDRATED_CEILING_BYTES} B with every island hydrated`, () => {
  test.for(lessons.map((rel) => [pagePath(site, rel), rel] as const))('%s', async ([path, rel]) => {
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      const scripts = new Map<string, Promise<Buffer>>();
      page.on('response', (response) => {
        if (isJs(response) && !scripts.has(response.url())) scripts.set(response.url(), bodyOf(response));
      });
      await page.goto(pageUrl(site, rel), { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const inline = await inlineScripts(page);
      const inlineGzip = inline.reduce((n, s) => n + gz(s), 0);
      const sizeOf = async (urls: string[]): Promise<Map<string, Buffer>> =>
        new Map(
          await Promise.all(urls.map(async (u) => [u, await (scripts.get(u) as Promise<Buffer>)] as const)),
        );
      const beforeBodies = await sizeOf([...scripts.keys()]);
      const liveOnLoad = await page.evaluate(
        () => [...document.querySelectorAll('astro-island')].filter((el) => !el.hasAttribute('ssr')).length,
      );

      expect(await hydrateIslands(page), 'every island hydrates').toEqual([]);
      await problems.settled(300);
      const bodies = await sizeOf([...scripts.keys()]);
      const islands = await page.locator('astro-island').count();

      const sum = (m: Map<string, Buffer>): number => [...m.values()].reduce((n, b) => n + gz(b), 0);
      const figures: Figures = {
        page: path,
        islands,
        liveOnLoad,
        before: sum(beforeBodies) + inlineGzip,
        hydrated: sum(bodies) + inlineGzip,
        files: bodies.size,
      };
      rows.push(figures);

      const lang = langOf(rel);
      if (lang !== null) {
        const text = decoded([...[...bodies.values()].map((b) => b.toString('utf8')), ...inline].join('\n'));
        const foreign = needles[lang === 'en' ? 'ru' : 'en'].filter((n) => text.includes(n));
        expect(foreign, `${path} ships strings of the other language`).toEqual([]);
      }
      expect(problems.pageErrors, 'no page errors').toEqual([]);
      expect(
        problems.consoleErrors.filter((m) => /UI string/.test(m)),
        'every UI string a widget asks for is loaded',
      ).toEqual([]);

      const perFile = [...bodies]
        .map(([url, body]) => `${new URL(url).pathname.split('/').pop() ?? url} ${gz(body)} B`)
        .join(', ');
      expect(figures.before, `gzipped JS of ${path} before scrolling`).toBeLessThanOrEqual(JS_BUDGET_BYTES);
      expect(
        figures.hydrated,
        `gzipped JS of ${path} with every island hydrated (inline ${inlineGzip} B; files: ${perFile})`,
      ).toBeLessThanOrEqual(HYDRATED_CEILING_BYTES);
    });
  });
});

afterAll(() => {
  if (rows.length === 0) return;
  const header = ['page', 'islands (live on load)', 'files', 'KB before scroll', 'KB all hydrated', 'budget'];
  const kb = (b: number): string => (b / 1000).toFixed(1);
  const body = rows.map((r) => [
    r.page,
    `${r.islands} (${r.liveOnLoad})`,
    String(r.files),
    kb(r.before),
    kb(r.hydrated),
    `${((100 * r.hydrated) / JS_BUDGET_BYTES).toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(
    [
      `JavaScript of the lessons at ${DEFAULT_VIEWPORT.width}×${DEFAULT_VIEWPORT.height}, gzipped (node:zlib), ` +
        `1 KB = 1000 B, budget ${JS_BUDGET_BYTES} B with every island hydrated:`,
      line(header),
      ...body.map(line),
    ].join('\n'),
  );
});
