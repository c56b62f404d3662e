/** The static server the suite relies on behaves like a plain static host under a subpath. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static';

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rf-static-'));
  mkdirSync(path.join(dir, 'en', 'lessons', 'a'), { recursive: true });
  mkdirSync(path.join(dir, '_astro'));
  writeFileSync(path.join(dir, 'index.html'), '<h1>landing</h1>');
  writeFileSync(path.join(dir, 'en', 'lessons', 'a', 'index.html'), '<h1>lesson</h1>');
  writeFileSync(path.join(dir, '404.html'), '<h1>not here</h1>');
  for (const ext of ['js', 'css', 'woff2', 'svg', 'json'])
    writeFileSync(path.join(dir, '_astro', `f.${ext}`), 'x');
  server = await startStaticServer({ root: dir, base: '/rf-lab/' });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => fetch(`${server.origin}${p}`, init);

test('serves index.html for directory URLs under the base', async () => {
  const landing = await get('/rf-lab/');
  expect(landing.status).toBe(200);
  expect(landing.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await landing.text()).toBe('<h1>landing</h1>');
  expect(await (await get('/rf-lab/en/lessons/a/')).text()).toBe('<h1>lesson</h1>');
  expect((await get('/rf-lab/en/lessons/a/index.html')).status).toBe(200);
});

test('answers 404 (with the site 404 page) for everything else', async () => {
  for (const p of [
    '/',
    '/en/lessons/a/',
    '/rf-lab',
    '/rf-lab/en/lessons/a',
    '/rf-lab/nope/',
    '/rf-lab/../index.html',
  ]) {
    const response = await get(p);
    expect(response.status, p).toBe(404);
    expect(await response.text(), p).toBe('<h1>not here</h1>');
  }
  expect((await get('/rf-lab/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  expect((await get('/rf-lab/', { method: 'POST' })).status).toBe(405);
});

test('sends the right MIME types', async () => {
  const types: Record<string, string> = {
    js: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    woff2: 'font/woff2',
    svg: 'image/svg+xml',
    json: 'application/json; charset=utf-8',
  };
  for (const [ext, type] of Object.entries(types)) {
    const response = await get(`/rf-lab/_astro/f.${ext}`);
    expect(response.status, ext).toBe(200);
    expect(response.headers.get('content-type'), ext).toBe(type);
    await response.body?.cancel();
  }
});
