/**
 * Search and sharing metadata in the built HTML: absolute canonical and hreflang links when the build
 * knows its public origin (the subpath build, SITE_URL=https://rf-lab.example), none when it does not
 * (the root build), a sitemap with both languages, and an Open Graph card per lesson.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { SUBPATH_SITE_URL } from './global-setup';
import { e2eContext } from './support/context';
import { discoverPages, isLesson, pageHtml } from './support/site';

const { root, sub } = e2eContext();
const origin = SUBPATH_SITE_URL;

function attr(html: string, selector: RegExp): string[] {
  return [...html.matchAll(selector)].map((m) => m[1] ?? '');
}
const canonicalOf = (html: string): string[] => attr(html, /<link rel="canonical" href="([^"]*)"/g);
const hreflangOf = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<link rel="alternate" hreflang="([^"]*)" href="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
const meta = (html: string, property: string): string | undefined =>
  new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1];

test('a lesson of the subpath build has absolute canonical, hreflang and Open Graph URLs', () => {
  const html = pageHtml(sub, 'ru/lessons/02-formulas/');
  expect(canonicalOf(html)).toEqual([`${origin}/rf-lab/ru/lessons/02-formulas/`]);
  expect(hreflangOf(html)).toEqual({
    ru: `${origin}/rf-lab/ru/lessons/02-formulas/`,
    en: `${origin}/rf-lab/en/lessons/02-formulas/`,
    'x-default': `${origin}/rf-lab/`,
  });
  expect(meta(html, 'og:image')).toBe(`${origin}/rf-lab/og/ru/02-formulas.png`);
  expect(meta(html, 'og:description')).toMatch(/рекуррентные формулы/);
  expect(meta(html, 'og:locale')).toBe('ru_RU');
});

test('every lesson has an Open Graph description and its own card in public/og', () => {
  for (const rel of discoverPages(sub.dir).filter(isLesson)) {
    const html = pageHtml(sub, rel);
    if (/http-equiv="refresh"/.test(html)) continue;
    const [lang, , slug] = rel.split('/');
    expect.soft(meta(html, 'og:description') ?? '', `${rel} og:description`).not.toBe('');
    const image = meta(html, 'og:image') ?? '';
    expect.soft(image, `${rel} og:image`).toBe(`${origin}/rf-lab/og/${lang}/${slug}.png`);
    expect
      .soft(existsSync(path.join(sub.dir, 'og', lang ?? '', `${slug}.png`)), `${rel} card file`)
      .toBe(true);
  }
});

test('without SITE_URL no page has a relative canonical or hreflang link', () => {
  for (const rel of discoverPages(root.dir)) {
    const html = pageHtml(root, rel);
    if (/http-equiv="refresh"/.test(html)) continue;
    expect.soft(canonicalOf(html), `${rel} canonical`).toEqual([]);
    expect.soft(hreflangOf(html), `${rel} hreflang`).toEqual({});
  }
  expect(existsSync(path.join(root.dir, 'sitemap-index.xml'))).toBe(false);
});

test('the sitemap lists every lesson in both languages with absolute alternates, and robots.txt names it', () => {
  const index = readFileSync(path.join(sub.dir, 'sitemap-index.xml'), 'utf8');
  expect(index).toContain(`<loc>${origin}/rf-lab/sitemap-0.xml</loc>`);
  const urls = readFileSync(path.join(sub.dir, 'sitemap-0.xml'), 'utf8');
  const locs = attr(urls, /<loc>([^<]*)<\/loc>/g);
  const lessons = discoverPages(sub.dir).filter(
    (rel) => isLesson(rel) && !/http-equiv="refresh"/.test(pageHtml(sub, rel)),
  );
  expect(lessons.length).toBeGreaterThan(10);
  for (const rel of lessons) expect.soft(locs, rel).toContain(`${origin}/rf-lab/${rel}`);
  expect(locs.filter((l) => /\/embed\//.test(l))).toEqual([]);
  expect(urls).toContain(
    `<xhtml:link rel="alternate" hreflang="ru" href="${origin}/rf-lab/ru/lessons/02-formulas/"/>`,
  );
  expect(readFileSync(path.join(sub.dir, 'robots.txt'), 'utf8')).toContain(
    `Sitemap: ${origin}/rf-lab/sitemap-index.xml`,
  );
});
