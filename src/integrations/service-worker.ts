/**
 * An Astro integration that writes the service worker after the site is built (after the search index
 * and the Content-Security-Policy pass, so it sees the final files): Workbox's `generateSW` precaches
 * every page in both languages, every script and worker chunk, the styles, the fonts, the photo, the
 * icons and the search index, each with a revision taken from its content. The worker lands in
 * `<outDir>/sw.js`, so its scope is the base path and every precached URL resolves under it.
 *
 * Updates: a new deploy's worker installs the complete new set beside the old one and then waits. It
 * takes over only when no page of the old version is open (the next visit after the course was
 * closed), or when the reader presses "Reload" on the notice the open page shows (the page asks it to
 * skip waiting, and every page of the old version reloads, its widget state kept in its URL). A page
 * thus never runs with half of one deploy and half of the next.
 */
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const SERVICE_WORKER_FILE = 'sw.js';

/** What the reader's browser keeps for offline use (relative to the build output). */
export const PRECACHE_GLOBS = [
  '**/*.html',
  '**/*.{js,mjs,css}',
  // Chromium, Firefox and Safari all take the woff2 face; the woff/ttf fallbacks are left to the network.
  '**/*.woff2',
  '**/*.{svg,jpg,jpeg,png,webp,avif}',
  'manifest.webmanifest',
  // The ONNX report's example models and the search index.
  'examples/*.onnx',
  'pagefind/**/*',
];

/** Link-preview cards are read by other sites' crawlers, never shown to a reader of the course. */
export const PRECACHE_IGNORES = [SERVICE_WORKER_FILE, 'og/**'];

export interface PrecacheSummary {
  files: number;
  bytes: number;
  /** What the first visit downloads for the copy from a host that serves gzip (text files compressed). */
  gzipBytes: number;
  warnings: string[];
}

/** Compressed as a static host would compress it: text formats only. */
const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|webmanifest|pagefind|pf_\w+)$/;

async function transferSize(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    const data = await readFile(file);
    total += COMPRESSIBLE.test(file) ? gzipSync(data).length : data.length;
  }
  return total;
}

/** Writes `sw.js` into a built site and returns what it precaches. */
export async function writeServiceWorker(outDir: string): Promise<PrecacheSummary> {
  const { generateSW, getManifest } = await import('workbox-build');
  const files = {
    globDirectory: outDir,
    globPatterns: PRECACHE_GLOBS,
    globIgnores: PRECACHE_IGNORES,
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  };
  const result = await generateSW({
    ...files,
    swDest: path.join(outDir, SERVICE_WORKER_FILE),
    mode: 'production',
    sourcemap: false,
    inlineWorkboxRuntime: true,
    cacheId: 'rf-lab',
    cleanupOutdatedCaches: true,
    // Waits for the reader (see above): never take over pages that still run the previous deploy.
    skipWaiting: false,
    clientsClaim: false,
    // Bundled files carry their content hash in the name; everything else is revisioned by content.
    dontCacheBustURLsMatching: /^_astro\//,
    // `/en/lessons/x/` is answered by `/en/lessons/x/index.html`, whatever widget state its query holds.
    directoryIndex: 'index.html',
    ignoreURLParametersMatching: [/.*/],
  });
  const { manifestEntries } = await getManifest(files);
  const gzipBytes = await transferSize(manifestEntries.map((entry) => path.join(outDir, entry.url)));
  return { files: result.count, bytes: result.size, gzipBytes, warnings: result.warnings };
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

const kb = (bytes: number): string => (bytes / 1024).toFixed(0);

export default function serviceWorker(): AstroIntegration {
  return {
    name: 'rf-lab:service-worker',
    hooks: {
      // Registration is compiled in only for builds: the dev server has no worker to register.
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { __OFFLINE_COPY__: JSON.stringify(command === 'build') } } });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        if (!(await exists(path.join(outDir, 'index.html')))) return;
        const summary = await writeServiceWorker(outDir);
        for (const warning of summary.warnings) logger.warn(warning);
        logger.info(
          `service worker precaches ${summary.files} files, ${kb(summary.bytes)} KB (${kb(summary.gzipBytes)} KB with gzip) (${SERVICE_WORKER_FILE})`,
        );
      },
    },
  };
}
