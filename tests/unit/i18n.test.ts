import { dictionaryKeys, isLocale, otherLocale, t } from '../../src/i18n';

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
