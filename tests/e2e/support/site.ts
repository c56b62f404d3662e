/**
 * Discovering the pages of a build and mapping between files, paths and URLs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServedSite } from './context';

export type Lang = 'en' | 'ru';
export const LANGS: readonly Lang[] = ['en', 'ru'];

const REFRESH = /<meta http-equiv="refresh" content="0;url=([^"]+)">/;

function walkIndexFiles(dir: string): string[] {
  const pages: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(abs, entry.name), `${rel}${entry.name}/`);
      else if (entry.isFile() && entry.name === 'index.html') pages.push(rel);
    }
  };
  walk(dir, '');
  return pages.sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
}

/** The target of a redirect page (an old lesson address), or null for a real page. */
export function redirectTarget(dir: string, rel: string): string | null {
  return REFRESH.exec(readFileSync(path.join(dir, rel, 'index.html'), 'utf8'))?.[1] ?? null;
}

/**
 * Every page of a build as a path relative to the base (`''`, `en/`, `en/lessons/x/`), found by
 * walking the output for `index.html` files. `404.html` is not a page, nor is a redirect.
 */
export function discoverPages(dir: string): string[] {
  return walkIndexFiles(dir).filter((rel) => redirectTarget(dir, rel) === null);
}

/** Every redirect page of a build (old addresses of renamed lessons), relative to the base. */
export function discoverRedirects(dir: string): string[] {
  return walkIndexFiles(dir).filter((rel) => redirectTarget(dir, rel) !== null);
}

/** Every file of a build as a path relative to the output directory. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(abs, entry.name), `${rel}${entry.name}/`);
      else if (entry.isFile()) files.push(`${rel}${entry.name}`);
    }
  };
  walk(dir, '');
  return files.sort();
}

export function pageHtml(site: ServedSite, rel: string): string {
  return readFileSync(path.join(site.dir, rel, 'index.html'), 'utf8');
}

/** Absolute URL of a page given its path relative to the base. */
export function pageUrl(site: ServedSite, rel: string): string {
  return `${site.url}${rel}`;
}

/** The path a visitor sees, e.g. `/rf-lab/en/lessons/x/`. */
export function pagePath(site: ServedSite, rel: string): string {
  return `${site.base}${rel}`;
}

/** Language of a page from its first path segment, or null for pages outside `/en/` and `/ru/`. */
export function langOf(rel: string): Lang | null {
  const first = rel.split('/')[0];
  return first === 'en' || first === 'ru' ? first : null;
}

/** The same page in the other language (`en/x/` ↔ `ru/x/`), or null when the page has no language. */
export function counterpart(rel: string): string | null {
  const lang = langOf(rel);
  if (lang === null) return null;
  return `${lang === 'en' ? 'ru' : 'en'}${rel.slice(2)}`;
}

export function isLesson(rel: string): boolean {
  return /(^|\/)lessons\/[^/]+\//.test(rel);
}

/** `data-widget` names that occur in the static HTML of a page. */
export function widgetNamesInHtml(html: string): string[] {
  const names = new Set<string>();
  for (const m of html.matchAll(/\sdata-widget\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (name) names.add(name);
  }
  return [...names];
}
