import { defineConfig } from 'vitest/config';

// End-to-end tests against the built site: the global setup builds it under `/` and under a
// subpath (into dist-e2e/), serves both builds locally and starts one Chromium that all test files
// share. Run everything with `npm run test:e2e`; while writing a test, reuse the last builds and run
// one file: `E2E_SKIP_BUILD=1 npx vitest run -c vitest.e2e.config.ts tests/e2e/widgets.test.ts`.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globals: true,
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A failed page check is not retried: the site is static, so a failure is a real one.
    retry: 0,
  },
});
