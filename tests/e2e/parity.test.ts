/** Both languages have the same pages: every `/en/...` page has a `/ru/...` twin and vice versa. */
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { counterpart, discoverPages, langOf, LANGS } from './support/site';

const { root, sub } = e2eContext();

describe.for([
  ['/', root],
  [sub.base, sub],
] as const)('language parity of the build under %s', ([, site]) => {
  const pages = discoverPages(site.dir);

  test('every page exists in both languages', () => {
    const set = new Set(pages);
    const missing = pages
      .filter((rel) => langOf(rel) !== null)
      .map((rel) => [rel, counterpart(rel) as string] as const)
      .filter(([, twin]) => !set.has(twin))
      .map(([rel, twin]) => `${site.base}${rel} has no ${site.base}${twin}`);
    expect(missing).toEqual([]);
  });

  test('both languages have a home page and the same lessons', () => {
    for (const lang of LANGS) expect(pages).toContain(`${lang}/`);
    const lessons = (lang: string) =>
      pages.filter((rel) => rel.startsWith(`${lang}/lessons/`)).map((rel) => rel.slice(lang.length));
    expect(lessons('ru')).toEqual(lessons('en'));
  });

  test('no page lives outside the landing page and the two language trees', () => {
    expect(pages.filter((rel) => rel !== '' && langOf(rel) === null).map((rel) => site.base + rel)).toEqual(
      [],
    );
  });
});
