import { dictionaryKeys, isLocale, otherLocale, t } from '../../src/i18n';
import { groupsNamedIn, keyGroup } from '../../src/i18n/vite-plugin';

describe('UI dictionaries', () => {
  it('have exactly the same keys in English and Russian', () => {
    const { en, ru } = dictionaryKeys();
    expect([...ru].sort()).toEqual([...en].sort());
  });

  it('have no empty strings', () => {
    const { en } = dictionaryKeys();
    for (const key of en) {
      expect(t('en', key as never).trim(), key).not.toBe('');
      expect(t('ru', key as never).trim(), key).not.toBe('');
    }
  });

  it('translate the Russian UI into Cyrillic, not copies of the English', () => {
    expect(t('ru', 'nav.lessons')).toBe('Уроки');
    expect(t('ru', 'home.title')).not.toBe(t('en', 'home.title'));
  });
});

describe('locales', () => {
  it('recognise only en and ru', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('ru')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });

  it('switch to the other language', () => {
    expect(otherLocale('en')).toBe('ru');
    expect(otherLocale('ru')).toBe('en');
  });
});

describe('plurals', () => {
  // CLDR Russian cardinals: one = 1, 21, 101…; few = 2–4, 22–24…; many = 0, 5–20, 25…; other = fractions.
  it.for([
    [1, '1 слой'],
    [3, '3 слоя'],
    [5, '5 слоёв'],
    [11, '11 слоёв'],
    [21, '21 слой'],
    [22, '22 слоя'],
    [101, '101 слой'],
    [112, '112 слоёв'],
  ] as const)('pick the Russian form for %i (Intl.PluralRules)', ([n, words]) => {
    expect(t('ru', 'widget.calc.tooManyLayers', { n, max: 64 })).toContain(`В этой сети ${words},`);
  });

  it('pick the English form and leave the other placeholders to the one interpolation style', () => {
    expect(t('en', 'widget.calc.tooManyLayers', { n: 1, max: 64 })).toContain(
      'has 1 layer; the calculator takes at most 64.',
    );
    expect(t('en', 'widget.calc.tooManyLayers', { n: 10000, max: 64 })).toContain('has 10000 layers;');
  });
});

describe('one language per page (the build splits the dictionaries by group)', () => {
  it('groups keys by their first two parts, or the first part of a two-part key', () => {
    expect(keyGroup('widget.calc.err.notInteger')).toBe('widget.calc');
    expect(keyGroup('parts.field.whole')).toBe('parts.field');
    expect(keyGroup('search.open')).toBe('search');
  });

  it('finds the groups a module names in string and template literals, and no others', () => {
    const groups = ['widget.erf', 'widget.erfGrid', 'widget.calc', 'search'];
    const code = "t(locale, 'widget.erfGrid.x'); t(locale, `widget.calc.preset.${p}`); const s = 'search';";
    expect(groupsNamedIn(code, groups)).toEqual(['widget.erfGrid', 'widget.calc']);
    expect(groupsNamedIn('"widget.erf.luo"', groups)).toEqual(['widget.erf']);
  });
});
