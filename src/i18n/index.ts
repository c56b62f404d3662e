import type en from './en.json';

/** The site's locales, in the order the language switch lists them. */
export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];
export type UiKey = keyof typeof en;
type Strings = Partial<Record<UiKey, string>>;

/**
 * The strings known so far. Server rendering and tests know every string of both languages; in the
 * browser a page holds only its own language, and only the groups of keys its modules name: each
 * module brings them through a loader the build adds (vite-plugin.ts calls `addStrings`).
 */
const dictionaries: Record<Locale, Strings> = { en: {}, ru: {} };
if (import.meta.env.SSR || import.meta.env.MODE === 'test') {
  const [enStrings, ruStrings] = await Promise.all([import('./en.json'), import('./ru.json')]);
  addStrings('en', enStrings.default);
  addStrings('ru', ruStrings.default);
}

/** Makes `strings` of `locale` known to `t` (the browser's per-group loaders call this). */
export function addStrings(locale: Locale, strings: Readonly<Record<string, string>>): void {
  Object.assign(dictionaries[locale], strings);
}

/** True when `value` names one of the site's locales. */
export function isLocale(value: string | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? '');
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

// `{n, plural, one {# layer} other {# layers}}`: the ICU MessageFormat plural, without nesting.
const PLURAL = /\{(\w+), plural,((?:\s*\w+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(\w+)\s*\{([^{}]*)\}/g;

/**
 * The UI string `key` in `locale` with every `{name}` replaced by `values[name]` (the one
 * interpolation style), and every `{name, plural, one {…} few {…} many {…} other {…}}` replaced by
 * the case Intl.PluralRules picks for the number `values[name]` in `locale` (`#` in a case is that
 * value, inserted as given like `{name}`: callers format numbers, e.g. with parts/number.ts). Every dictionary has every key (a unit test enforces it).
 */
export function t(locale: Locale, key: UiKey, values?: Readonly<Record<string, string | number>>): string {
  const text = dictionaries[locale][key];
  if (text === undefined) {
    // In the browser: a module named a key its group loader did not bring (see vite-plugin.ts).
    console.error(`UI string ${key} (${locale}) is not loaded on this page`);
    return key;
  }
  return values === undefined ? text : interpolate(locale, text, values);
}

/**
 * `text` with its `{name}` and `{name, plural, …}` placeholders filled from `values` (see `t`): for
 * templates that reach a page script as data rather than through `t`.
 */
export function interpolate(
  locale: Locale,
  text: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return text
    .replace(PLURAL, (whole, name: string, cases: string) => {
      const n = Number(values[name]);
      if (!(name in values) || !Number.isFinite(n)) return whole;
      const forms = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1], m[2] ?? '']));
      const form = forms.get(pluralCategory(locale, n)) ?? forms.get('other') ?? '';
      return form.replace(/#/g, String(values[name]));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The other locale, for the language switch. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'ru' : 'en';
}

/** Every key of every dictionary, for the parity test. */
export function dictionaryKeys(): Record<Locale, string[]> {
  return { en: Object.keys(dictionaries.en), ru: Object.keys(dictionaries.ru) };
}
