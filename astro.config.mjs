// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkCite from './src/markdown/remark-cite.ts';
import rehypeCells from './src/markdown/rehype-cells.ts';

// The base path comes from the environment so one build serves `/` and another a subpath
// (a GitHub Pages project page, a course folder): BASE_PATH=/rf-lab/ npm run build.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  srcDir: './src',
  publicDir: './public',
  i18n: {
    locales: ['en', 'ru'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [svelte(), mdx()],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkCite],
      // KaTeX keeps its default HTML + MathML output so screen readers get the formulas.
      rehypePlugins: [rehypeKatex, rehypeCells],
    }),
  },
  devToolbar: { enabled: false },
});
