/**
 * A minimal static file server for a built site, used by the end-to-end tests and handy for
 * looking at a subpath build by hand:
 *
 *   BASE_PATH=/rf-lab/ npx astro build --outDir dist-sub
 *   npx tsx scripts/serve-static.ts dist-sub --base /rf-lab/ --port 4321
 *
 * It behaves like a plain static host (GitHub Pages without redirects): only GET and HEAD,
 * only URLs under the base path, `index.html` for directory URLs that end in a slash, and
 * 404 (with the site's own `404.html` as the body when there is one) for everything else.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.bin': 'application/octet-stream',
};

export interface StaticServerOptions {
  /** Directory that holds the built site. */
  root: string;
  /** URL prefix the site is deployed under, with leading and trailing slash, e.g. `/` or `/rf-lab/`. */
  base?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
  /** Compress text responses with gzip for clients that accept it, as static hosts do. */
  gzip?: boolean;
}

/** Types a static host compresses: text, scripts, styles, JSON, SVG, WebAssembly. */
function compressible(type: string): boolean {
  return /^(text\/|application\/(json|manifest\+json|xml|wasm))|^image\/svg/.test(type);
}

export interface StaticServer {
  /** Origin, e.g. `http://127.0.0.1:43123`. */
  origin: string;
  /** Origin plus base path, e.g. `http://127.0.0.1:43123/rf-lab/`. */
  url: string;
  base: string;
  root: string;
  close(): Promise<void>;
}

export function normalizeBase(base: string): string {
  let b = base.trim();
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return b;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Maps a request path to a file under `root`, or null when nothing should be served. */
export async function resolveFile(root: string, base: string, urlPath: string): Promise<string | null> {
  if (!urlPath.startsWith(base)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.slice(base.length));
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const file = path.join(root, ...segments, rel === '' || rel.endsWith('/') ? 'index.html' : '');
  if (!file.startsWith(root + path.sep) && file !== root) return null;
  return (await isFile(file)) ? file : null;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const base = normalizeBase(options.base ?? '/');
  const host = options.host ?? '127.0.0.1';
  const notFoundFile = path.join(root, '404.html');
  const gzipped = new Map<string, Buffer>();
  const notFoundBody = (await isFile(notFoundFile))
    ? await readFile(notFoundFile)
    : Buffer.from('Not found\n');

  const server: Server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end('Method not allowed\n');
        return;
      }
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      const file = await resolveFile(root, base, urlPath);
      if (file === null) {
        res.writeHead(404, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': notFoundBody.length,
          'cache-control': 'no-store',
        });
        res.end(method === 'HEAD' ? undefined : notFoundBody);
        return;
      }
      let body: Buffer = await readFile(file);
      const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const headers: Record<string, string | number> = {
        'content-type': type,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      };
      if (options.gzip && compressible(type)) {
        headers.vary = 'accept-encoding';
        if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
          const cached = gzipped.get(file);
          body = cached ?? gzipSync(body, { level: 9 });
          if (!cached) gzipped.set(file, body);
          headers['content-encoding'] = 'gzip';
        }
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Internal error: ${String(error)}\n`);
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Static server has no TCP address');
  const origin = `http://${host}:${address.port}`;
  return {
    origin,
    url: `${origin}${base}`,
    base,
    root,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  let root = 'dist';
  let base = process.env.BASE_PATH ?? '/';
  let port = 4321;
  let gzip = false;
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--base') base = args.shift() ?? base;
    else if (arg === '--gzip') gzip = true;
    else if (arg === '--port') port = Number(args.shift());
    else root = arg;
  }
  const server = await startStaticServer({ root, base, port, gzip });
  console.log(`Serving ${server.root} at ${server.url}`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
