import { vitePreprocess } from '@astrojs/svelte';

export default {
  preprocess: vitePreprocess(),
  // The page does not announce the Svelte version (window.__svelte): one script less on every lesson.
  compilerOptions: { discloseVersion: false },
};
