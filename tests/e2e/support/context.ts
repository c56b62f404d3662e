/**
 * What the global setup hands to the test files: where each build lives and where it is served.
 */
import { inject } from 'vitest';

export interface ServedSite {
  /** Absolute path of the build output directory. */
  dir: string;
  /** Base path the site was built for, e.g. `/` or `/rf-lab/`. */
  base: string;
  /** Server origin, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** Origin plus base, e.g. `http://127.0.0.1:40123/rf-lab/`. */
  url: string;
}

export interface E2EContext {
  /** The site built and served under `/`. */
  root: ServedSite;
  /** The site built and served under a subpath. */
  sub: ServedSite;
  /** WebSocket endpoint of the shared Chromium instance. */
  wsEndpoint: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2EContext;
  }
}

export function e2eContext(): E2EContext {
  return inject('e2e');
}
