/** The theme: the toggle switches and remembers it; the system preference decides the first visit. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eContext } from './support/context';
import { discoverPages, isLesson, pagePath, pageUrl } from './support/site';
import { withPage } from './support/browser';

const site = e2eContext().sub;
const pages = discoverPages(site.dir);
// A home page in each language and the first lesson (when there is one).
const samples = ['en/', 'ru/', pages.find(isLesson)].filter(
  (rel): rel is string => rel !== undefined && pages.includes(rel),
);

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const stored = (page: Page) => page.evaluate(() => localStorage.getItem('rf-theme'));

describe.for(samples.map((rel) => [pagePath(site, rel), rel] as const))('theme on %s', ([, rel]) => {
  const url = pageUrl(site, rel);

  test('the toggle changes data-theme and the choice survives a reload', async () => {
    await withPage({ colorScheme: 'light' }, async (page) => {
      await page.goto(url, { waitUntil: 'load' });
      expect(await theme(page)).toBe('light');
      await page.locator('button[data-theme-toggle]').first().click();
      expect(await theme(page)).toBe('dark');
      expect(await stored(page)).toBe('dark');
      await page.reload({ waitUntil: 'load' });
      expect(await theme(page), 'after reload').toBe('dark');
      await page.locator('button[data-theme-toggle]').first().click();
      expect(await theme(page)).toBe('light');
      await page.reload({ waitUntil: 'load' });
      expect(await theme(page), 'after the second reload').toBe('light');
      expect(await stored(page)).toBe('light');
    });
  });

  test('a dark system theme gives dark on the first visit', async () => {
    await withPage({ colorScheme: 'dark' }, async (page) => {
      await page.goto(url, { waitUntil: 'load' });
      expect(await theme(page)).toBe('dark');
    });
  });

  test('a stored choice wins over the system theme', async () => {
    await withPage({ colorScheme: 'dark' }, async (page) => {
      await page.goto(url, { waitUntil: 'load' });
      await page.locator('button[data-theme-toggle]').first().click();
      expect(await theme(page)).toBe('light');
      await page.reload({ waitUntil: 'load' });
      expect(await theme(page)).toBe('light');
    });
  });
});
