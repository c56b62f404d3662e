/**
 * Browser helpers: one connection per test file to the shared Chromium, a fresh context per test,
 * a recorder for everything that can go wrong while a page loads, and island hydration.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { e2eContext } from './context';

let connection: Promise<Browser> | undefined;

/** Rejects with a clear message when `promise` has not settled after `ms`, instead of hanging the test. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects to the shared Chromium. Playwright waits for a connection forever by default, and on a
 * loaded machine the first handshake of a test file has been seen to stall: each attempt gets a
 * limit, and a stalled attempt is retried once on a new connection.
 */
async function connect(): Promise<Browser> {
  const endpoint = e2eContext().wsEndpoint;
  try {
    return await chromium.connect(endpoint, { timeout: 30_000 });
  } catch {
    return chromium.connect(endpoint, { timeout: 30_000 });
  }
}

export function sharedBrowser(): Promise<Browser> {
  if (connection === undefined) {
    connection = connect();
    afterAll(async () => {
      await (await connection)?.close();
      connection = undefined;
    });
  }
  return connection;
}

export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

/** Runs `fn` with a page in a fresh browser context (its own storage and cache), then closes the context. */
export async function withPage<T>(
  options: BrowserContextOptions,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const browser = await sharedBrowser();
  const context = await within(
    browser.newContext({ viewport: DEFAULT_VIEWPORT, colorScheme: 'light', ...options }),
    30_000,
    'opening a browser context',
  );
  try {
    // Fail fast: a static page on localhost that takes longer than this is broken, not slow.
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(20_000);
    const page = await context.newPage();
    return await fn(page);
  } finally {
    // A context that will not close must not hold the test past its own result.
    await within(context.close(), 15_000, 'closing a browser context').catch(() => undefined);
  }
}

export interface PageProblems {
  /** Every URL the page requested, in order. */
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests that failed at the network level or got an HTTP error status. */
  failedRequests: string[];
  /** Requests to any origin other than the test server (data: and blob: URLs are fine). */
  foreignRequests: string[];
  /** Content-Security-Policy violations (securitypolicyviolation events); each is also a page error. */
  cspViolations: string[];
  /** Resolves once no request has been in flight for `quietMs` (a cheaper `networkidle`). */
  settled(quietMs?: number, timeout?: number): Promise<void>;
}

/** Starts recording console errors, uncaught errors and requests of a page. */
export function recordProblems(page: Page, origin: string): PageProblems {
  let inFlight = 0;
  let lastChange = performance.now();
  const problems: PageProblems = {
    requests: [],
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    foreignRequests: [],
    cspViolations: [],
    async settled(quietMs = 150, timeout = 10_000) {
      const deadline = performance.now() + timeout;
      while (performance.now() < deadline) {
        if (inFlight === 0 && performance.now() - lastChange >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`requests still in flight after ${timeout} ms`);
    },
  };
  const done = (): void => {
    inFlight = Math.max(0, inFlight - 1);
    lastChange = performance.now();
  };
  page.on('requestfinished', done);
  // Every document reports its CSP violations on the console, where they are counted as failures.
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `${'CSP violation'}: ${e.effectiveDirective} blocked ${e.blockedURI || 'an inline script or style'} (${e.sourceFile || document.URL}:${e.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('CSP violation:')) {
      problems.cspViolations.push(text);
      problems.pageErrors.push(text);
    }
    // Svelte reports hydration mismatches as warnings; they mean the server and client markup differ.
    if (message.type() === 'error' || (message.type() === 'warning' && /hydration/i.test(text))) {
      const location = message.location();
      problems.consoleErrors.push(`${message.type()}: ${text}${location.url ? ` (${location.url})` : ''}`);
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on('request', (request) => {
    inFlight++;
    lastChange = performance.now();
    const url = request.url();
    problems.requests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) problems.foreignRequests.push(url);
  });
  page.on('requestfailed', (request) => {
    done();
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

/** Scrolls an element into view; works for `display: contents` elements such as `astro-island`. */
export async function scrollIntoView(page: Page, selector: string, index: number): Promise<void> {
  await page.evaluate(
    ({ selector, index }) => {
      const el = document.querySelectorAll(selector)[index];
      if (!el) return;
      const boxed =
        el.getClientRects().length > 0
          ? el
          : [...el.querySelectorAll('*')].find((c) => c.getClientRects().length > 0);
      (boxed ?? el).scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    },
    { selector, index },
  );
}

/**
 * Scrolls every island into view in document order and waits for it to hydrate (Astro removes the
 * `ssr` attribute once the component is live). Returns a description of each island that did not.
 *
 * A quick pass shows each island for two frames (enough for `client:visible` to fire) and lets
 * them all load at once; any island still not live after that gets its own scroll and wait.
 */
export async function hydrateIslands(page: Page, timeout = 10_000): Promise<string[]> {
  await page.evaluate(async () => {
    for (const el of document.querySelectorAll('astro-island[ssr]')) {
      const boxed =
        el.getClientRects().length > 0
          ? el
          : [...el.querySelectorAll('*')].find((c) => c.getClientRects().length > 0);
      (boxed ?? el).scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      // Two frames: one to lay out, one for the IntersectionObserver callback.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  });
  try {
    await page.waitForFunction(() => document.querySelector('astro-island[ssr]') === null, null, {
      timeout: 3_000,
    });
  } catch {
    // Fall through to the island-by-island pass below.
  }
  const count = await page.locator('astro-island').count();
  const stuck: string[] = [];
  for (let i = 0; i < count; i++) {
    const live = await page.evaluate(
      (i) => !document.querySelectorAll('astro-island')[i]?.hasAttribute('ssr'),
      i,
    );
    if (live) continue;
    await scrollIntoView(page, 'astro-island', i);
    try {
      await page.waitForFunction(
        (i) => !document.querySelectorAll('astro-island')[i]?.hasAttribute('ssr'),
        i,
        {
          timeout,
        },
      );
    } catch {
      const component = await page
        .locator('astro-island')
        .nth(i)
        .evaluate(
          (el) =>
            `${el.getAttribute('component-export') ?? ''} from ${el.getAttribute('component-url') ?? '?'}`,
        );
      stuck.push(`island #${i} (${component}) still has the ssr attribute after ${timeout} ms`);
    }
  }
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  return stuck;
}

/** Turns off CSS transitions and animations so colour checks never see a theme change half-way. */
export async function freezeAnimations(page: Page): Promise<void> {
  await page.addStyleTag({
    content:
      '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: auto !important; }',
  });
}

export function formatList(title: string, items: readonly string[]): string {
  return items.length === 0 ? `${title}: none` : `${title}:\n  - ${items.join('\n  - ')}`;
}
