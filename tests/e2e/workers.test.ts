/**
 * Calls through the real Web Workers of the built site, with values that come from widget state.
 * Lesson 11 asks the reader to open "Small ResNet with SE", type 64 × 64 and re-analyse: the size
 * comes from the widget's state, and a Svelte state proxy cannot be posted to a worker ("could not
 * be cloned") unless it is made plain data first.
 */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { formatList, recordProblems, scrollIntoView, withPage } from './support/browser';
import { pageUrl, LANGS } from './support/site';

const site = e2eContext().sub;

describe('worker calls from widget state', () => {
  test.for(LANGS)(
    'lesson 11 (%s): re-analysing the small ResNet at 64 × 64 goes through the worker',
    async (lang) => {
      await withPage({}, async (page) => {
        const problems = recordProblems(page, site.origin);
        await page.goto(pageUrl(site, `${lang}/lessons/11-your-network/`), { waitUntil: 'load' });
        const selector = '[data-widget="onnx-report"]';
        await scrollIntoView(page, selector, 0);
        await page.waitForFunction(
          (s) => !document.querySelector(s)?.closest('astro-island')?.hasAttribute('ssr'),
          selector,
        );
        const root = page.locator(selector).first();
        await root.locator('[data-example="resnet"]').click();
        await expect.poll(() => root.locator('[data-report]').count(), { timeout: 15_000 }).toBe(1);
        const before = (await root.locator('[data-summary]').textContent()) ?? '';

        await root.locator('[data-size-input="h"]').fill('64');
        await root.locator('[data-size-input="w"]').fill('64');
        await root.locator('[data-apply-size]').click();

        await expect
          .poll(() => new URL(page.url()).searchParams.get('onnx'), { timeout: 15_000 })
          .toContain('in=64x64');
        await expect.poll(() => root.locator('[data-report]').count(), { timeout: 15_000 }).toBe(1);
        await expect
          .poll(async () => (await root.locator('[data-summary]').textContent()) ?? '', { timeout: 15_000 })
          .not.toBe(before);
        expect(await root.locator('[data-size-failure]').count()).toBe(0);
        expect(await root.locator('[data-import-error]').count()).toBe(0);
        expect(await root.locator('[data-size-input="h"]').inputValue()).toBe('64');
        expect(await root.locator('[data-size-input="w"]').inputValue()).toBe('64');
        expect((await root.textContent()) ?? '').not.toMatch(/could not be cloned|NaN/);
        expect(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
        expect(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
      });
    },
  );
});
