/**
 * JavaScript budget of the lessons: what a lesson loads before any island is scrolled into view
 * (script tags, module preloads, whatever those import, inline scripts), gzipped here with
 * node:zlib, must stay within 40 KB (40 000 bytes). Prints a table of the figures.
 */
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Response } from 'playwright-core';
import { e2eContext } from './support/context';
import { discoverPages, isLesson, pagePath, pageUrl } from './support/site';
import { DEFAULT_VIEWPORT, withPage } from './support/browser';

export const JS_BUDGET_BYTES = 40_000;

const site = e2eContext().sub;
const lessons = discoverPages(site.dir).filter(isLesson);

interface Figures {
  page: string;
  files: number;
  raw: number;
  gzipFiles: number;
  gzipInline: number;
  /** Islands already hydrated after load (visible in the first viewport, or client:load/idle). */
  liveIslands: number;
  islands: number;
}
const rows: Figures[] = [];

const gz = (data: Buffer | string): number => gzipSync(data).length;
const isJs = (response: Response): boolean =>
  response.request().resourceType() === 'script' ||
  /javascript|ecmascript/.test(response.headers()['content-type'] ?? '');

test('there is at least one lesson', () => {
  expect(lessons.length).toBeGreaterThan(0);
});

describe(`JavaScript loaded up front by each lesson ≤ ${JS_BUDGET_BYTES} B gzipped`, () => {
  test.for(lessons.map((rel) => [pagePath(site, rel), rel] as const))('%s', async ([path, rel]) => {
    await withPage({}, async (page) => {
      const scripts = new Map<string, Promise<Buffer>>();
      page.on('response', (response) => {
        if (isJs(response) && !scripts.has(response.url())) scripts.set(response.url(), response.body());
      });
      await page.goto(pageUrl(site, rel), { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const bodies = await Promise.all(scripts.values());
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('script:not([src])')]
          .filter((s) => {
            const type = (s.getAttribute('type') ?? '').trim().toLowerCase();
            return type === '' || type === 'module' || /javascript|ecmascript/.test(type);
          })
          .map((s) => s.textContent ?? ''),
      );
      const islands = await page.evaluate(() => {
        const all = [...document.querySelectorAll('astro-island')];
        return { total: all.length, live: all.filter((el) => !el.hasAttribute('ssr')).length };
      });
      const perFile = [...scripts.keys()]
        .map((url, i) => ({
          name: new URL(url).pathname.split('/').pop() ?? url,
          gzip: gz(bodies[i] as Buffer),
        }))
        .sort((a, b) => b.gzip - a.gzip);
      const figures: Figures = {
        page: path,
        files: bodies.length,
        raw: bodies.reduce((n, b) => n + b.length, 0) + inline.reduce((n, s) => n + Buffer.byteLength(s), 0),
        gzipFiles: perFile.reduce((n, f) => n + f.gzip, 0),
        gzipInline: inline.reduce((n, s) => n + gz(s), 0),
        liveIslands: islands.live,
        islands: islands.total,
      };
      rows.push(figures);
      const total = figures.gzipFiles + figures.gzipInline;
      expect(
        total,
        `gzipped JS of ${path} (inline ${figures.gzipInline} B; files: ${perFile.map((f) => `${f.name} ${f.gzip} B`).join(', ') || 'none'})`,
      ).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    });
  });
});

afterAll(() => {
  if (rows.length === 0) return;
  const header = [
    'page',
    'islands live',
    'files',
    'raw B',
    'gzip files B',
    'gzip inline B',
    'gzip total B',
    'budget',
  ];
  const body = rows.map((r) => {
    const total = r.gzipFiles + r.gzipInline;
    return [
      r.page,
      `${r.liveIslands}/${r.islands}`,
      String(r.files),
      String(r.raw),
      String(r.gzipFiles),
      String(r.gzipInline),
      String(total),
      `${((100 * total) / JS_BUDGET_BYTES).toFixed(0)}%`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(
    [
      `JavaScript loaded up front by the lessons at ${DEFAULT_VIEWPORT.width}×${DEFAULT_VIEWPORT.height}, no scrolling ` +
        `(gzip via node:zlib, budget ${JS_BUDGET_BYTES} B; "islands live" = hydrated on load / all):`,
      line(header),
      ...body.map(line),
    ].join('\n'),
  );
});
