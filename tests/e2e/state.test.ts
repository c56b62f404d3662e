/**
 * A reader's work survives switching language: widget state lives in the query string, and the
 * language switch carries it to the other language's page.
 */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { scrollIntoView, withPage } from './support/browser';
import { pageUrl } from './support/site';

const site = e2eContext().sub;

test('switching language keeps the convolution widget as the reader left it (n = 7 → 4 outputs per side)', async () => {
  await withPage({}, async (page) => {
    await page.goto(pageUrl(site, 'en/lessons/02-formulas/'), { waitUntil: 'load' });
    const selector = '[data-widget="conv-arithmetic"]';
    await scrollIntoView(page, selector, 0);
    await page.waitForFunction(
      (s) => !document.querySelector(s)?.closest('astro-island')?.hasAttribute('ssr'),
      selector,
    );
    const root = page.locator(selector).first();
    await root.locator('[data-input="n"]').fill('7');
    // n_out = ⌊(7 + 2·1 − 3)/2⌋ + 1 = 4.
    await expect.poll(() => root.locator('[data-nout]').textContent()).toBe('4');
    await expect.poll(() => new URL(page.url()).search).not.toBe('');
    const search = new URL(page.url()).search;

    await page.locator('a[data-lang-switch]').first().click();
    await page.waitForURL(/\/ru\/lessons\/02-formulas\//);
    expect(new URL(page.url()).search).toBe(search);
    await scrollIntoView(page, selector, 0);
    const ru = page.locator(selector).first();
    await expect.poll(() => ru.locator('[data-nout]').textContent(), { timeout: 10_000 }).toBe('4');
    expect(await ru.locator('[data-input="n"]').inputValue()).toBe('7');
  });
});
