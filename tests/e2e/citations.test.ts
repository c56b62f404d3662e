/**
 * Citation previews on a lesson of the subpath build: hover, keyboard focus and touch show the cited
 * reference in a tooltip tied to the citation with aria-describedby; Escape hides it.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { formatList, recordProblems, withPage } from './support/browser';
import { e2eContext } from './support/context';
import { pageUrl } from './support/site';

const site = e2eContext().sub;
const lesson = 'en/lessons/02-formulas/';

async function firstCitation(page: Page): Promise<{ number: string; reference: string }> {
  return page
    .locator('sup.cite a')
    .first()
    .evaluate((a) => {
      const id = (a as HTMLAnchorElement).hash.slice(1);
      return {
        number: a.textContent ?? '',
        reference: document.getElementById(id)?.textContent?.trim() ?? '',
      };
    });
}

const preview = (page: Page) => page.locator('#cite-preview');

test('hovering a citation shows its reference; moving away hides it', async () => {
  await withPage({}, async (page) => {
    const problems = recordProblems(page, site.origin);
    await page.goto(pageUrl(site, lesson), { waitUntil: 'load' });
    const { number, reference } = await firstCitation(page);
    expect(reference.length).toBeGreaterThan(10);
    await page.locator('sup.cite a').first().hover();
    await expect.poll(() => preview(page).isVisible()).toBe(true);
    const text = (await preview(page).textContent()) ?? '';
    expect(text.startsWith(number)).toBe(true);
    expect(text.replace(/\s+/g, ' ')).toContain(reference.replace(/\s+/g, ' '));
    await page.mouse.move(5, 5);
    await expect.poll(() => preview(page).isVisible()).toBe(false);
    expect(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
  });
});

test('keyboard focus shows the preview, described by it, and Escape hides it', async () => {
  await withPage({}, async (page) => {
    await page.goto(pageUrl(site, lesson), { waitUntil: 'load' });
    const link = page.locator('sup.cite a').first();
    await link.focus();
    await expect.poll(() => preview(page).isVisible()).toBe(true);
    expect(await link.getAttribute('aria-describedby')).toBe('cite-preview');
    expect(await preview(page).getAttribute('role')).toBe('tooltip');
    await page.keyboard.press('Escape');
    await expect.poll(() => preview(page).isVisible()).toBe(false);
    expect(await link.getAttribute('aria-describedby')).toBeNull();
  });
});

test('on a touch screen the first tap previews, the second follows the link', async () => {
  await withPage({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } }, async (page) => {
    await page.goto(pageUrl(site, lesson), { waitUntil: 'load' });
    const link = page.locator('sup.cite a').first();
    const hash = await link.evaluate((a) => (a as HTMLAnchorElement).hash);
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await expect.poll(() => preview(page).isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    await link.tap();
    await expect.poll(() => new URL(page.url()).hash).toBe(hash);
  });
});
