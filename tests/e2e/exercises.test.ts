/**
 * Exercises across reloads and languages, and "predict, then check" prompts, on the built site.
 *
 * Progress: solving an exercise updates the lesson's summary at once; after a reload the answer and
 * the summary are still there, the home page's table of contents counts it, and the other language
 * keeps its own count. Predictions (lessons 2, 4 and 5): the answer stays hidden until the reader
 * compares a prediction (by keyboard) or asks for it; the comparison says how far off it was.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eContext } from './support/context';
import { formatList, recordProblems, scrollIntoView, withPage } from './support/browser';

const site = e2eContext().sub;
const lesson = (lang: string, slug: string) => `${site.url}${lang}/lessons/${slug}/`;

async function liveExercise(page: Page, id: string) {
  const selector = `[data-widget="exercise"]:has(#${id}-answer)`;
  await scrollIntoView(page, selector, 0);
  await page.waitForFunction((s) => {
    const island = document.querySelector(s)?.closest('astro-island');
    return island !== null && island !== undefined && !island.hasAttribute('ssr');
  }, selector);
  return page.locator(selector);
}

const summary = (page: Page) => page.locator('.lesson-header [data-exercise-progress]');

describe('exercise progress', () => {
  test('a solved exercise is counted, survives a reload, shows on the home page, and stays in its language', async () => {
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      await page.goto(lesson('en', '02-formulas'), { waitUntil: 'load' });
      // Lesson 2 has two exercises (the prediction beside the widget is not one).
      await expect.poll(() => summary(page).textContent()).toBe('0 of 2 exercises solved');
      // ⌊(7 + 2 − 3)/2⌋ + 1 = 4.
      const ex = await liveExercise(page, 'ex2-size');
      await ex.locator('[data-answer]').fill('4');
      await ex.locator('[data-answer]').press('Enter');
      await expect.poll(() => ex.getAttribute('data-phase')).toBe('correct');
      await expect.poll(() => summary(page).textContent()).toBe('1 of 2 exercises solved');

      await page.reload({ waitUntil: 'load' });
      await expect.poll(() => summary(page).textContent()).toBe('1 of 2 exercises solved');
      const again = await liveExercise(page, 'ex2-size');
      await expect.poll(() => again.locator('[data-answer]').inputValue()).toBe('4');
      expect(await again.getAttribute('data-phase')).toBe('correct');

      await page.goto(`${site.url}en/`, { waitUntil: 'load' });
      const card = page.locator(
        `[data-exercise-progress="${new URL(lesson('en', '02-formulas')).pathname}"]`,
      );
      await expect.poll(() => card.textContent()).toBe('1 of 2 exercises solved');
      expect(
        await page
          .locator(`[data-exercise-progress="${new URL(lesson('en', '04-worked-example')).pathname}"]`)
          .textContent(),
      ).toMatch(/^0 of \d+ exercises solved$/);

      // The Russian lesson keeps its own answers.
      await page.goto(lesson('ru', '02-formulas'), { waitUntil: 'load' });
      await expect.poll(() => summary(page).textContent()).toBe('Решено упражнений: 0 из 2');
      const ru = await liveExercise(page, 'ex2-size');
      expect(await ru.locator('[data-answer]').inputValue()).toBe('');
      await page.goto(`${site.url}ru/`, { waitUntil: 'load' });
      expect(
        await page
          .locator(`[data-exercise-progress="${new URL(lesson('ru', '02-formulas')).pathname}"]`)
          .textContent(),
      ).toBe('Решено упражнений: 0 из 2');
      expect.soft(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
    });
  });
});

interface Prediction {
  slug: string;
  id: string;
  /** A wrong prediction, and how far off it is (worked out by hand). */
  guess: string;
  answer: string;
  off: string;
  direction: 'too-small' | 'too-large';
  why: string;
}

const PREDICTIONS: Prediction[] = [
  {
    slug: '02-formulas',
    id: 'ex2-predict-n',
    guess: '4',
    answer: '3',
    off: '1',
    direction: 'too-large',
    why: '⌊(6 + 2 − 3)/2⌋ + 1 = 3',
  },
  {
    slug: '04-worked-example',
    id: 'ex4-predict-j',
    guess: '4',
    answer: '2',
    off: '2',
    direction: 'too-large',
    why: 'j₂ = 1·1·2 = 2',
  },
  {
    slug: '04-worked-example',
    id: 'ex4-predict-r',
    guess: '11',
    answer: '7',
    off: '4',
    direction: 'too-large',
    why: 'r₁ = 3, j₁ = 1: r₂ = 3 + (5 − 1)·1 = 7',
  },
  {
    slug: '05-calculator',
    id: 'ex5-predict-first',
    guess: '0',
    answer: '1',
    off: '1',
    direction: 'too-small',
    why: 'u·S − P = 1·4 − 3 = 1',
  },
  {
    slug: '05-calculator',
    id: 'ex5-predict-last',
    guess: '7',
    answer: '7',
    off: '0',
    direction: 'too-small',
    why: '1 + 7 − 1 = 7',
  },
];

describe('predict, then check', () => {
  const cases = PREDICTIONS.flatMap((p) =>
    (['en', 'ru'] as const).map((lang) => [`${lang} ${p.id}: ${p.why}`, p, lang] as const),
  );
  test.for(cases)('%s', async ([, p, lang]) => {
    await withPage({}, async (page) => {
      await page.goto(lesson(lang, p.slug), { waitUntil: 'load' });
      const ex = await liveExercise(page, p.id);
      expect(await ex.getAttribute('data-predict')).toBe('');
      // Nothing gives the answer away before the reader commits.
      expect(await ex.locator('[data-value]').count()).toBe(0);
      // Keyboard only: focus the field, type, press Enter.
      await ex.locator('[data-answer]').focus();
      await page.keyboard.type(p.guess);
      await page.keyboard.press('Enter');
      if (p.off === '0') {
        await expect.poll(() => ex.getAttribute('data-phase')).toBe('correct');
      } else {
        await expect.poll(() => ex.getAttribute('data-phase')).toBe('wrong');
        const verdict = ex.locator('[data-distance]');
        expect(await verdict.getAttribute('data-distance')).toBe(p.off);
        expect(await verdict.getAttribute('data-direction')).toBe(p.direction);
        expect(await verdict.textContent()).toMatch(
          lang === 'en'
            ? new RegExp(`${p.off} too ${p.direction === 'too-small' ? 'small' : 'large'}`)
            : new RegExp(`${p.direction === 'too-small' ? 'меньше' : 'больше'} на ${p.off}`),
        );
      }
      expect(await ex.locator('[data-value]').textContent()).toBe(p.answer);
      // Committed: the field is read-only and no second "Compare" is offered.
      expect(await ex.locator('[data-answer]').getAttribute('readonly')).not.toBeNull();
      expect(await ex.locator('[data-check]').count()).toBe(0);
    });
  });

  test.for(['en', 'ru'] as const)(
    '%s: "Reveal" shows the answer without a prediction, by keyboard',
    async (lang) => {
      await withPage({}, async (page) => {
        await page.goto(lesson(lang, '04-worked-example'), { waitUntil: 'load' });
        const ex = await liveExercise(page, 'ex4-predict-r');
        await ex.locator('[data-reveal]').focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => ex.getAttribute('data-phase')).toBe('revealed');
        expect(await ex.locator('[data-value]').textContent()).toBe('7');
      });
    },
  );
});
