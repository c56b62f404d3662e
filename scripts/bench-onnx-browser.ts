/**
 * Large ONNX models in lesson 11's report, as a reader gets them (a script that prints figures, not
 * a test): the built site is served statically, headless Chromium opens the English lesson, and a
 * conv + Relu chain of each size is dropped into the report's file input. Printed per size: the
 * time from choosing the file to the finished report, the longest main-thread task while it loaded
 * (PerformanceObserver 'longtask', which reports tasks of 50 ms and more), the number of long
 * tasks, the page's DOM element count and its JS heap after a garbage collection.
 *
 *   npm run build && npm run bench:onnx-browser [-- --sizes 5000,20000,100000] [--dir dist] [--runs 3]
 *   [--detail: every long animation frame, with the scripts and the layout that made it long]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium.ts';
import { startStaticServer } from './serve-static.ts';
import { reluChain } from './onnx-chain.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dir = path.resolve(root, arg('--dir') ?? 'dist');
const sizes = (arg('--sizes') ?? '5000,20000,100000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const runs = Math.max(1, Number(arg('--runs') ?? 1) || 1);
const detail = process.argv.includes('--detail');
const GOAL_MS = 5000;
const TASK_BUDGET_MS = 50;
/** Base64 characters per message while the file is copied into the page (a multiple of 4). */
const CHUNK = 1 << 18;

/**
 * Installed in the page before the file is chosen: the long tasks from then on. A string,
 * so that the bundler's helpers never reach the page.
 */
const OBSERVE = `(() => {
  const bench = { t0: performance.now(), longest: 0, count: 0, done: false, frames: [], tasks: [] };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.count++;
      bench.longest = Math.max(bench.longest, e.duration);
      bench.tasks.push({ at: Math.round(e.startTime - bench.t0), duration: Math.round(e.duration) });
    }
  }).observe({ type: 'longtask', buffered: false });
  // Where the time of a long frame went (script by script, then style and layout), for --detail.
  new PerformanceObserver((list) => {
    for (const f of list.getEntries()) {
      bench.frames.push({
        at: Math.round(f.startTime - bench.t0),
        duration: Math.round(f.duration),
        layout: Math.round(f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0),
        blocking: Math.round(f.blockingDuration),
        scripts: f.scripts.map((s) => ({
          invoker: s.invoker,
          duration: Math.round(s.duration),
          forcedLayout: Math.round(s.forcedStyleAndLayoutDuration),
          source: (s.sourceURL || '').split('/').pop() + ':' + s.sourceFunctionName,
        })),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: false });
})()`;

const server = await startStaticServer({ root: dir, base: '/' });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
console.log(
  `ONNX report in the browser (${dir}, 1280 × 800, goal ≤ ${GOAL_MS} ms, no task > ${TASK_BUDGET_MS} ms)`,
);
try {
  for (const n of sizes.flatMap((size) => Array.from({ length: runs }, () => size))) {
    const bytes = Buffer.from(reluChain(n));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}en/lessons/11-your-network/`, { waitUntil: 'load' });
    const widget = page.locator('[data-widget="onnx-report"]').first();
    await widget.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-widget="onnx-report"]');
      return el !== null && !el.closest('astro-island')?.hasAttribute('ssr');
    });
    // The file is put together in the page first (as the reader's disk would hold it), then chosen:
    // only what the site does with it is measured, not the harness copying it in.
    const base64 = bytes.toString('base64');
    await page.evaluate(() => ((window as unknown as { __parts: Uint8Array[] }).__parts = []));
    for (let at = 0; at < base64.length; at += CHUNK) {
      await page.evaluate(
        (chunk) => {
          const raw = atob(chunk);
          const part = new Uint8Array(raw.length);
          for (let i = 0; i < raw.length; i++) part[i] = raw.charCodeAt(i);
          (window as unknown as { __parts: Uint8Array[] }).__parts.push(part);
        },
        base64.slice(at, at + CHUNK),
      );
    }
    await page.waitForTimeout(200);
    await page.evaluate(OBSERVE);
    // The finished report is noticed by a mutation observer in the page (polling every frame from
    // the harness would add tasks of its own to the ones measured).
    await page.evaluate(
      (last) => {
        const w = window as unknown as { __bench: { t0: number; done: boolean; ms?: number } };
        const root = document.querySelector('[data-widget="onnx-report"]')!;
        const observer = new MutationObserver(() => {
          const done = root.querySelector('[data-status]')?.getAttribute('data-status') === 'done';
          if (!done || root.querySelector('[data-at]')?.getAttribute('data-at') !== last) return;
          w.__bench.ms = performance.now() - w.__bench.t0;
          w.__bench.done = true;
          observer.disconnect();
        });
        observer.observe(root, { subtree: true, childList: true, attributes: true });
      },
      `r${n - 1}`,
    );
    await page.evaluate((name) => {
      const parts = (window as unknown as { __parts: BlobPart[] }).__parts;
      const input = document.querySelector<HTMLInputElement>(
        '[data-widget="onnx-report"] [data-file-input]',
      )!;
      const transfer = new DataTransfer();
      transfer.items.add(new File(parts, name, { type: 'application/octet-stream' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, `chain-${n}.onnx`);
    await page.waitForFunction(
      () => (window as unknown as { __bench: { done: boolean } }).__bench.done,
      null,
      {
        polling: 100,
        timeout: 600_000,
      },
    );
    const ms = await page.evaluate(() => (window as unknown as { __bench: { ms: number } }).__bench.ms);

    // Let the last frames and any task after the report settle before reading the figures.
    await page.waitForTimeout(500);
    const figures = await page.evaluate(() => {
      const w = window as unknown as {
        __bench: { longest: number; count: number; frames: unknown[]; tasks: unknown[] };
      };
      return { ...w.__bench, elements: document.getElementsByTagName('*').length };
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
    console.log(
      `${String(n).padStart(7)} nodes  file ${mb(bytes.length).padStart(8)}  report ${ms.toFixed(0).padStart(6)} ms` +
        `  longest task ${figures.longest.toFixed(0).padStart(5)} ms (${figures.count} over ${TASK_BUDGET_MS} ms)` +
        `  DOM ${String(figures.elements).padStart(7)} elements` +
        `  JS heap ${mb(usedSize).padStart(9)}`,
    );
    if (detail) {
      for (const task of figures.tasks) console.log('   long task', JSON.stringify(task));
      for (const frame of figures.frames) console.log('   long frame', JSON.stringify(frame));
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
