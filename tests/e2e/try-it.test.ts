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
const num = (text: string | null | undefined) =>
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

/** The calculator's "separate h and w" checkbox, as each language labels it. */
const PER_AXIS: Record<Lang, string> = { en: 'separate h and w', ru: 'h и w отдельно' };

/** Waits until the island of the first element matching `selector` has hydrated. */
async function hydrated(page: Page, selector: string): Promise<void> {
  await scrollIntoView(page, selector, 0);
  await page.waitForFunction(
    (s) => document.querySelector(s)?.closest('astro-island')?.hasAttribute('ssr') === false,
    selector,
  );
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
    lesson: '02-formulas',
    quote: {
      en: 'Set $k = 9$ and $p = 0$ to see what happens when the window no longer fits.',
      ru: 'Поставьте $k = 9$ и $p = 0$ — посмотрите, что будет, когда окно больше не помещается.',
    },
    widget: 'conv-arithmetic',
    why: 'n = 6: with k = 9 and p = 1 the window (9) is wider than the padded input 6 + 2 = 8; with p = 0 than 6: ⌊(6 − 9)/2⌋ + 1 ≤ 0, so the field says why and the picture keeps the last valid layer (3 outputs)',
    run: async (_page, root, lang) => {
      const error = root.locator('[data-error="k"]');
      await fill(root, '[data-input="k"]', '9');
      await expect.poll(() => error.textContent()).toContain('k_eff = 9');
      expect(await error.textContent()).toContain('= 8');
      await fill(root, '[data-input="p"]', '0');
      await expect.poll(() => error.textContent()).toContain('= 6');
      expect(await error.textContent()).toMatch(
        lang === 'en' ? /wider than the padded input/ : /шире дополненного входа/,
      );
      expect(await root.locator('[data-input="k"]').getAttribute('aria-invalid')).toBe('true');
      expect(await root.locator('[data-error="p"]').count(), 'p = 0 itself is in range').toBe(0);
      expect(await textOf(root.locator('[data-nout]')), 'the rejected window changes nothing drawn').toBe(3);
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
      en: 'Now set the input to 9 × 9: the last layer gets three units, and the middle one (selected by default) has its whole window inside the image — no padding at all. The readout names its rows and columns',
      ru: 'Теперь задайте вход 9 × 9: у последнего слоя станет три признака, и у среднего (он выбран по умолчанию) всё окно лежит внутри изображения — без всякого отступа. Подпись называет его строки и столбцы',
    },
    widget: 'calculator',
    why: 'n: 9 → ⌊(9 + 2 − 3)/2⌋ + 1 = 5 → 3; the middle unit 1 is centred on 0.5 + 1·4 = 4.5 with r = 7: pixels 1…7',
    run: async (_page, root, lang) => {
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
      // Rows and columns 1…7: the window 4.5 ± 3.5 on each axis (u·S − P = 1·4 − 3 = 1 to 1 + 7 − 1).
      expect(await readout.locator('[data-window]').getAttribute('data-window')).toBe('1 7 1 7');
      expect(await readout.locator('[data-window]').textContent()).toMatch(
        lang === 'en' ? /rows 1–7 and columns 1–7/ : /строки 1–7 и столбцы 1–7/,
      );
    },
  },
  {
    lesson: '05-calculator',
    quote: {
      en: 'Tick separate h and w to give the two axes different values (a 1×7 convolution, say).',
      ru: 'Флажок h и w отдельно позволяет задать осям разные значения (например, свёртку 1×7).',
    },
    widget: 'calculator',
    why: 'the lecture at 9 × 9, layer 2 made 1×7 with padding 0 and 3: n = 9 → 5; h: ⌊(5 − 1)/2⌋ + 1 = 3, r = 3 + 0·2 = 3; w: ⌊(5 + 6 − 7)/2⌋ + 1 = 3, r = 3 + 6·2 = 15; start 0.5 + (0 − 0)·2 and 0.5 + (3 − 3)·2 = 0.5 on both',
    run: async (_page, root, lang) => {
      await root.locator('[data-preset-select]').selectOption('lecture');
      await fill(root, '[data-input="input-h"]', '9');
      await fill(root, '[data-input="input-w"]', '9');
      const layer = root.locator('[data-layer-index="2"]');
      await layer.getByRole('checkbox', { name: PER_AXIS[lang] }).check();
      await fill(layer, '[data-input="kernel-h"]', '1');
      await fill(layer, '[data-input="kernel-w"]', '7');
      await fill(layer, '[data-input="padding-h"]', '0');
      await fill(layer, '[data-input="padding-w"]', '3');
      const last = root.locator('tbody tr[data-row]').last();
      const cell = async (col: string) => (await last.locator(`td[data-col="${col}"]`).textContent())?.trim();
      await expect.poll(() => cell('r')).toMatch(/^3\s*×\s*15$/);
      expect([await cell('n'), await cell('j'), await cell('start')]).toEqual(['3', '4', '0.5']);
    },
  },
  {
    lesson: '05-calculator',
    quote: {
      en: 'conv k=3 s=2 p=1 | pool k=2 s=2 ceil | conv k=3 d=2 p=same. Paste a line there and the form follows; change the form and the line follows.',
      ru: 'conv k=3 s=2 p=1 | pool k=2 s=2 ceil | conv k=3 d=2 p=same. Вставьте строку — форма обновится; измените форму — обновится строка.',
    },
    widget: 'calculator',
    why: 'on 9 × 9: conv 3/2 p1 → n 5, r 3, j 2, start 0.5; 2×2/2 ceil pool → n ⌈3/2⌉ + 1 = 3, r 3 + 1·2 = 5, j 4, start 0.5 + ½·2 = 1.5; 3×3 d2 same (k_eff 5, 2 each side) → n 3, r 5 + 4·4 = 21, j 4, start 1.5 + (2 − 2)·4 = 1.5',
    run: async (_page, root) => {
      const text = root.locator('[data-stack-text]');
      await text.fill('conv k=3 s=2 p=1 | pool k=2 s=2 ceil | conv k=3 d=2 p=same');
      await fill(root, '[data-input="input-h"]', '9');
      await fill(root, '[data-input="input-w"]', '9');
      const last = root.locator('tbody tr[data-row]').last();
      const cell = async (col: string) => textOf(last.locator(`td[data-col="${col}"]`));
      await expect.poll(() => cell('r')).toBe(21);
      expect([await cell('n'), await cell('j'), await cell('start')]).toEqual([3, 4, 1.5]);
      expect(await root.locator('li[data-layer-index]').count(), 'the form has the three layers').toBe(3);
      expect(await root.locator('[data-layer-index="2"] select[data-action="op"]').inputValue()).toBe('pool');
      // The form changes the line: layer 1's kernel 5 appears in the text (n = ⌊(9 + 2 − 5)/2⌋ + 1 = 4).
      await fill(root.locator('[data-layer-index="1"]'), '[data-input="kernel-h"]', '5');
      await expect.poll(() => text.inputValue()).toMatch(/^conv k=5 s=2 p=1 \| pool k=2 (s=2 )?ceil \|/);
      await expect
        .poll(() => textOf(root.locator('tbody tr[data-row]').nth(1).locator('td[data-col="n"]')))
        .toBe(4);
    },
  },
  {
    lesson: '05-calculator',
    quote: {
      en: 'Type a stride of 0, a kernel larger than the feature map, or PyTorch\'s "same" with stride 2: the message appears next to the field that caused it, that layer is outlined, and the table and the picture keep showing the last network that could be computed. Nothing is lost; fix the field and the numbers come back.',
      ru: 'Введите шаг 0, ядро больше карты признаков или отступ «same» из PyTorch при шаге 2: сообщение появится рядом с полем, которое его вызвало, слой будет выделен, а таблица и рисунок продолжат показывать последнюю сеть, которую удалось посчитать. Ничего не теряется: исправьте поле, и числа вернутся.',
    },
    widget: 'calculator',
    why: 'the lecture: 5 → 3 → 2, r 7; stride 0 is outside 1…; layer 2 reads a 3-wide map padded to 5, narrower than a 9-wide kernel; PyTorch "same" exists only at stride 1',
    run: async (_page, root) => {
      await root.locator('[data-preset-select]').selectOption('lecture');
      const last = root.locator('tbody tr[data-row]').last();
      const lastR = () => textOf(last.locator('td[data-col="r"]'));
      await expect.poll(lastR).toBe(7);
      const border = (n: number) =>
        root.locator(`li[data-layer-index="${n}"]`).evaluate((el) => getComputedStyle(el).borderTopColor);
      const clean = await border(1);
      const wrong = async (n: number, field: string) => {
        const layer = root.locator(`li[data-layer-index="${n}"]`);
        const input = layer.locator(`[data-input="${field}"]`);
        await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
        const id = ((await input.getAttribute('aria-describedby')) ?? '').split(' ')[0] ?? '';
        expect(id, 'the field points at its message').not.toBe('');
        const message = layer.locator(`[id="${id}"]`);
        expect(((await message.textContent()) ?? '').trim(), 'the message sits in that layer').not.toBe('');
        expect(await border(n), 'that layer is outlined').not.toBe(clean);
        expect(await lastR(), 'the table keeps the last network').toBe(7);
        expect(await root.locator('[data-image-readout]').textContent(), 'and so does the picture').toContain(
          '7',
        );
        expect(await root.textContent()).not.toContain('NaN');
      };
      const stride = root.locator('li[data-layer-index="1"] [data-input="stride-h"]');
      await stride.fill('0');
      await wrong(1, 'stride-h');
      await stride.fill('2');
      await expect.poll(() => root.locator('[data-field-error]').count()).toBe(0);
      const kernel = root.locator('li[data-layer-index="2"] [data-input="kernel-h"]');
      await kernel.fill('9');
      await wrong(2, 'kernel-h');
      await kernel.fill('3');
      await expect.poll(() => root.locator('[data-field-error]').count()).toBe(0);
      const mode = root.locator('li[data-layer-index="2"] select[data-input="padMode"]');
      await mode.selectOption('torch-same');
      await expect.poll(() => root.locator('li[data-layer-index="2"] [data-field-error]').count()).toBe(1);
      expect(await border(2), 'that layer is outlined').not.toBe(clean);
      expect(await lastR()).toBe(7);
      await mode.selectOption('sym');
      await expect.poll(() => root.locator('[data-field-error]').count()).toBe(0);
      expect(await lastR(), 'fixed, the numbers come back').toBe(7);
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
    lesson: '06-why-rf-matters',
    quote: {
      en: 'then click the photo (or focus it, move the cursor with the arrow keys and press Enter)',
      ru: 'щёлкните по фото (или переведите на него фокус, подведите курсор стрелками и нажмите Enter)',
    },
    widget: 'photo-rf',
    why: 'the keyboard path to a unit: Home and Page Up put the cursor on unit (0, 0), two → reach column 2; the window of a corner unit overhangs the image (SAME padding of the 7×7/2 stem), so it sees less than r × r',
    run: async (page, root) => {
      await root.locator('[data-layer-select]').selectOption('block1');
      const stage = root.locator('[data-stage]');
      await stage.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('PageUp');
      await page.keyboard.press('Enter');
      const readout = root.locator('[data-readout]');
      await expect.poll(() => readout.textContent()).toMatch(/\(\D*0,\D*0 \//);
      expect(await root.locator('[data-rf-size]').getAttribute('data-rf-size')).toBe('35');
      const seen = ((await root.locator('[data-rf-seen]').getAttribute('data-rf-seen')) ?? '').split(' × ');
      expect(Number(seen[0]), 'part of the corner window lies in the padding').toBeLessThan(35);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await expect.poll(() => readout.textContent()).toMatch(/\(\D*0,\D*2 \//);
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
    lesson: '07-accuracy-vs-rf',
    quote: {
      en: 'Open "The data as a table" to read every number, including the trend\'s prediction.',
      ru: 'Раскройте «Данные таблицей», чтобы увидеть все числа, включая предсказание тренда.',
    },
    widget: 'accuracy-rf-chart',
    why: "the lecture's table gives each RF and TF-slim's checkpoint table each top-1; the trend is the least-squares line of top-1 against log RF over the ten networks, so each prediction is recomputed here from the two columns the table shows",
    run: async (_page, root) => {
      await root.locator('details.data summary').click();
      const rows = root.locator('details.data tbody tr[data-row]');
      await expect.poll(() => rows.count()).toBe(10);
      const table = await rows.evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
      );
      const inception = await root.locator('details.data tr[data-row="inception_v3"] td').allTextContents();
      expect(num(inception[0])).toBe(1311);
      expect(num(inception[1])).toBe(78);
      const x = table.map((r) => Math.log(num(r[0])));
      const y = table.map((r) => num(r[1]));
      const mx = x.reduce((a, b) => a + b, 0) / x.length;
      const my = y.reduce((a, b) => a + b, 0) / y.length;
      const slope =
        x.reduce((s, xi, i) => s + (xi - mx) * ((y[i] ?? 0) - my), 0) /
        x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
      expect(slope, 'accuracy grows with the RF').toBeGreaterThan(0);
      for (const [i, r] of table.entries()) {
        const predicted = my + slope * ((x[i] ?? 0) - mx);
        // The top-1 values are printed to 0.1, so the refit may differ from the widget's by a little.
        expect(Math.abs(num(r[2]) - predicted), `trend at ${r[0]} px`).toBeLessThan(0.2);
      }
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
  {
    lesson: '08-famous-networks',
    quote: {
      en: 'Try 512: the SAME-padded networks return to their 224 values',
      ru: 'Попробуйте 512: сети с SAME возвращаются к значениям при 224',
    },
    widget: 'famous-networks',
    why: "224 = 7·32 and 512 = 16·32: every SAME layer then reads a map divisible by its stride and pads as at 224 (mobilenet_v1 P = 126, inception_v2 P = 318, the lecture's table); at 321 they were 157 and 349",
    run: async (_page, root) => {
      const cell = (model: string, col: string) =>
        root.locator(`tr[data-model="${model}"] td[data-col="${col}"]`);
      const padding = async (model: string) =>
        num((await cell(model, 'padding').first().innerText()).split('\n')[0] ?? '');
      await expect.poll(() => padding('mobilenet_v1')).toBe(157);
      const size = root.locator('[data-input="size"]');
      await size.fill('512');
      await size.press('Enter');
      await expect.poll(() => padding('mobilenet_v1')).toBe(126);
      expect(await padding('inception_v2')).toBe(318);
      expect(await textOf(cell('mobilenet_v1', 'rf'))).toBe(315);
      expect(await textOf(cell('inception_v2', 'stride'))).toBe(32);
    },
  },
  {
    lesson: '08-famous-networks',
    quote: {
      en: 'Open the layers of inception_v3 and switch the chart to a linear scale: the curve bends upwards at each stride step',
      ru: 'Откройте слои inception_v3 и переключите график на линейную шкалу: кривая загибается вверх после каждого шага 2',
    },
    widget: 'famous-networks',
    why: "r grows by (k − 1)·j per layer and j doubles at each stride step, so on a linear axis the increments of r per step of depth grow: the curve is convex, ending at 1311 (the lecture's table)",
    run: async (_page, root) => {
      await root.locator('[data-open="inception_v3"]').click();
      const detail = root.locator('[data-detail="inception_v3"]');
      const chart = detail.locator('figure.growth');
      await expect.poll(() => chart.count()).toBe(1);
      await chart.locator('input[type="radio"][value="linear"]').check();
      await expect.poll(() => chart.getAttribute('data-scale')).toBe('linear');
      const points = await chart.locator('[data-point]').evaluateAll((els) =>
        els.map((el) => ({
          x: Number(el.getAttribute('cx')),
          y: Number(el.getAttribute('cy')),
          r: Number(/r = (\d+)/.exec(el.getAttribute('aria-label') ?? '')?.[1]),
        })),
      );
      expect(points.length).toBeGreaterThan(10);
      expect(points.at(-1)?.r).toBe(1311);
      // Plotted by depth: the points run left to right, and the curve goes through the largest r at
      // each depth (parallel branches of a block share a depth), which never shrinks.
      const curve: { x: number; y: number; r: number }[] = [];
      for (const p of points) {
        const top = curve.at(-1);
        expect(p.x, 'plotted by depth, left to right').toBeGreaterThanOrEqual(top?.x ?? 0);
        if (top === undefined || top.x !== p.x) curve.push(p);
        else if (p.r > top.r) curve[curve.length - 1] = p;
      }
      for (let i = 1; i < curve.length; i++)
        expect(curve[i]?.r, 'the curve never falls').toBeGreaterThanOrEqual(curve[i - 1]?.r ?? 0);
      const d = (await chart.locator('path.series.h').getAttribute('d')) ?? '';
      const drawn = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
      expect(drawn.length, 'one vertex per depth').toBe(curve.length);
      drawn.forEach((y, i) => expect(y).toBeCloseTo(curve[i]?.y ?? NaN, 1));
      // Linear: the height is an affine function of r (on the log scale it is not).
      const [first, last] = [curve[0], curve.at(-1)];
      if (!first || !last) throw new Error('no points');
      const perR = (last.y - first.y) / (last.r - first.r);
      for (const p of curve) expect(p.y).toBeCloseTo(first.y + (p.r - first.r) * perR, 0);
      // Bends upwards: r gains more over the second half of the depth than over the first.
      const mid = curve[Math.floor(curve.length / 2)];
      if (!mid) throw new Error('no middle point');
      expect(last.r - mid.r).toBeGreaterThan(mid.r - first.r);
    },
  },
  {
    lesson: '09-alignment',
    quote: {
      en: "Now set path A's $k$ to 2: with padding 1 it gives 9 features and the sum cannot be formed. Set its $p$ to 0: 8 features again, but unit 0 is now centred on 1 instead of 0.5 — misaligned (centre), 0.5 pixels apart. Mend it by giving path B a 2×2 window too: both centres are at 1 and the verdict is aligned again.",
      ru: 'Теперь поставьте $k = 2$ в пути A: с дополнением 1 он даёт 9 признаков, и сумму образовать нельзя. Поставьте в нём $p = 0$: снова 8 признаков, но нейрон 0 теперь центрирован на 1, а не на 0,5 — не согласованы (центр), на 0,5 пикс. врозь. Исправьте это, дав пути B тоже окно 2×2: оба центра на 1, и вердикт снова — согласованы.',
    },
    widget: 'alignment',
    why: 'n = 16: 3×3/2 p1 → ⌊15/2⌋ + 1 = 8, start 0.5; 1×1/2 → 8, start 0.5. 2×2/2 p1 → ⌊16/2⌋ + 1 = 9. 2×2/2 p0 → 8, start = 0.5 + (1/2 − 0)·1 = 1: 0.5 apart. unit u of two 2×2 paths: centre 1 + 2u in both',
    run: async (_page, root, lang) => {
      const verdict = root.locator('[data-verdict]');
      const q = (branch: string, name: string) =>
        textOf(root.locator(`[data-branch="${branch}"] [data-q="${name}"]`));
      await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('aligned');
      expect([await q('a', 'n'), await q('a', 'S'), await q('a', 'start')]).toEqual([8, 2, 0.5]);
      expect([await q('b', 'n'), await q('b', 'S'), await q('b', 'start')]).toEqual([8, 2, 0.5]);
      await fill(root, '[data-input="a.k"]', '2');
      await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('size');
      expect(await q('a', 'n')).toBe(9);
      await fill(root, '[data-input="a.p"]', '0');
      await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('centre');
      expect([await q('a', 'n'), await q('a', 'start')]).toEqual([8, 1]);
      expect(await verdict.textContent()).toMatch(lang === 'en' ? /0\.5/ : /0,5/);
      await fill(root, '[data-input="b.k"]', '2');
      await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('aligned');
      expect([await q('a', 'start'), await q('b', 'start')]).toEqual([1, 1]);
      // One step with the arrow: both windows move by S = 2, their centres staying together at 1 + 2u.
      const before = await attrOf(root.locator('[data-unit]'), 'data-unit');
      await root.locator('[data-unit-next]').click();
      await expect.poll(() => attrOf(root.locator('[data-unit]'), 'data-unit')).toBe(before + 1);
      expect(await attrOf(root.locator('[data-centre="a"]'), 'data-x')).toBe(1 + 2 * (before + 1));
      expect(await attrOf(root.locator('[data-centre="b"]'), 'data-x')).toBe(1 + 2 * (before + 1));
    },
  },
  {
    lesson: '10-effective-rf',
    quote: {
      en: 'the ratio under the uniform column falls from about 76 % at $n = 5$ to under 30 % at $n = 40$.',
      ru: 'отношение в столбце с одинаковыми весами падает примерно с 76 % при $n = 5$ до менее чем 30 % при $n = 40$.',
    },
    widget: 'erf-figure-grid',
    why: 'uniform 3×3 layers: r = 1 + 2n = 11, 21, 41, 81; the ERF size is the side of the area above 1 − 95.45 % of the centre value of the n-fold box convolution (worked out in the ERF unit tests): 8.3, 11.7, 16.2, 22.7 → 76 %, 56 %, 39 %, 28 %',
    run: async (_page, root) => {
      // Column 0 is "uniform"; rows are n = 5, 10, 20, 40.
      const expected = [
        [11, 8.3],
        [21, 11.7],
        [41, 16.2],
        [81, 22.7],
      ] as const;
      for (const [row, [rf, erf]] of expected.entries()) {
        const cell = root.locator(`[data-cell="${row * 3}"]`);
        await expect
          .poll(() => cell.locator('[data-luo-size]').getAttribute('data-luo-size'), { timeout: 30_000 })
          .not.toBe('');
        expect(await attrOf(cell.locator('[data-rf-square]'), 'data-rf-square')).toBe(rf);
        const size = await attrOf(cell.locator('[data-luo-size]'), 'data-luo-size');
        expect(size).toBeCloseTo(erf, 1);
        const ratio = num(
          (await cell.locator('[data-luo-size] span').nth(1).textContent())?.replace('%', '') ?? null,
        );
        expect(ratio).toBe(Math.round((100 * size) / rf));
      }
      const first = num(
        (await root.locator('[data-cell="0"] [data-luo-size] span').nth(1).textContent())?.replace('%', '') ??
          null,
      );
      const last = num(
        (await root.locator('[data-cell="9"] [data-luo-size] span').nth(1).textContent())?.replace('%', '') ??
          null,
      );
      expect(first).toBe(76);
      expect(last).toBeLessThan(30);
    },
  },
  {
    lesson: '10-effective-rf',
    quote: {
      en: 'Start with 10 uniform layers and note σ against the CLT prediction $\\sqrt{10 \\cdot 8 / 12} \\approx 2.58$. Set 20 layers: the theoretical RF goes from 21 to 41 pixels, but the ERF size only from 11.7 to 16.2. Now turn on the skip connections and watch the ERF shrink; then instead give the first two layers stride 2 and watch it grow.',
      ru: 'Начните с 10 слоёв с одинаковыми весами и сравните σ с предсказанием ЦПТ $\\sqrt{10 \\cdot 8 / 12} \\approx 2{,}58$. Поставьте 20 слоёв: теоретическое RF вырастет с 21 до 41 пикселя, а размер ERF — лишь с 11,7 до 16,2. Теперь включите skip-соединения и посмотрите, как ERF сжимается; затем вместо этого дайте первым двум слоям страйд 2 — ERF вырастет.',
    },
    widget: 'erf-playground',
    why: 'σ = √(n(k² − 1)/12) = √(10·8/12) ≈ 2.58; r = 1 + 2n: 21 → 41; ERF sizes of the box convolution 11.7 → 16.2; with skip connections 10 layers give 8.3 (the lesson\'s "What changes the ERF")',
    run: async (_page, root) => {
      const luo = () => attrOf(root.locator('[data-luo-size]'), 'data-luo-size');
      const rf = () => attrOf(root.locator('[data-rf-theoretical]'), 'data-rf-theoretical');
      const done = () =>
        expect.poll(() => root.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
      await done();
      await root.locator('select[data-field="weights"]').selectOption('uniform');
      await root.locator('select[data-field="activation"]').selectOption('none');
      await fill(root, 'input[data-field="layers"]', '10');
      await expect.poll(rf).toBe(21);
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(11.7, 1);
      await done();
      expect(await textOf(root.locator('[data-clt]'))).toBe(2.58);
      const sigma = num((await root.locator('[data-sigma]').textContent())?.split(/,\s|;\s/)[0] ?? '');
      expect(Math.abs(sigma - 2.58), 'σ of the uniform map is the CLT value').toBeLessThan(0.05);
      await fill(root, 'input[data-field="layers"]', '20');
      await expect.poll(rf).toBe(41);
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(16.2, 1);
      await fill(root, 'input[data-field="layers"]', '10');
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(11.7, 1);
      await root.locator('input[data-field="residual"]').check();
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(8.3, 1);
      expect(await rf(), 'the skips leave the theoretical RF alone').toBe(21);
      await root.locator('input[data-field="residual"]').uncheck();
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(11.7, 1);
      await fill(root, 'input[data-field="strided"]', '2');
      await expect.poll(luo, { timeout: 20_000 }).toBeGreaterThan(13);
    },
  },
  {
    lesson: '10-effective-rf',
    quote: {
      en: 'Set the dilation to 2 and look at the holes. With random weights the map of mean $|g|$ is noticeably wider than the box convolution; switch the averaging to mean $g^2$, the variance the paper analyses, and σ comes back close to the CLT value. Finally choose random weights with ReLU, 16 channels and 256 draws, and cancel the run halfway if you get bored.',
      ru: 'Поставьте дилатацию 2 и посмотрите на дырки. Со случайными весами карта среднего $|g|$ заметно шире свёртки прямоугольников; переключите усреднение на среднее $g^2$ — ту дисперсию, которую анализирует статья, — и σ вернётся почти к значению ЦПТ. Наконец, выберите случайные веса с ReLU, 16 каналов и 256 прогонов — и отмените расчёт на полпути, если надоест ждать.',
    },
    widget: 'erf-playground',
    why: 'with every 3×3 tap dilated by 2, a gradient reaches only pixels at even offsets from the centre, so the odd ones are exactly 0 (the darkest colour); random weights: the mean of |g| is flatter than the box, the mean of g² has variance n(k² − 1)/12 again (σ ≈ 2.58 at n = 10)',
    run: async (page, root) => {
      const luo = () => attrOf(root.locator('[data-luo-size]'), 'data-luo-size');
      const done = () =>
        expect.poll(() => root.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
      // The previous row left 10 uniform layers with two strided ones: take the strides away again.
      await fill(root, 'input[data-field="strided"]', '0');
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(11.7, 1);
      await fill(root, 'input[data-field="dilation"]', '2');
      await expect.poll(() => attrOf(root.locator('[data-rf-theoretical]'), 'data-rf-theoretical')).toBe(41);
      await done();
      // The centre row of the drawn map: odd offsets are holes, even ones are not (polled: the map
      // is redrawn when the worker's run for d = 2 ends).
      const centreRow = () =>
        page.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>('[data-erf-canvas]');
          const ctx = canvas?.getContext('2d');
          if (!canvas || !ctx) return 'no map';
          const c = (canvas.width - 1) / 2;
          if (!Number.isInteger(c)) return 'no centre pixel';
          const px = (x: number) => Array.from(ctx.getImageData(x, c, 1, 1).data.slice(0, 3)).join(',');
          const [p0, p1, p2, p3, p4, p5, p6] = [0, 1, 2, 3, 4, 5, 6].map((d) => px(c + d));
          const holes = p3 === p1 && p5 === p1;
          const filled = [p0, p2, p4, p6].every((p) => p !== p1);
          return holes && filled ? 'holes at odd offsets' : `no holes: ${[p0, p1, p2, p3].join(' ')}`;
        });
      await expect.poll(centreRow, { timeout: 30_000 }).toBe('holes at odd offsets');
      await fill(root, 'input[data-field="dilation"]', '1');
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(11.7, 1);
      const uniform = await luo();
      await root.locator('select[data-field="weights"]').selectOption('random');
      await done();
      await expect.poll(luo, { timeout: 30_000 }).toBeGreaterThan(uniform * 1.1);
      await root.locator('select[data-field="averaging"]').selectOption('square');
      await done();
      // σ of the mean-g² map, once the run for it has ended, is within 10 % of the CLT value.
      const sigma = async () =>
        num((await root.locator('[data-sigma]').textContent())?.split(/,\s|;\s/)[0] ?? '');
      await expect.poll(async () => Math.abs((await sigma()) - 2.58) < 0.258, { timeout: 30_000 }).toBe(true);
      // ReLU, 16 channels, 256 draws: a long run that the Cancel button stops part-way.
      await root.locator('select[data-field="activation"]').selectOption('relu');
      await fill(root, 'input[data-field="channels"]', '16');
      await fill(root, 'input[data-field="draws"]', '256');
      // Each change starts its own run after a pause: wait for the run of all 256 draws, not the
      // one the channel change started (cancelling that one would leave the next to start).
      await expect
        .poll(() => root.getByRole('progressbar').getAttribute('aria-valuetext'), { timeout: 20_000 })
        .toMatch(/\/ 256\s*$/);
      await expect.poll(() => root.getAttribute('data-status'), { timeout: 20_000 }).toBe('running');
      await root.locator('[data-cancel]').click();
      await expect.poll(() => root.getAttribute('data-status')).toBe('cancelled');
      expect(await root.locator('[data-run-error]').count(), 'cancelling is not an error').toBe(0);
    },
  },
  {
    lesson: '10-effective-rf',
    quote: {
      en: 'Its simpler networks tell the same story: 16 uniform $3 \\times 3$ layers (RF 33) have an ERF size of 14.6 pixels, while 4 layers of $7 \\times 7$ (RF 25) reach 17.7',
      ru: 'у 16 одинаковых слоёв $3 \\times 3$ (RF 33) размер ERF 14,6 пикселя, а у 4 слоёв $7 \\times 7$ (RF 25) — 17,7',
    },
    widget: 'erf-playground',
    why: 'r = 1 + 16·2 = 33 and 1 + 4·6 = 25; ERF sizes of the box convolutions 14.6 and 17.7; σ = √(16·8/12) ≈ 3.27 (the exercise on σ)',
    run: async (_page, root) => {
      const luo = () => attrOf(root.locator('[data-luo-size]'), 'data-luo-size');
      const rf = () => attrOf(root.locator('[data-rf-theoretical]'), 'data-rf-theoretical');
      await fill(root, 'input[data-field="strided"]', '0');
      await fill(root, 'input[data-field="layers"]', '16');
      await expect.poll(rf).toBe(33);
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(14.6, 1);
      expect(await textOf(root.locator('[data-clt]'))).toBe(3.27);
      await fill(root, 'input[data-field="layers"]', '4');
      await fill(root, 'input[data-field="kernel"]', '7');
      await expect.poll(rf).toBe(25);
      await expect.poll(luo, { timeout: 20_000 }).toBeCloseTo(17.7, 1);
    },
  },
  {
    lesson: '10-effective-rf',
    quote: {
      en: 'about 5.2 pixels here against 3.7 for the 20 plain layers.',
      ru: '5,2 пикселя против 3,7 у 20 обычных слоёв.',
    },
    widget: 'erf-playground',
    why: 'ten 3×3 layers with d = 2: r = 1 + 10·2·2 = 41, the RF of 20 plain layers (1 + 20·2); σ = d√(n(k² − 1)/12) = 2√(10·8/12) ≈ 5.16 against √(20·8/12) ≈ 3.65',
    run: async (_page, root) => {
      const rf = () => attrOf(root.locator('[data-rf-theoretical]'), 'data-rf-theoretical');
      const clt = () => textOf(root.locator('[data-clt]'));
      await fill(root, 'input[data-field="kernel"]', '3');
      await fill(root, 'input[data-field="layers"]', '20');
      await expect.poll(rf).toBe(41);
      await expect.poll(clt).toBe(3.65);
      await fill(root, 'input[data-field="layers"]', '10');
      await fill(root, 'input[data-field="dilation"]', '2');
      await expect.poll(rf).toBe(41);
      await expect.poll(clt).toBe(5.16);
      await fill(root, 'input[data-field="dilation"]', '1');
    },
  },
  {
    lesson: '10-effective-rf',
    quote: {
      en: "Choose 40 layers and click the middle of the astronaut's face. The box, 81 pixels wide, covers the whole face (about 67 pixels across)",
      ru: 'Выберите 40 слоёв и щёлкните по середине лица астронавта. Рамка шириной 81 пиксель накрывает всё лицо (около 67 пикселей в поперечнике)',
    },
    widget: 'erf-on-photo',
    why: 'r = 1 + 40·2 = 81; the face spans x 150…302, y 14…166 of the 512-pixel photo, 152·224/512 ≈ 67 px at 224; its middle (226, 90) → (98.9, 39.4); a window 81 wide centred there covers x 59…140, y −1…80, the whole face',
    run: async (page, root) => {
      await root.locator('select[data-field="layers"]').selectOption('40');
      const at = await root.locator('[data-photo]').boundingBox();
      if (at === null) throw new Error('no photo');
      await page.mouse.click(at.x + (at.width * 226) / 512, at.y + (at.height * 90) / 512);
      await expect.poll(() => root.locator('[data-rf-size]').getAttribute('data-rf-size')).toBe('81');
      const [h = NaN, w = NaN] = (
        (await root.locator('[data-erf-overlay]').getAttribute('data-centre')) ?? ''
      )
        .split(',')
        .map(Number);
      const face = {
        x0: (150 * 224) / 512,
        x1: (302 * 224) / 512,
        y0: (14 * 224) / 512,
        y1: (166 * 224) / 512,
      };
      expect(w - 40 <= face.x0 && w + 41 >= face.x1, `the box around column ${w} spans the face`).toBe(true);
      expect(h - 40 <= face.y0 && h + 41 >= face.y1, `the box around row ${h} spans the face`).toBe(true);
      await expect
        .poll(() => root.locator('[data-erf-overlay]').getAttribute('data-drawn'), { timeout: 20_000 })
        .toBe('true');
    },
  },
  {
    lesson: '11-your-network',
    quote: {
      en: "Open the lecture's example. The last node, conv2, shows $r = 7$, $S = 4$ and $P = 3$ — the same numbers as the last row of the calculator. Then open the small ResNet, pick block.se.scale and read the global-context line; set the input to 64 × 64 and see which numbers change.",
      ru: 'Откройте пример из лекции. Последний узел, conv2, показывает $r = 7$, $S = 4$ и $P = 3$ — те же числа, что в последней строке калькулятора. Затем откройте маленький ResNet, выберите block.se.scale и прочитайте строку о глобальном контексте; задайте вход 64 × 64 и посмотрите, какие числа изменятся.',
    },
    widget: 'onnx-report',
    why: 'lecture: conv2 r = 3 + 2·2 = 7, S = 4, P = 3. Small ResNet at 32: stem 3×3/2 p1 (r 3, j 2), two 3×3 p1 (r 7, 11): block.se.scale r = 11, S = 2, P = 5, n = 16; at 64 only n changes, to 32',
    run: async (_page, root) => {
      const cell = async (row: string, col: string) =>
        ((await root.locator(`tr[data-row="${row}"] td[data-col="${col}"]`).textContent()) ?? '').trim();
      await root.locator('[data-example="lecture"]').click();
      await expect
        .poll(() => root.locator('[data-at]').getAttribute('data-at'), { timeout: 20_000 })
        .toBe('conv2');
      expect(await root.locator('[data-at] [data-value="r"]').textContent()).toBe('7');
      expect(await root.locator('[data-at] [data-value="S"]').textContent()).toBe('4');
      expect(await root.locator('[data-at] [data-value="P"]').textContent()).toBe('3');
      await root.locator('[data-example="resnet"]').click();
      await expect.poll(() => cell('block.se.scale', 'r'), { timeout: 20_000 }).toBe('11');
      await root.locator('[data-node-select]').selectOption('block.se.scale');
      await expect.poll(() => root.locator('[data-at]').getAttribute('data-at')).toBe('block.se.scale');
      const global = root.locator('[data-global-context]');
      await expect.poll(() => global.count()).toBe(1);
      expect(
        (await global.getAttribute('data-global-context')) ?? '',
        'names the node where the gate joins',
      ).not.toBe('');
      expect([
        await cell('block.se.scale', 'n'),
        await cell('block.se.scale', 'S'),
        await cell('block.se.scale', 'P'),
      ]).toEqual(['16', '2', '5']);
      await root.locator('[data-size-input="h"]').fill('64');
      await root.locator('[data-size-input="w"]').fill('64');
      await root.locator('[data-apply-size]').click();
      await expect.poll(() => cell('block.se.scale', 'n'), { timeout: 20_000 }).toBe('32');
      expect([
        await cell('block.se.scale', 'r'),
        await cell('block.se.scale', 'S'),
        await cell('block.se.scale', 'P'),
      ]).toEqual(['11', '2', '5']);
      expect(await root.locator('[data-at]').getAttribute('data-at'), 'the picked node stays').toBe(
        'block.se.scale',
      );
      expect(
        await root.locator('[data-size-failure], [data-engine-error], [data-import-error]').count(),
      ).toBe(0);
    },
  },
  {
    lesson: '12-designing',
    quote: {
      en: 'With the starting values (a 224-pixel input, a unit that must see 100 pixels) the depth-only stack needs 50 layers, alternating 3×3 and stride-2 convolutions need 10, and doubling dilations need 6.',
      ru: 'нужно 50 слоёв, чередованию свёрток 3×3 и свёрток со stride 2 — 10, удваивающимся dilation — 6.',
    },
    widget: 'designer',
    why: '1 + 2·50 = 101 ≥ 100 > 99; stride-2 stages: 10 layers reach 125; doubling dilation 2^(6+1) − 1 = 127 ≥ 100 > 63',
    run: async (_page, root) => {
      const fact = (id: string, name: string) =>
        root.locator(`[data-proposal="${id}"] [data-fact="${name}"]`).first();
      await expect.poll(() => fact('depth', 'depth').textContent(), { timeout: 15_000 }).toBe('50');
      expect(await fact('stride', 'depth').textContent()).toBe('10');
      expect(await fact('dilation', 'depth').textContent()).toBe('6');
      expect(await fact('dilation', 'rf').textContent()).toBe('127');
    },
  },
  {
    lesson: '12-designing',
    quote: {
      en: 'tick "Also show the other models of the zoo" and open the layers of **torchvision-resnet50** at 224 px. The panel under its chart gives the usable input sizes as 97 to 427 px, and its table gives layer4 a shortest-path RF of 11 px and a longest-path RF of 427 px.',
      ru: 'отметьте «Показать и другие модели» и откройте слои **torchvision-resnet50** при 224 px. Панель под графиком даёт допустимые размеры входа от 97 до 427 px, а её таблица — RF слоя layer4 по кратчайшему пути 11 px и по длиннейшему 427 px.',
    },
    widget: 'designer',
    why: 'shortest path: stem 7×7/2 then max-pool 3×3/2, r = 7 + 2·2 = 11; longest path 427 (the RF toolbox); below 97 the five halvings leave layer4 maps of at most 3 cells (96 → 48, 24, 12, 6, 3)',
    run: async (page, _root, lang) => {
      // The prompt's link leads to the famous networks' widget on lesson 8.
      await page.locator('.try-it a[href*="08-famous-networks"]').first().click();
      await page.waitForURL(/08-famous-networks\/#widget-famous-networks$/);
      const root = page.locator('[data-widget="famous-networks"]');
      await scrollIntoView(page, '[data-widget="famous-networks"]', 0);
      await page.waitForFunction(
        () =>
          document
            .querySelector('[data-widget="famous-networks"]')
            ?.closest('astro-island')
            ?.hasAttribute('ssr') === false,
      );
      const open = root.locator('[data-open="torchvision-resnet50"]');
      await expect.poll(() => root.locator('tr[data-model]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await root.locator('[data-show-all]').check();
      await expect.poll(() => open.count(), { timeout: 15_000 }).toBe(1);
      await open.click();
      const range = root.locator('[data-fact="range"]');
      await expect.poll(() => range.count(), { timeout: 15_000 }).toBe(1);
      expect(await range.textContent()).toContain(lang === 'en' ? '97 to 427 px' : 'от 97 до 427 px');
      await root.locator('[data-diagnostics] details summary').click();
      const row = root.locator('[data-diagnostics] tr[data-row="layer4"] td.num');
      await expect.poll(() => row.count()).toBe(2);
      expect([await textOf(row.nth(0)), await textOf(row.nth(1))]).toEqual([11, 427]);
    },
  },
  {
    lesson: '12-designing',
    quote: {
      en: 'Open in the calculator loads the stack into the calculator.',
      ru: 'Кнопка Открыть в калькуляторе загружает стек в калькулятор.',
    },
    widget: 'designer',
    // The row before leaves lesson 12 for lesson 8: come back to the lesson.
    query: '',
    why: 'the stride card at 224 px and r ≥ 100: 3×3 s1 and 3×3 s2 alternating, r = 3, 5, 9, 13, 21, 29, 45, 61, 93, 125 and j = 32 after five stride-2 layers; n = 224 / 32 = 7',
    run: async (page, root) => {
      const link = root.locator('[data-proposal="stride"] a[data-open-calculator]');
      await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
      await link.click();
      await page.waitForURL(/05-calculator\/\?calc=/);
      await hydrated(page, '[data-widget="calculator"]');
      const calc = page.locator('[data-widget="calculator"]');
      const last = calc.locator('tbody tr[data-row]').last();
      await expect.poll(() => textOf(last.locator('td[data-col="r"]')), { timeout: 15_000 }).toBe(125);
      expect(await calc.locator('ol[data-layer-count]').getAttribute('data-layer-count'), 'ten layers').toBe(
        '10',
      );
      expect(await textOf(last.locator('td[data-col="j"]'))).toBe(32);
      expect(await textOf(last.locator('td[data-col="n"]'))).toBe(7);
    },
  },
];

/** The rows of one lesson, in the order they run on one page (later rows start where earlier ones left off). */
const LESSONS = [...new Set(ROWS.map((row) => row.lesson))].map((lesson) => ({
  lesson,
  rows: ROWS.filter((row) => row.lesson === lesson),
}));

/** The lesson's text, with formulas as their TeX source and bold as `**…**`, the form the sources use. */
function lessonText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.querySelector('.lesson-body');
    if (!body) return '';
    const copy = body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.katex').forEach((k) => {
      const tex = k.querySelector('annotation')?.textContent ?? '';
      k.replaceWith(`$${tex}$`);
    });
    copy.querySelectorAll('strong').forEach((s) => s.replaceWith(`**${s.textContent ?? ''}**`));
    // Typographic quotes are written as plain ones in the sources.
    return (copy.textContent ?? '').replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  });
}

describe('every "Try it" works as written', () => {
  // One page per lesson and language: the rows of a lesson run one after the other on it.
  const cases = LESSONS.flatMap(({ lesson, rows }) =>
    (['en', 'ru'] as const).map(
      (lang) => [`${lang} ${lesson}: ${rows.map((r) => r.why).join(' | ')}`, lesson, rows, lang] as const,
    ),
  );
  test.for(cases)('%s', async ([, lesson, rows, lang]) => {
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      await page.goto(`${site.url}${lang}/lessons/${lesson}/${rows[0]?.query ?? ''}`, { waitUntil: 'load' });
      // The lesson says what each row quotes.
      const text = await lessonText(page);
      for (const row of rows) expect(text, 'the lesson text').toContain(row.quote[lang].replace(/\s+/g, ' '));
      for (const row of rows) {
        if (row.query !== undefined && row !== rows[0])
          await page.goto(`${site.url}${lang}/lessons/${lesson}/${row.query}`, { waitUntil: 'load' });
        const selector = `[data-widget="${row.widget}"]`;
        await scrollIntoView(page, selector, row.index ?? 0);
        await page.waitForFunction(
          ([s, i]) => {
            const el = document.querySelectorAll(s)[i];
            const island = el?.closest('astro-island');
            return (
              el !== undefined && (island === null || island === undefined || !island.hasAttribute('ssr'))
            );
          },
          [selector, row.index ?? 0] as const,
        );
        await row.run(page, page.locator(selector).nth(row.index ?? 0), lang);
      }
      expect.soft(problems.pageErrors, formatList('uncaught errors', problems.pageErrors)).toEqual([]);
      expect.soft(problems.consoleErrors, formatList('console errors', problems.consoleErrors)).toEqual([]);
    });
  });
});
