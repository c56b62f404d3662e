/**
 * The build under `/`: a crawler fetches every page and everything it refers to (scripts,
 * stylesheets and what they import, fonts, images, island modules, links and their fragments)
 * over HTTP, then a browser loads the page, hydrates its islands and records failed requests.
 */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { discoverPages, pagePath, pageUrl } from './support/site';
import {
  cssRefs,
  fragmentExists,
  fragmentTargets,
  jsImportRefs,
  linkHrefs,
  resourceRefs,
} from './support/html';
import { formatList, hydrateIslands, recordProblems, withPage } from './support/browser';

const site = e2eContext().root;
const pages = discoverPages(site.dir);

interface Fetched {
  status: number;
  type: string;
  text: string | null;
}

const cache = new Map<string, Promise<Fetched>>();
function get(url: string): Promise<Fetched> {
  let entry = cache.get(url);
  if (entry === undefined) {
    entry = (async () => {
      const response = await fetch(url, { redirect: 'manual' });
      const type = response.headers.get('content-type') ?? '';
      const textual = /^(text\/|application\/(json|manifest))/.test(type);
      const text = response.ok && textual ? await response.text() : null;
      if (text === null) await response.body?.cancel();
      return { status: response.status, type, text };
    })();
    cache.set(url, entry);
  }
  return entry;
}

/** Follows stylesheet and module references from `url`; returns the problems found. */
async function crawlResource(url: string, seen: Set<string>, problems: string[]): Promise<void> {
  if (seen.has(url)) return;
  seen.add(url);
  const fetched = await get(url);
  if (fetched.status !== 200) {
    problems.push(`${url} → HTTP ${fetched.status}`);
    return;
  }
  const refs = fetched.type.startsWith('text/css')
    ? cssRefs(fetched.text ?? '')
    : fetched.type.startsWith('text/javascript')
      ? jsImportRefs(fetched.text ?? '')
      : [];
  await Promise.all(refs.map((ref) => checkRef(ref, url, seen, problems)));
}

async function checkRef(ref: string, from: string, seen: Set<string>, problems: string[]): Promise<void> {
  if (/^(data|blob|mailto|tel|javascript):/i.test(ref)) return;
  const url = new URL(ref, from);
  if (url.origin !== site.origin) {
    problems.push(`${url.href} (referenced by ${from}) is on another origin`);
    return;
  }
  url.hash = '';
  await crawlResource(url.href, seen, problems);
}

test('the root build has the landing page and both home pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['', 'en/', 'ru/']));
});

describe('every page under /', () => {
  test.for(pages.map((rel) => [pagePath(site, rel), rel] as const))('%s', async ([, rel]) => {
    const url = pageUrl(site, rel);
    const page = await get(url);
    expect(page.status, 'HTTP status of the page').toBe(200);
    const html = page.text ?? '';

    // Everything the page loads, and what that loads in turn.
    const problems: string[] = [];
    const seen = new Set<string>([url]);
    await Promise.all(resourceRefs(html).map((ref) => checkRef(ref, url, seen, problems)));
    expect.soft(problems.sort(), 'resources that do not load').toEqual([]);

    // Internal links and their fragments.
    const broken: string[] = [];
    const ownIds = fragmentTargets(html);
    for (const href of new Set(linkHrefs(html))) {
      if (/^(mailto|tel|javascript):/i.test(href)) continue;
      const target = new URL(href, url);
      if (target.origin !== site.origin) continue;
      const fragment = target.hash.slice(1);
      target.hash = '';
      const fetched = await get(target.href);
      if (fetched.status !== 200) {
        broken.push(`${href} → HTTP ${fetched.status}`);
        continue;
      }
      const ids = target.href === url ? ownIds : fragmentTargets(fetched.text ?? '');
      if (!fragmentExists(fragment, ids)) broken.push(`${href} → no element with id "${fragment}"`);
    }
    expect.soft(broken.sort(), 'broken internal links').toEqual([]);

    // A real load: no failed or foreign requests, no errors, islands hydrate.
    await withPage({}, async (browserPage) => {
      const recorded = recordProblems(browserPage, site.origin);
      await browserPage.goto(url, { waitUntil: 'load' });
      expect.soft(await hydrateIslands(browserPage), 'islands that did not hydrate').toEqual([]);
      await recorded.settled();
      expect.soft(recorded.failedRequests, 'failed requests').toEqual([]);
      expect.soft(recorded.foreignRequests, `requests to origins other than ${site.origin}`).toEqual([]);
      expect.soft(recorded.consoleErrors, formatList('console errors', recorded.consoleErrors)).toEqual([]);
      expect.soft(recorded.pageErrors, formatList('uncaught errors', recorded.pageErrors)).toEqual([]);
    });
  });
});
