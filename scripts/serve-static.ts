/**
 * The static file server for a built site, used by the end-to-end tests, the benchmarks and
 * Lighthouse, and handy for looking at a subpath build by hand:
 *
 *   BASE_PATH=/rf-lab/ npx astro build --outDir dist-sub
 *   npx tsx scripts/serve-static.ts dist-sub --base /rf-lab/ --port 4321
 *
 * It behaves like a plain static host (GitHub Pages without redirects): only GET and HEAD,
 * only URLs under the base path, `index.html` for directory URLs that end in a slash, and
 * 404 (with the site's own `404.html` as the body when there is one) for everything else.
 * sirv serves the files (types, ranges, ETags) and compression gzips them when asked; this module
 * only keeps the host's rules above.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { lookup } from 'mrmime';
import sirv from 'sirv';

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

/** The Content-Type of a path (a directory URL serves its index.html); text types name their charset. */
function contentType(pathname: string): string {
  const type = lookup(pathname.endsWith('/') ? 'index.html' : pathname) ?? 'application/octet-stream';
  return /^text\/|^application\/(json|manifest\+json|xml)$/.test(type) ? `${type}; charset=utf-8` : type;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const base = normalizeBase(options.base ?? '/');
  const host = options.host ?? '127.0.0.1';
  const notFoundBody = await readFile(path.join(root, '404.html')).catch(() => Buffer.from('Not found\n'));

  const notFound = (res: ServerResponse): void => {
    res.writeHead(404, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': notFoundBody.length,
      'cache-control': 'no-store',
    });
    res.end(res.req.method === 'HEAD' ? undefined : notFoundBody);
  };
  // Files are read from disk on every request (a test may deploy a new version under a running server).
  const files = sirv(root, {
    dev: true,
    etag: true,
    extensions: ['html'],
    setHeaders: (res, pathname) => {
      res.setHeader('content-type', contentType(pathname));
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
    },
    onNoMatch: (_req, res) => notFound(res),
  });
  const gzip = options.gzip ? compression() : null;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Only URLs under the base; a directory's URL only with its trailing slash (no redirects, as on
    // the strictest static hosts, so a link that forgets the slash fails here too).
    if (!urlPath.startsWith(base) || (!urlPath.endsWith('/') && path.posix.extname(urlPath) === '')) {
      notFound(res);
      return;
    }
    req.url = `/${urlPath.slice(base.length)}`;
    files(req, res);
  };

  const server: Server = createServer((req, res) => {
    if (gzip === null) handle(req, res);
    // compression is written for Express; plain Node requests and responses are what it wraps.
    else gzip(req as never, res as never, () => handle(req, res));
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
