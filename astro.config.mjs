// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkCite from './src/markdown/remark-cite.ts';
import rehypeCells from './src/markdown/rehype-cells.ts';
import csp from './src/build/csp.ts';

// The base path comes from the environment so one build serves `/` and another a subpath
// (a GitHub Pages project page, a course folder): BASE_PATH=/rf-lab/ npm run build.
const base = process.env.BASE_PATH ?? '/';

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
  integrations: [svelte(), mdx(), csp()],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkCite],
      // KaTeX keeps its default HTML + MathML output so screen readers get the formulas.
      rehypePlugins: [rehypeKatex, rehypeCells],
    }),
  },
  devToolbar: { enabled: false },
});
