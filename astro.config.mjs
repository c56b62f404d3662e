// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkCite from './src/markdown/remark-cite.ts';
import rehypeCells from './src/markdown/rehype-cells.ts';
import searchIndex from './src/integrations/search-index.ts';
import csp from './src/build/csp.ts';
import serviceWorker from './src/integrations/service-worker.ts';
import i18nSplit from './src/i18n/vite-plugin.ts';

// The base path comes from the environment so one build serves `/` and another a subpath
// (a GitHub Pages project page, a course folder): BASE_PATH=/rf-lab/ npm run build.
const base = process.env.BASE_PATH ?? '/';
// The public origin (SITE_URL=https://example.org) makes canonical, hreflang and Open Graph URLs
// absolute and turns on the sitemap; without it those links are left out rather than made relative.
const site = process.env.SITE_URL ? process.env.SITE_URL.replace(/\/*$/, '/') : undefined;

// Lessons were renumbered when lessons 3 and 9 were added; links to the old addresses keep working.
const renamed = {
  '03-worked-example': '04-worked-example',
  '04-calculator': '05-calculator',
  '05-why-rf-matters': '06-why-rf-matters',
  '06-accuracy-vs-rf': '07-accuracy-vs-rf',
  '07-famous-networks': '08-famous-networks',
  '08-effective-rf': '10-effective-rf',
  '09-your-network': '11-your-network',
};
const redirects = Object.fromEntries(
  ['en', 'ru'].flatMap((locale) =>
    Object.entries(renamed).map(([from, to]) => [
      `/${locale}/lessons/${from}/`,
      `${base.replace(/\/$/, '')}/${locale}/lessons/${to}/`,
    ]),
  ),
);

export default defineConfig({
  ...(site ? { site } : {}),
  base,
  redirects,
  trailingSlash: 'always',
  build: { format: 'directory' },
  srcDir: './src',
  publicDir: './public',
  i18n: {
    locales: ['en', 'ru'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [
    svelte(),
    mdx(),
    ...(site
      ? [
          sitemap({
            i18n: { defaultLocale: 'en', locales: { en: 'en', ru: 'ru' } },
            // Embed pages are framed by other sites; old lesson addresses only redirect.
            filter: (page) =>
              !page.includes('/embed/') && !Object.keys(renamed).some((from) => page.includes(`/${from}/`)),
          }),
        ]
      : []),
    searchIndex(),
    // It hashes the inline scripts of the final HTML.
    csp(),
    // After every pass that writes files: it precaches the final ones by content.
    serviceWorker(),
  ],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkCite],
      // KaTeX keeps its default HTML + MathML output so screen readers get the formulas.
      rehypePlugins: [rehypeKatex, rehypeCells],
    }),
  },
  devToolbar: { enabled: false },
  // Each page loads only its own language's UI strings, and only those its widgets use.
  vite: {
    plugins: [i18nSplit()],
    // The engine's modules run nothing on import, so a widget that imports from the src/rf barrel
    // pulls only the modules it uses instead of one chunk of the whole engine.
    build: {
      rolldownOptions: {
        experimental: { lazyBarrel: true },
        treeshake: { moduleSideEffects: (id) => !/\/src\/rf\//.test(id) },
      },
    },
  },
});
