// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// The base path comes from the environment so one build serves `/` and another a subpath
// (a GitHub Pages project page, a course folder): BASE_PATH=/rf-lab/ npm run build.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  srcDir: './src',
  publicDir: './public',
  integrations: [svelte(), mdx()],
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
  },
  devToolbar: { enabled: false },
  telemetry: false,
});
