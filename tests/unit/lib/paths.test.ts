import { href, swapLocale } from '../../../src/lib/paths';

describe('href(path)', () => {
  it('prefixes the base path exactly once', () => {
    expect(href('en/')).toBe('/en/');
    expect(href('/en/lessons/x/')).toBe('/en/lessons/x/');
  });
});

describe('swapLocale(pathname, from, to)', () => {
  it('keeps the page and changes only the language', () => {
    expect(swapLocale('/en/lessons/01-what-is-rf/', 'en', 'ru')).toBe('/ru/lessons/01-what-is-rf/');
  });

  it('falls back to the other language home for pages outside the locale tree', () => {
    expect(swapLocale('/', 'en', 'ru')).toBe('/ru/');
  });
});
