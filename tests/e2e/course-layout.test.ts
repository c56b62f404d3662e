/**
 * Layout of the lessons where a reader lost sight of what the text talks about: headings reached by
 * a link stop below the sticky header and the table of contents follows the reading; on a phone the
 * header takes two rows and the lesson menu starts closed; the tables of famous networks keep r, S,
 * P and every button in view at every width.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eContext } from './support/context';
import { hydrateIslands, withPage } from './support/browser';

const site = e2eContext().sub;
const lesson = (lang: string, slug: string, query = '') => `${site.url}${lang}/lessons/${slug}/${query}`;

async function headerBottom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('.site-header');
    if (!header) return 0;
    const box = header.getBoundingClientRect();
    return getComputedStyle(header).position === 'sticky' ? box.bottom : 0;
  });
}

describe('headings reached by a link', () => {
  test.for(['en', 'ru'])(
    '%s: a #fragment and a table-of-contents link land below the header',
    async (lang) => {
      await withPage({}, async (page) => {
        await page.goto(lesson(lang, '02-formulas'), { waitUntil: 'load' });
        const ids = await page.$$eval('.lesson-body h2[id]', (hs) => hs.map((h) => h.id));
        expect(ids.length).toBeGreaterThanOrEqual(3);
        const target = ids[2] as string;
        await page.goto(lesson(lang, '02-formulas', `#${encodeURIComponent(target)}`), { waitUntil: 'load' });
        await page.waitForTimeout(200);
        const bottom = await headerBottom(page);
        expect(bottom, 'the header is sticky at 1280 px').toBeGreaterThan(0);
        const top = await page.$eval(`[id="${target}"]`, (h) => h.getBoundingClientRect().top);
        expect(top, 'heading top below the sticky header').toBeGreaterThanOrEqual(bottom);

        // A table-of-contents link: the same, and its entry becomes the highlighted one.
        const other = ids[1] as string;
        await page.locator(`.lesson-toc a[href="#${other}"]`).click();
        await page.waitForTimeout(300);
        const top2 = await page.$eval(`[id="${other}"]`, (h) => h.getBoundingClientRect().top);
        expect(top2).toBeGreaterThanOrEqual(await headerBottom(page));
        await expect
          .poll(() => page.locator('.lesson-toc a[aria-current="true"]').getAttribute('href'))
          .toBe(`#${other}`);
        expect(await page.locator('.lesson-toc a[aria-current="true"]').count()).toBe(1);
      });
    },
  );

  test('the table of contents follows the scrolling', async () => {
    await withPage({}, async (page) => {
      await page.goto(lesson('en', '06-why-rf-matters'), { waitUntil: 'load' });
      const ids = await page.$$eval('.lesson-body h2[id]', (hs) => hs.map((h) => h.id));
      const current = () => page.locator('.lesson-toc a[aria-current="true"]').getAttribute('href');
      await expect.poll(current).toBe(`#${ids[0]}`);
      await page.$eval(`[id="${ids[2]}"]`, (h) => h.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await expect.poll(current).toBe(`#${ids[2]}`);
    });
  });
});

describe('phone, 360 × 740', () => {
  test.for(['en', 'ru'])(
    '%s: the header takes at most two rows and the lesson starts near the top',
    async (lang) => {
      await withPage(
        { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
        async (page) => {
          await page.goto(lesson(lang, '02-formulas'), { waitUntil: 'load' });
          const header = await page.$eval('.site-header', (h) => h.getBoundingClientRect().height);
          expect(header, 'header height in px (two rows are about 100)').toBeLessThanOrEqual(105);
          expect(await page.$eval('.sidebar-details', (d) => (d as HTMLDetailsElement).open)).toBe(false);
          const title = await page.$eval('.lesson-header h1', (h) => h.getBoundingClientRect().top);
          expect(title, 'the lesson title starts in the top third of the screen').toBeLessThan(250);
          // The menu still opens.
          await page.locator('.sidebar-details summary').click();
          await expect
            .poll(() => page.locator('.lesson-sidebar a[aria-current="page"]').isVisible())
            .toBe(true);
        },
      );
    },
  );

  test('on a wide screen the lesson menu is shown without opening it', async () => {
    await withPage({}, async (page) => {
      await page.goto(lesson('en', '02-formulas'), { waitUntil: 'load' });
      expect(await page.locator('.lesson-sidebar a[aria-current="page"]').isVisible()).toBe(true);
    });
  });
});

/** Columns of a table whose cells are cut off: outside the viewport or outside a scrolling box. */
async function hiddenColumns(page: Page, tableSelector: string, columns: string[]): Promise<string[]> {
  return page.evaluate(
    ({ tableSelector, columns }) => {
      const table = document.querySelector(tableSelector);
      if (!table) return ['no table'];
      const hidden: string[] = [];
      const clipBoxes: Element[] = [];
      for (let el = table.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (/(auto|scroll|hidden)/.test(style.overflowX)) clipBoxes.push(el);
      }
      for (const col of columns) {
        const cell = table.querySelector(col);
        if (!cell) {
          hidden.push(`${col} (missing)`);
          continue;
        }
        const box = cell.getBoundingClientRect();
        const clipped =
          box.right > window.innerWidth + 1 ||
          clipBoxes.some((c) => {
            const b = c.getBoundingClientRect();
            return box.right > b.right + 1 || box.left < b.left - 1;
          });
        if (clipped) hidden.push(col);
      }
      return hidden;
    },
    { tableSelector, columns },
  );
}

describe('famous networks: every column that matters is in view', () => {
  test.for([1280, 1920])('%i px: the per-layer table shows r, start, S, P and the notes', async (width) => {
    await withPage({ viewport: { width, height: 900 } }, async (page) => {
      await page.goto(lesson('en', '08-famous-networks', '?famous=open%3Dinception_v3'), {
        waitUntil: 'load',
      });
      expect(await hydrateIslands(page)).toEqual([]);
      await page.locator('.detail .layer-table tbody tr[data-row]').first().waitFor();
      const cols = ['r', 'start', 'S', 'P'].map((c) => `tbody tr[data-row] td[data-col="${c}"]`);
      expect(
        await hiddenColumns(page, '.detail .layer-table table', [...cols, 'tbody tr[data-row] td.flags']),
      ).toEqual([]);
      const sideways = await page.$eval(
        '.detail .layer-table .scroll',
        (el) => el.scrollWidth - el.clientWidth,
      );
      expect(sideways, 'the per-layer table does not scroll sideways').toBeLessThanOrEqual(1);
    });
  });

  test.for([768, 360])('%i px: the main table shows the year and the "layers" buttons', async (width) => {
    await withPage({ viewport: { width, height: 900 } }, async (page) => {
      await page.goto(lesson('en', '08-famous-networks'), { waitUntil: 'load' });
      expect(await hydrateIslands(page)).toEqual([]);
      await page.locator('[data-widget="famous-networks"] tbody tr[data-model]').first().waitFor();
      expect(
        await hiddenColumns(page, '[data-widget="famous-networks"] table', [
          'tbody tr td[data-col="padding"]',
          'tbody tr td[data-col="year"]',
          'tbody tr button[data-open]',
        ]),
      ).toEqual([]);
    });
  });
});

describe('accuracy against RF chart', () => {
  test.for([
    [1280, 'en'],
    [1920, 'ru'],
    [360, 'en'],
    [360, 'ru'],
  ] as const)(
    '%i px (%s): every network is named, no label collides, the legend is outside the plot',
    async ([width, lang]) => {
      await withPage({ viewport: { width, height: 900 } }, async (page) => {
        await page.goto(lesson(lang, '07-accuracy-vs-rf'), { waitUntil: 'load' });
        expect(await hydrateIslands(page)).toEqual([]);
        const root = page.locator('[data-widget="accuracy-rf-chart"]');
        await expect.poll(() => root.locator('[data-point]').count()).toBe(10);
        const report = await root.evaluate((el) => {
          const svg = el.querySelector('svg');
          const labels = [...el.querySelectorAll<SVGTextElement>('[data-label]')].map((t) => {
            const b = t.getBoundingClientRect();
            return {
              id: t.dataset['label'] ?? '',
              text: t.textContent ?? '',
              x0: b.left,
              x1: b.right,
              y0: b.top,
              y1: b.bottom,
            };
          });
          const trend = el.querySelector<SVGPathElement>('[data-trend]');
          const samples: { x: number; y: number }[] = [];
          if (trend && svg) {
            const m = svg.getScreenCTM();
            const len = trend.getTotalLength();
            for (let i = 0; i <= 200; i++) {
              const p = trend.getPointAtLength((len * i) / 200);
              samples.push({ x: (m?.a ?? 1) * p.x + (m?.e ?? 0), y: (m?.d ?? 1) * p.y + (m?.f ?? 0) });
            }
          }
          const ticks = [...el.querySelectorAll('.grid text')].map((t) => (t.textContent ?? '').trim());
          const legendInSvg =
            svg?.querySelector('.legend') !== null && svg?.querySelector('.legend') !== undefined;
          const key = [...el.querySelectorAll('[data-key-item]')].map((li) =>
            li.getAttribute('data-key-item'),
          );
          return {
            labels,
            samples,
            ticks,
            legendInSvg,
            key,
            legend: el.querySelector('[data-legend]') !== null,
          };
        });
        expect(report.labels.length, 'a label for every bubble').toBe(10);
        const hit = (a: (typeof report.labels)[number], b: (typeof report.labels)[number]) =>
          a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
        const collisions: string[] = [];
        report.labels.forEach((a, i) =>
          report.labels.forEach((b, j) => {
            if (i < j && hit(a, b)) collisions.push(`${a.id} / ${b.id}`);
          }),
        );
        expect(collisions, 'labels that overlap').toEqual([]);
        const onTrend = report.labels
          .filter((l) => report.samples.some((p) => p.x > l.x0 && p.x < l.x1 && p.y > l.y0 && p.y < l.y1))
          .map((l) => l.id);
        expect(onTrend, 'labels the trend line runs through').toEqual([]);
        expect(report.legendInSvg, 'GFLOPs legend drawn inside the plot').toBe(false);
        expect(report.legend).toBe(true);
        // 200 (the left end, near alexnet_v2 and vgg_16) and 1000 are never dropped; a wide chart shows more.
        for (const tick of width < 560 ? ['200', '1000'] : ['200', '300', '1000', '2000'])
          expect(report.ticks).toContain(tick);
        if (width < 560) expect(report.key.length, 'numbered key lists every network').toBe(10);
      });
    },
  );
});

describe('print', () => {
  test.for(['en', 'ru'])(
    '%s: the worked example prints every step, and headings keep to their text',
    async (lang) => {
      await withPage({}, async (page) => {
        await page.goto(lesson(lang, '04-worked-example'), { waitUntil: 'load' });
        expect(await hydrateIslands(page)).toEqual([]);
        await page.emulateMedia({ media: 'print' });
        const steps = await page.$$eval('[data-widget="worked-example"] [data-step-formulas]', (els) =>
          els.map((el) => ({
            step: el.getAttribute('data-step-formulas'),
            shown: el.getBoundingClientRect().height > 0,
            named: (el.querySelector('[data-print-step]') as HTMLElement | null)?.offsetHeight ?? 0,
          })),
        );
        expect(steps.map((s) => s.step)).toEqual(['layer0', 'conv1', 'layer1', 'conv2', 'layer2']);
        expect(
          steps.filter((s) => !s.shown).map((s) => s.step),
          'steps missing on paper',
        ).toEqual([]);
        expect(
          steps.filter((s) => s.named === 0).map((s) => s.step),
          'steps printed without a name',
        ).toEqual([]);
        const breaks = await page.$$eval('.lesson-body h2', (hs) =>
          hs.map((h) => getComputedStyle(h).breakAfter),
        );
        expect(new Set(breaks)).toEqual(new Set(['avoid']));
        // On screen only the current step is shown.
        await page.emulateMedia({ media: 'screen' });
        const onScreen = await page.$$eval(
          '[data-widget="worked-example"] [data-step-formulas]',
          (els) => els.filter((el) => el.getBoundingClientRect().height > 0).length,
        );
        expect(onScreen).toBe(1);
      });
    },
  );
});

describe('effective RF, dark theme', () => {
  test('the theoretical RF square of every map is outlined in a colour that stands out', async () => {
    await withPage({ colorScheme: 'dark' }, async (page) => {
      await page.goto(lesson('en', '10-effective-rf'), { waitUntil: 'load' });
      expect(await hydrateIslands(page)).toEqual([]);
      const root = page.locator('[data-widget="erf-figure-grid"]');
      await expect
        .poll(() => root.locator('[data-rf-square]').count(), { timeout: 60_000 })
        .toBeGreaterThan(0);
      const contrast = await root.evaluate((el) => {
        const lum = (c: string) => {
          const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
            const x = Number(v) / 255;
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
        };
        const square = el.querySelector('[data-rf-square]') as HTMLElement;
        const frame = square.parentElement as HTMLElement;
        const a = lum(getComputedStyle(square).borderTopColor);
        const b = lum(getComputedStyle(frame).backgroundColor);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
      // Non-text contrast of a graphical object: at least 3:1 (WCAG 1.4.11).
      expect(contrast).toBeGreaterThanOrEqual(3);
    });
  });
});
