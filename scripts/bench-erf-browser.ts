/**
 * ERF speed in headless Chromium: bundles the ERF code with esbuild, serves it on 127.0.0.1
 * (random port), and times inside the page (1) the single 64×64 workload and (2) the Figure-1 grid
 * on the main thread, then (3) the time to the first posted image and to 'done' through the real
 * module worker. Run: npx tsx scripts/bench-erf-browser.ts [--repeat N]
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Math.max(1, Number(process.argv[repeatArg + 1]) || 1) : 3;

const PAGE_ENTRY = `
import { ERF_BENCH_SINGLE, ERF_FIGURE1_GRID, timeWorkloads } from './src/rf/erf/index';
const now = () => performance.now();
const grid = ERF_FIGURE1_GRID.map((entry) => entry.config);
function viaWorker(config) {
  return new Promise((resolve, reject) => {
    const worker = new Worker('./worker.js', { type: 'module' });
    const start = performance.now();
    let first = 0;
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'progress' && first === 0) first = performance.now() - start;
      if (message.type === 'result') { worker.terminate(); resolve({ firstImageMs: first, doneMs: performance.now() - start }); }
      if (message.type === 'error') { worker.terminate(); reject(new Error(JSON.stringify(message.error))); }
    };
    worker.postMessage({ type: 'call', id: 1, payload: config });
  });
}
globalThis.runErfBench = async (repeat) => {
  const rows = [];
  for (let i = 0; i < repeat; i++) {
    rows.push({
      single: timeWorkloads([ERF_BENCH_SINGLE], now),
      grid: timeWorkloads(grid, now),
      worker: await viaWorker(ERF_BENCH_SINGLE),
    });
  }
  return rows;
};
`;

async function bundle(): Promise<Record<string, string>> {
  const common = {
    bundle: true,
    format: 'esm' as const,
    target: 'es2022',
    write: false,
    minify: false,
    keepNames: false,
  };
  const page = await build({ ...common, stdin: { contents: PAGE_ENTRY, resolveDir: root, loader: 'ts' } });
  const worker = await build({ ...common, entryPoints: [`${root}src/workers/erf.worker.ts`] });
  return {
    '/': '<!doctype html><meta charset="utf-8"><title>ERF bench</title><script type="module" src="./page.js"></script>',
    '/page.js': page.outputFiles?.[0]?.text ?? '',
    '/worker.js': worker.outputFiles?.[0]?.text ?? '',
  };
}

function serve(files: Record<string, string>): Promise<Server> {
  const server = createServer((request, response) => {
    const body = files[request.url ?? '/'];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const type = request.url === '/' ? 'text/html' : 'text/javascript';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Row {
  single: { ms: number; macs: number; gflops: number };
  grid: { ms: number; macs: number; gflops: number };
  worker: { firstImageMs: number; doneMs: number };
}

async function main(): Promise<void> {
  const server = await serve(await bundle());
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'runErfBench' in globalThis);
    const rows = (await page.evaluate(
      (n) => (globalThis as unknown as { runErfBench: (n: number) => Promise<unknown> }).runErfBench(n),
      repeat,
    )) as Row[];
    console.log(`Chromium ${browser.version()}, ${repeat} run(s)`);
    rows.forEach((row, i) => {
      console.log(
        `run ${i + 1}: single ${row.single.ms.toFixed(0)} ms (${row.single.gflops.toFixed(2)} GFLOP/s) | ` +
          `Figure-1 grid ${row.grid.ms.toFixed(0)} ms (${row.grid.gflops.toFixed(2)} GFLOP/s) | ` +
          `worker: first image ${row.worker.firstImageMs.toFixed(0)} ms, done ${row.worker.doneMs.toFixed(0)} ms`,
      );
    });
    const best = (pick: (row: Row) => number): string => Math.min(...rows.map(pick)).toFixed(0);
    console.log(
      `best: single ${best((r) => r.single.ms)} ms, grid ${best((r) => r.grid.ms)} ms, first image ${best((r) => r.worker.firstImageMs)} ms`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
