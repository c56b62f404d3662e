import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeServiceWorker } from '../../../src/integrations/service-worker';

/** A tiny built site: two pages, a hashed chunk, a woff2 face with its woff/ttf fallbacks, a card. */
function fixtureSite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rf-sw-'));
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>home</title>',
    'en/lessons/01-x/index.html': '<!doctype html><title>one</title>',
    '_astro/client.AbC123.js': 'export {};',
    '_astro/KaTeX_Main-Regular.B22N.woff2': 'woff2',
    '_astro/KaTeX_Main-Regular.Dr94.woff': 'woff',
    '_astro/KaTeX_Main-Regular.ypZv.ttf': 'ttf',
    'images/astronaut.jpg': 'jpg',
    'examples/small-resnet-se.onnx': 'onnx',
    'og/site.png': 'png',
    'pagefind/pagefind-entry.json': '{}',
    'pagefind/wasm.en.pagefind': 'wasm',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const entries = (dir: string): { url: string; revision: string | null }[] => {
  const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
  return [...sw.matchAll(/\{url:"([^"]+)",revision:(null|"[^"]*")\}/g)].map((m) => ({
    url: m[1] as string,
    revision: m[2] === 'null' ? null : (m[2] as string).slice(1, -1),
  }));
};

// Workbox bundles the worker with Rollup and Terser: a few seconds a build, so the fixture is built once.
describe('writeServiceWorker(dir)', { timeout: 60_000 }, () => {
  let dir = '';
  let summary: Awaited<ReturnType<typeof writeServiceWorker>>;
  beforeAll(async () => {
    dir = fixtureSite();
    summary = await writeServiceWorker(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('precaches pages, chunks, woff2 fonts, the photo, the ONNX examples and the search index, by relative URL', () => {
    expect(existsSync(path.join(dir, 'sw.js'))).toBe(true);
    const urls = entries(dir).map((e) => e.url);
    expect(urls.sort()).toEqual(
      [
        '_astro/KaTeX_Main-Regular.B22N.woff2',
        '_astro/client.AbC123.js',
        'en/lessons/01-x/index.html',
        'examples/small-resnet-se.onnx',
        'images/astronaut.jpg',
        'index.html',
        'pagefind/pagefind-entry.json',
        'pagefind/wasm.en.pagefind',
      ].sort(),
    );
    expect(summary.files).toBe(8);
    expect(summary.gzipBytes).toBeGreaterThan(0);
  });

  test('waits for the reader: no skipWaiting on install, only on the SKIP_WAITING message', () => {
    const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
    expect(sw).toMatch(/SKIP_WAITING/);
    // The only skipWaiting call sits inside the message handler.
    expect(sw.match(/skipWaiting\(\)/g)).toHaveLength(1);
    expect(sw).not.toMatch(/clients\.claim\(\)/);
  });

  test('hashed chunks need no revision; other files are revisioned by content', async () => {
    const before = new Map(entries(dir).map((e) => [e.url, e.revision]));
    expect(before.get('_astro/client.AbC123.js')).toBeNull();
    expect(before.get('index.html')).toMatch(/^[0-9a-f]{32}$/);

    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>home, redeployed</title>');
    await writeServiceWorker(dir);
    const after = new Map(entries(dir).map((e) => [e.url, e.revision]));
    expect(after.get('index.html')).not.toBe(before.get('index.html'));
    expect(after.get('en/lessons/01-x/index.html')).toBe(before.get('en/lessons/01-x/index.html'));
  });
});
