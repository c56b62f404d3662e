import en from './en.json';
import ru from './ru.json';

/** The site's locales, in the order the language switch lists them. */
export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];
export type UiKey = keyof typeof en;

const dictionaries: Record<Locale, Record<UiKey, string>> = { en, ru };

/** True when `value` names one of the site's locales. */
export function isLocale(value: string | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? '');
}

/**
 * The UI string `key` in `locale` with every `{name}` replaced by `values[name]` (the one
 * interpolation style); every dictionary has every key (a unit test enforces it).
 */
export function t(locale: Locale, key: UiKey, values?: Readonly<Record<string, string | number>>): string {
  const text = dictionaries[locale][key];
  if (values === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The other locale, for the language switch. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'ru' : 'en';
}

/** Every key of every dictionary, for the parity test. */
export function dictionaryKeys(): Record<Locale, string[]> {
  return { en: Object.keys(en), ru: Object.keys(ru) };
}
