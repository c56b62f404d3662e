/**
 * Interaction latency on the built site, as a reader gets it: Event Timing durations (input delay +
 * processing + until the next paint) in headless Chromium at 1280 × 800, for the interactions the
 * budget names. Serves `dist/` (run `npm run build` first) on 127.0.0.1 and prints, per interaction,
 * the median and the maximum over the repeats of the longest event of each interaction.
 * Run: npm run bench:interactions [-- --repeat N] [-- --dir dist]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium.ts';
import { startStaticServer } from './serve-static.ts';
import { PRESETS, layerCount } from '../components/widgets/calculator.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const repeat = Math.max(1, Number(arg('--repeat')) || 5);
const dir = path.resolve(root, arg('--dir') ?? 'dist');
const BUDGET_MS = 50;

/** The calculator's largest zoo preset (the most layers): the budget is measured with it loaded. */
const largest = PRESETS.reduce((a, b) => (layerCount(b.stack) > layerCount(a.stack) ? b : a));
const big = `${largest.id}, ${layerCount(largest.stack)} layers`;

/** Collects Event Timing entries in the page from now on (all durations, 16 ms granularity floor). */
const OBSERVE = () => {
  const w = window as unknown as { __events: { name: string; duration: number }[] };
  w.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__events.push({ name: e.name, duration: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
};

async function settle(page: Page): Promise<void> {
  // Two animation frames and a pause, so the paint after the interaction is reported to the observer.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))),
  );
}

/** The longest event duration of one interaction (0 when every event was under 16 ms). */
async function measure(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(() => ((window as unknown as { __events: unknown[] }).__events.length = 0));
  await act();
  await settle(page);
  const events = await page.evaluate(
    () => (window as unknown as { __events: { duration: number }[] }).__events,
  );
  return events.reduce((m, e) => Math.max(m, e.duration), 0);
}

interface Scenario {
  name: string;
  page: string;
  /** The widget measured (its island must hydrate first). */
  widget: string;
  /** Prepares the page once (the widget in its starting state). */
  setup: (page: Page) => Promise<void>;
  /** One interaction; `i` is the repeat index (to alternate between states). */
  act: (page: Page, i: number) => Promise<void>;
}

const calc = '[data-widget="calculator"]';
const presetSelect = `${calc} [data-preset-select]`;

async function choosePreset(page: Page, id: string): Promise<void> {
  // The select takes the value through the keyboard (a trusted event the Event Timing API measures).
  await page.focus(presetSelect);
  const options = await page.$$eval(`${presetSelect} option`, (os) =>
    os.map((o) => (o as HTMLOptionElement).value),
  );
  const current = await page.$eval(presetSelect, (s) => (s as HTMLSelectElement).value);
  const from = options.indexOf(current);
  const to = options.indexOf(id);
  const key = to > from ? 'ArrowDown' : 'ArrowUp';
  for (let k = 0; k < Math.abs(to - from); k++) await page.keyboard.press(key);
}

const scenarios: Scenario[] = [
  {
    name: `calculator: preset lecture ↔ ${big}`,
    page: 'en/lessons/05-calculator/',
    widget: calc,
    setup: async () => {},
    act: async (page, i) => choosePreset(page, i % 2 === 0 ? largest.id : 'lecture'),
  },
  {
    name: `calculator (${big}): edit a kernel`,
    page: 'en/lessons/05-calculator/',
    widget: calc,
    setup: async (page) => {
      await choosePreset(page, largest.id);
      await settle(page);
    },
    act: async (page, i) => {
      const field = page.locator(`${calc} [data-field="kernel"] input`).nth(3);
      await field.focus();
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(i % 2 === 0 ? '5' : '1');
    },
  },
  {
    name: `calculator (${big}): add a layer`,
    page: 'en/lessons/05-calculator/',
    widget: calc,
    setup: async (page) => {
      await choosePreset(page, largest.id);
      await settle(page);
    },
    act: async (page) => page.locator(`${calc} [data-add-layer], ${calc} button.add`).first().click(),
  },
  {
    name: `calculator (${big}): remove a layer`,
    page: 'en/lessons/05-calculator/',
    widget: calc,
    setup: async (page) => {
      await choosePreset(page, largest.id);
      await settle(page);
    },
    act: async (page) => page.locator(`${calc} [data-action="remove"]`).last().click(),
  },
  {
    name: `calculator (${big}): pick a unit on the photo`,
    page: 'en/lessons/05-calculator/',
    widget: calc,
    setup: async (page) => {
      await choosePreset(page, largest.id);
      await settle(page);
    },
    act: async (page, i) => {
      const svg = page.locator(`${calc} [data-stage]`).first();
      const box = await svg.boundingBox();
      if (box === null) throw new Error('no photo');
      await page.mouse.click(box.x + box.width * (0.3 + 0.1 * (i % 4)), box.y + box.height * 0.4);
    },
  },
  {
    name: 'famous networks: open inception_resnet_v2 drill-down',
    page: 'en/lessons/08-famous-networks/',
    widget: '[data-widget="famous-networks"]',
    setup: async () => {},
    act: async (page) => {
      const button = page.locator('[data-widget="famous-networks"] [data-open="inception_resnet_v2"]');
      await button.scrollIntoViewIfNeeded();
      await button.click();
    },
  },
  {
    name: '2-D grid: hover a unit (lesson 1)',
    page: 'en/lessons/01-what-is-rf/',
    widget: '[data-unit]',
    setup: async (page) => {
      await page.locator('[data-unit]').first().scrollIntoViewIfNeeded();
    },
    act: async (page, i) => {
      const cells = page.locator('[data-unit]');
      const count = await cells.count();
      const box = await cells.nth((i * 7 + 3) % count).boundingBox();
      if (box === null) throw new Error('no cell');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    },
  },
  {
    name: 'ONNX report (ResNet example): pick a node',
    page: 'en/lessons/11-your-network/',
    widget: '[data-example="resnet"]',
    setup: async (page) => {
      await page.locator('[data-example="resnet"]').click();
      await page.locator('[data-node-select]').waitFor({ timeout: 30_000 });
      await settle(page);
    },
    act: async (page, i) => {
      await page.focus('[data-node-select]');
      await page.keyboard.press(i % 2 === 0 ? 'ArrowUp' : 'ArrowDown');
    },
  },
];

const only = arg('--only');
const server = await startStaticServer({ root: dir });
const base = server.url;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: { name: string; median: number; max: number; runs: number[] }[] = [];
try {
  for (const s of scenarios) {
    if (only !== undefined && !s.name.includes(only)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${s.page}`, { waitUntil: 'load' });
      // Bring the widget into view and wait until its island has hydrated.
      const widget = page.locator(s.widget).first();
      await widget.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (selector) => {
          const island = document.querySelector(selector)?.closest('astro-island');
          return island !== null && island !== undefined && !island.hasAttribute('ssr');
        },
        s.widget,
        { timeout: 30_000 },
      );
      await page.evaluate(OBSERVE);
      await s.setup(page);
      const runs: number[] = [];
      for (let i = 0; i < repeat; i++) runs.push(await measure(page, () => s.act(page, i)));
      const sorted = [...runs].sort((a, b) => a - b);
      rows.push({
        name: s.name,
        median: sorted[Math.floor(sorted.length / 2)] ?? 0,
        max: sorted.at(-1) ?? 0,
        runs,
      });
    } catch (e) {
      console.error(`${s.name}: ${e instanceof Error ? e.message : String(e)}`);
      rows.push({ name: s.name, median: NaN, max: NaN, runs: [] });
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(
  `Event Timing duration per interaction (ms; < 16 reads as 0), ${repeat} runs, budget ${BUDGET_MS} ms`,
);
console.log(`${'interaction'.padEnd(width)}  median     max  runs`);
for (const r of rows)
  console.log(
    `${r.name.padEnd(width)}  ${String(Math.round(r.median)).padStart(6)}  ${String(Math.round(r.max)).padStart(6)}  ${r.runs.map(Math.round).join(' ')}${r.max > BUDGET_MS ? '  over budget' : ''}`,
  );
