/**
 * Linkable equations: the four recurrences of lesson 2 (n, j, r, start) have stable ids in both
 * languages, a link to themselves that shows on hover and on keyboard focus, and a #eq-… address
 * scrolls the formula into view below the sticky header.
 */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { withPage } from './support/browser';
import { LANGS, pageUrl } from './support/site';

const site = e2eContext().sub;
const IDS = ['eq-n', 'eq-j', 'eq-r', 'eq-start'];

describe.for(LANGS)('lesson 2 in %s', (lang) => {
  const url = pageUrl(site, `${lang}/lessons/02-formulas/`);

  test('each formula has its id, a KaTeX formula and a named link to itself, shown on hover and focus', async () => {
    await withPage({}, async (page) => {
      await page.goto(url, { waitUntil: 'load' });
      for (const id of IDS) {
        const eq = page.locator(`[id="${id}"]`);
        expect(await eq.count(), id).toBe(1);
        expect(await eq.locator('.katex-display').count(), `${id} holds a display formula`).toBe(1);
        const anchor = eq.locator(`a[href="#${id}"]`);
        expect(await anchor.getAttribute('aria-label'), `${id} link label`).toMatch(
          lang === 'en' ? /^Link to this equation/ : /^Ссылка на эту формулу/,
        );
        const opacity = () => anchor.evaluate((el) => getComputedStyle(el).opacity);
        expect(await opacity(), `${id} link hidden at rest`).toBe('0');
        await eq.hover();
        await expect.poll(opacity, { message: `${id} link on hover` }).toBe('1');
        await page.mouse.move(0, 0);
        await expect.poll(opacity).toBe('0');
      }
      // Keyboard: Tab reaches the link and shows it.
      const first = page.locator('#eq-n a');
      await page.locator('#eq-n').evaluate((el) => {
        const before = el.previousElementSibling ?? el.parentElement!;
        (before as HTMLElement).setAttribute('tabindex', '-1');
        (before as HTMLElement).focus();
      });
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await first.evaluate((el) => el === document.activeElement)) break;
      }
      expect(await first.evaluate((el) => el === document.activeElement), 'Tab reaches the link').toBe(true);
      await expect.poll(() => first.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    });
  });

  test.for(IDS)('%s in the address scrolls the formula into view below the sticky header', async (id) => {
    await withPage({}, async (page) => {
      await page.goto(`${url}#${id}`, { waitUntil: 'load' });
      await expect
        .poll(() =>
          page.evaluate((id) => {
            const box = document.getElementById(id)!.getBoundingClientRect();
            const header = document.querySelector('.site-header')!.getBoundingClientRect();
            return box.top >= header.bottom - 1 && box.bottom <= window.innerHeight && window.scrollY > 0;
          }, id),
        )
        .toBe(true);
    });
  });
});
