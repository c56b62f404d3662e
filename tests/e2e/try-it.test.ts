/**
 * Every "Try it" and the numbers the lessons quote, executed literally on the built site in both
 * languages: a table of prompt → action → expected reading. Each row first checks that the lesson
 * really says what the row quotes (so the table cannot drift from the text), then does what the
 * prompt says through the real widget (its workers included) and reads the widget's own output.
 *
 * The expected values are worked out by hand from the lecture's recurrences (the derivation is in
 * each row's `why`) or are the lecture's published table; none is copied from the engine.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { e2eContext } from './support/context';
import { formatList, recordProblems, scrollIntoView, withPage } from './support/browser';
import type { Lang } from './support/site';

const site = e2eContext().sub;

interface Row {
  /** Lesson slug. */
  lesson: string;
  /** Words of the prompt or the prose, in each language, that the page must contain. */
  quote: Record<Lang, string>;
  /** The widget the prompt is about (its `data-widget` name) and which one on the page. */
  widget: string;
  index?: number;
  /** The query string the page is opened with (a shared link), if any. */
  query?: string;
  /** Hand derivation of the expected numbers. */
  why: string;
  /** Does what the prompt says, then checks what the widget shows. */
  run: (page: Page, root: Locator, lang: Lang) => Promise<void>;
}

/** A number as a widget prints it (Unicode minus, decimal comma in Russian, thin spaces). */
const num = (text: string | null) =>
  Number(
    (text ?? '')
      .trim()
      .replace(/[\s\u00a0\u202f]/g, '')
      .replace('−', '-')
      .replace(',', '.'),
  );
const textOf = async (l: Locator) => num(await l.first().textContent());
const attrOf = async (l: Locator, name: string) => num(await l.first().getAttribute(name));

async function fill(root: Locator, selector: string, value: string): Promise<void> {
  const input = root.locator(selector).first();
  await input.fill(value);
  await expect.poll(() => input.inputValue()).toBe(value);
}

const ROWS: Row[] = [
  {
    lesson: '01-what-is-rf',
    quote: {
      en: 'The middle unit of the top layer (unit 3) is selected: it sees 9 input pixels (2–10), and r = 9.',
      ru: 'Выбран средний нейрон верхнего слоя (нейрон 3): он видит 9 входных пикселей (2–10), и r = 9.',
    },
    widget: 'layer-stack-1d',
    why: 'r = 1 + 2 + 2 + 2·2 = 9; unit 3 of the top layer is centred on 0.5 + 3·2 = 6.5, so it reads 6.5 ± 4.5 → pixels 2…10',
    run: async (_page, root) => {
      expect(await root.locator('[data-selected="true"]').getAttribute('data-index')).toBe('3');
      expect(await textOf(root.locator('[data-rf-size]'))).toBe(9);
      expect(await textOf(root.locator('[data-rf-first]'))).toBe(2);
      expect(await textOf(root.locator('[data-rf-last]'))).toBe(10);
      expect(await textOf(root.locator('[data-rf-theoretical]'))).toBe(9);
    },
  },
  {
    lesson: '01-what-is-rf',
    quote: {
      en: 'it sees only 5 real pixels (0–4), and the readout says that 4 of the 9 pixels of its window lie in the padding.',
      ru: 'он видит только 5 настоящих пикселей (0–4), и подпись говорит, что 4 из 9 пикселей его окна лежат в паддинге.',
    },
    widget: 'layer-stack-1d',
    why: 'top unit 0 is centred on 0.5; its window 0.5 ± 4.5 covers pixels −4…4, of which 0…4 are real and 4 are padding',
    run: async (_page, root) => {
      await root.locator('[data-unit][data-layer="3"][data-index="0"]').hover();
      await expect.poll(() => textOf(root.locator('[data-rf-size]'))).toBe(5);
      expect(await textOf(root.locator('[data-rf-first]'))).toBe(0);
      expect(await textOf(root.locator('[data-rf-last]'))).toBe(4);
      expect(await textOf(root.locator('[data-rf-padding]'))).toBe(4);
      expect(await root.locator('[data-pad-layer="0"][data-pad-read="true"]').count()).toBe(4);
    },
  },
  {
    lesson: '01-what-is-rf',
    quote: {
      en: 'The centre unit of the last map sees the whole 9×9 input',
      ru: 'Центральный нейрон последней карты видит весь вход 9×9',
    },
    widget: 'rf-grid-2d',
    why: 'maps 9 → 9 → 5 → 5; r₃ = 1 + 2 + 2 + 2·2 = 9, j₃ = 2; unit (2, 2) is centred on 4.5: pixels 0…8, all real',
    run: async (_page, root) => {
      await root.locator('[data-unit][data-map="3"][data-row="2"][data-col="2"]').click();
      await expect.poll(() => attrOf(root.locator('[data-rf-size]'), 'data-rf-size')).toBe(9);
      expect((await root.locator('[data-seen]').textContent())?.trim()).toBe('9 × 9');
    },
  },
  {
    lesson: '01-what-is-rf',
    quote: {
      en: 'Its receptive field is still 9 pixels wide by the formula, but only a 5×5 block of it lies on the image',
      ru: 'рецептивное поле по-прежнему 9 пикселей в ширину, но на изображение попадает только блок 5×5',
    },
    widget: 'rf-grid-2d',
    why: 'corner unit (0, 0) of the last map is centred on 0.5: its window covers −4…4 on each axis, real pixels 0…4',
    run: async (_page, root) => {
      await root.locator('[data-unit][data-map="3"][data-row="0"][data-col="0"]').click();
      await expect.poll(() => root.locator('[data-seen]').textContent()).toContain('5 × 5');
      expect(await attrOf(root.locator('[data-rf-size]'), 'data-rf-size')).toBe(9);
    },
  },
  {
    lesson: '02-formulas',
    quote: {
      en: "Start with $n = 5$, $k = 3$, $p = 1$, $s = 2$ (the lecture's first layer): three outputs per side.",
      ru: 'Начните с $n = 5$, $k = 3$, $p = 1$, $s = 2$ (первый слой из лекции): по три выхода на сторону.',
    },
    widget: 'conv-arithmetic',
    why: 'n = ⌊(5 + 2 − 3)/2⌋ + 1 = 3; with n = 6, ⌊5/2⌋ + 1 = 3 again',
    run: async (_page, root) => {
      for (const [f, v] of [
        ['n', '5'],
        ['k', '3'],
        ['p', '1'],
        ['s', '2'],
        ['d', '1'],
      ] as const)
        await fill(root, `[data-input="${f}"]`, v);
      await expect.poll(() => textOf(root.locator('[data-nout]'))).toBe(3);
      await fill(root, '[data-input="n"]', '6');
      await expect.poll(() => textOf(root.locator('[data-nout]'))).toBe(3);
    },
  },
  {
    lesson: '03-more-layers',
    quote: {
      en: 'the window spans $k_{\\text{eff}} = 5$ cells, so the output',
      ru: 'окно занимает $k_{\\text{eff}} = 5$ клеток',
    },
    widget: 'conv-arithmetic',
    why: 'k_eff = 2·(3 − 1) + 1 = 5, n = ⌊(7 − 5)/1⌋ + 1 = 3; with d = 1, n = ⌊(7 − 3)/1⌋ + 1 = 5',
    run: async (_page, root) => {
      await expect.poll(() => textOf(root.locator('[data-nout]'))).toBe(3);
      await fill(root, '[data-input="d"]', '1');
      await expect.poll(() => textOf(root.locator('[data-nout]'))).toBe(5);
    },
  },
  {
    lesson: '04-worked-example',
    quote: {
      en: 'and change $k_2$ from 3 to 5. Everything downstream follows: $r_2$ becomes $3 + (5 - 1) \\cdot 2 = 11$',
      ru: 'и поменяйте $k_2$ с 3 на 5. Всё, что ниже по сети, пересчитается: $r_2$ станет $3 + (5 - 1) \\cdot 2 = 11$',
    },
    widget: 'worked-example',
    why: 'the lecture: n₂ = 2, j₂ = 4, r₂ = 7, start₂ = 0.5; with k₂ = 5: r₂ = 3 + 4·2 = 11, n₂ = ⌊(3 + 2 − 5)/2⌋ + 1 = 1, start₂ = 0.5 + (2 − 1)·2 = 2.5; then s₁ = 1: j₁ = 1, j₂ = 2',
    run: async (_page, root) => {
      await root.locator('[data-step-button="layer2"]').click();
      const value = (q: string, layer: number) =>
        textOf(root.locator(`[data-q="${q}"][data-layer="${layer}"]`));
      expect([
        await value('n', 2),
        await value('j', 2),
        await value('r', 2),
        await value('start', 2),
      ]).toEqual([2, 4, 7, 0.5]);
      expect([
        await value('n', 1),
        await value('j', 1),
        await value('r', 1),
        await value('start', 1),
      ]).toEqual([3, 2, 3, 0.5]);
      await fill(root, '[data-input="k2"]', '5');
      await expect.poll(() => value('r', 2)).toBe(11);
      expect(await value('n', 2)).toBe(1);
      expect(await value('start', 2)).toBe(2.5);
      await fill(root, '[data-input="s1"]', '1');
      await expect.poll(() => value('j', 2)).toBe(2);
      expect(await value('j', 1)).toBe(1);
    },
  },
  {
    lesson: '05-calculator',
    quote: {
      en: 'Now set the input to 9 × 9: the last layer gets three units',
      ru: 'Теперь задайте вход 9 × 9: у последнего слоя станет три признака',
    },
    widget: 'calculator',
    why: 'n: 9 → ⌊(9 + 2 − 3)/2⌋ + 1 = 5 → 3; the middle unit 1 is centred on 0.5 + 1·4 = 4.5 with r = 7: pixels 1…7',
    run: async (_page, root) => {
      await root.locator('[data-preset-select]').selectOption('lecture');
      await fill(root, '[data-input="input-h"]', '9');
      await fill(root, '[data-input="input-w"]', '9');
      const last = root.locator('tbody tr[data-row]').last();
      await expect.poll(() => textOf(last.locator('td[data-col="n"]'))).toBe(3);
      expect(await textOf(last.locator('td[data-col="r"]'))).toBe(7);
      expect(await textOf(last.locator('td[data-col="j"]'))).toBe(4);
      const readout = root.locator('[data-image-readout]');
      await expect.poll(() => readout.textContent()).toMatch(/4[.,]5, 4[.,]5/);
      expect(await readout.textContent()).toContain('7');
      expect(await readout.textContent(), 'no part of the window in the padding').not.toMatch(/%/);
    },
  },
  {
    lesson: '06-why-rf-matters',
    quote: {
      en: 'Choose **resnet_v1_50**, layer **block1**, and click the middle of the photo: the box is 35 pixels wide',
      ru: 'Выберите **resnet_v1_50**, слой **block1**, и щёлкните в середину фото: рамка шириной 35 пикселей',
    },
    widget: 'photo-rf',
    why: "the receptive_field library's table for resnet_v1_50: block1 r = 35; block4 (the lecture's table) r = 483",
    run: async (page, root) => {
      const size = root.locator('[data-rf-size]');
      await expect.poll(() => size.count()).toBeGreaterThan(0);
      await root.locator('[data-model-select]').selectOption('resnet_v1_50');
      await root.locator('[data-layer-select]').selectOption('block1');
      const at = await root.locator('[data-photo]').boundingBox();
      if (at === null) throw new Error('no photo');
      await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
      await expect.poll(() => size.getAttribute('data-rf-size')).toBe('35');
      expect(await root.textContent(), 'a click needs no Enter').not.toMatch(/Press Enter|Нажмите Enter/);
      await root.locator('[data-layer-select]').selectOption('block4');
      await expect.poll(() => size.getAttribute('data-rf-size')).toBe('483');
    },
  },
  {
    lesson: '07-accuracy-vs-rf',
    quote: {
      en: 'Stop on **inception_v3**: an RF of 1311 pixels and 78.0 % top-1.',
      ru: 'Остановитесь на **inception_v3**: рецептивное поле 1311 пикселей и 78,0 % top-1.',
    },
    widget: 'accuracy-rf-chart',
    why: "the lecture's table: inception_v3 r = 1311, resnet_v1_152 r = 1507; TF-slim's checkpoint table: 78.0 % top-1",
    run: async (_page, root) => {
      await expect.poll(() => root.locator('[data-point]').count()).toBe(10);
      await root.locator('[data-point="inception_v3"]').focus();
      const tip = root.locator('[data-tooltip="inception_v3"]');
      await expect.poll(() => tip.locator('[data-tooltip-rf]').textContent()).toBe('1311');
      expect(await textOf(tip.locator('[data-tooltip-top1]'))).toBe(78);
      await root.locator('[data-point="resnet_v1_152"]').focus();
      await expect
        .poll(() => root.locator('[data-tooltip="resnet_v1_152"] [data-tooltip-rf]').textContent())
        .toBe('1507');
    },
  },
  {
    lesson: '08-famous-networks',
    quote: {
      en: '$318$ to $349$',
      ru: 'с 318 на 349',
    },
    widget: 'famous-networks',
    why: "the lecture's table at 224: inception_v2 r = 699, S = 32, P = 318; at 321 only P changes, to 349 (the receptive_field README)",
    run: async (_page, root) => {
      const cell = (model: string, col: string) =>
        root.locator(`tr[data-model="${model}"] td[data-col="${col}"]`);
      await expect.poll(() => cell('inception_v2', 'padding').count()).toBe(1);
      expect(await textOf(cell('inception_v2', 'rf'))).toBe(699);
      expect(await textOf(cell('inception_v2', 'padding'))).toBe(318);
      expect(await textOf(cell('resnet_v1_50', 'rf'))).toBe(483);
      const size = root.locator('input[type="text"]').first();
      await size.fill('321');
      await size.press('Enter');
      await expect
        .poll(async () =>
          num((await cell('inception_v2', 'padding').first().innerText()).split('\n')[0] ?? ''),
        )
        .toBe(349);
      expect(await textOf(cell('inception_v2', 'rf'))).toBe(699);
    },
  },
];

describe('every "Try it" works as written', () => {
  const cases = ROWS.flatMap((row, i) =>
    (['en', 'ru'] as const).map((lang) => [`${lang} ${row.lesson} #${i}: ${row.why}`, row, lang] as const),
  );
  test.for(cases)('%s', async ([, row, lang]) => {
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      await page.goto(`${site.url}${lang}/lessons/${row.lesson}/${row.query ?? ''}`, { waitUntil: 'load' });
      // The lesson says what the row quotes (TeX is compared in its source form in the page's MathML).
      const text = await page.evaluate(() => {
        const body = document.querySelector('.lesson-body');
        if (!body) return '';
        const copy = body.cloneNode(true) as HTMLElement;
        // Formulas count by their TeX source, the form the lessons are written in.
        copy.querySelectorAll('.katex').forEach((k) => {
          const tex = k.querySelector('annotation')?.textContent ?? '';
          k.replaceWith(`$${tex}$`);
        });
        copy.querySelectorAll('strong').forEach((s) => s.replaceWith(`**${s.textContent ?? ''}**`));
        // Typographic quotes are written as plain ones in the sources.
        return (copy.textContent ?? '').replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
      });
      expect(text, 'the lesson text').toContain(row.quote[lang].replace(/\s+/g, ' '));
      const selector = `[data-widget="${row.widget}"]`;
      await scrollIntoView(page, selector, row.index ?? 0);
      await page.waitForFunction(
        ([s, i]) => {
          const el = document.querySelectorAll(s)[i];
          const island = el?.closest('astro-island');
          return el !== undefined && (island === null || island === undefined || !island.hasAttribute('ssr'));
        },
        [selector, row.index ?? 0] as const,
      );
      await row.run(page, page.locator(selector).nth(row.index ?? 0), lang);
      expect.soft(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
      expect.soft(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
    });
  });
});
