/**
 * An Astro integration that builds the Pagefind search index after the site is written: one index
 * per language (Pagefind splits pages by `<html lang>`), covering the lesson bodies only (pages mark
 * their searchable part with `data-pagefind-body`). The index lands in `<outDir>/pagefind/` and is
 * fetched by the search box from the site itself, under whatever base path the site is built for.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Parts of a lesson that would only add noise to results: widget controls and formula markup. */
const EXCLUDED = ['.cell-widget', '.katex', '[data-search-skip]'];

export default function searchIndex(): AstroIntegration {
  return {
    name: 'rf-lab:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
          // The site has its own search box: Pagefind's ready-made interfaces are not shipped.
          const out = path.join(site, 'pagefind');
          for (const file of readdirSync(out)) {
            if (/-ui\.(js|css)$|^pagefind-highlight\.js$/.test(file)) rmSync(path.join(out, file));
          }
          logger.info(`search index of ${added.page_count} pages written to pagefind/`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
