/**
 * One language per page. In the browser a module gets only the UI strings of the page's language,
 * and only the groups of keys it names: the client build scans every module of the site for key
 * literals ("widget.calc.…", `widget.design.block.${…}`, "search.…") and gives the module a
 * side-effect import of one small loader per group it names. The loader awaits the page's locale
 * (from `<html lang>`) and then only that locale's strings of that group, which Vite emits as a
 * chunk of its own per locale and group. Server rendering, tests and the CLI read the whole
 * dictionaries (see index.ts), so markup rendered at build time is unchanged.
 *
 * A group is the key up to its second dot for keys of three or more parts ("widget.calc.err.x" →
 * "widget.calc") and the first part otherwise ("search.open" → "search").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const LOCALES = ['en', 'ru'] as const;
const GROUP_PREFIX = 'virtual:rf-i18n/group/';
const DATA_PREFIX = 'virtual:rf-i18n/data/';

/** The group a key belongs to (see the module comment). */
export function keyGroup(key: string): string {
  const parts = key.split('.');
  return parts.length >= 3 ? `${parts[0]}.${parts[1]}` : (parts[0] ?? key);
}

/** The groups whose keys `code` names as string or template literals. */
export function groupsNamedIn(code: string, groups: readonly string[]): string[] {
  return groups.filter((g) => code.includes(`'${g}.`) || code.includes(`"${g}.`) || code.includes(`\`${g}.`));
}

// The chunk takes its name from the id: "strings-ru-widget-calc.[hash].js".
const dataId = (locale: string, group: string): string =>
  `${DATA_PREFIX}strings-${locale}-${group.replace('.', '-')}`;

function readDictionary(locale: string): Record<string, string> {
  return JSON.parse(readFileSync(`${here}${locale}.json`, 'utf8')) as Record<string, string>;
}

export default function i18nSplit(): Plugin {
  const indexModule = `${here}index.ts`;
  let groups: string[] = [];
  return {
    name: 'rf-lab:i18n-split',
    enforce: 'post',
    buildStart() {
      groups = [...new Set(Object.keys(readDictionary('en')).map(keyGroup))].sort();
    },
    resolveId(id) {
      if (id.startsWith(GROUP_PREFIX) || id.startsWith(DATA_PREFIX)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id.startsWith(`\0${GROUP_PREFIX}`)) {
        const group = id.slice(GROUP_PREFIX.length + 1);
        const loaders = LOCALES.map((l) => `${l}: () => import(${JSON.stringify(dataId(l, group))})`);
        return [
          `import { addStrings, isLocale } from ${JSON.stringify(indexModule)};`,
          `const lang = document.documentElement.lang;`,
          `const locale = isLocale(lang) ? lang : 'en';`,
          `const loaders = { ${loaders.join(', ')} };`,
          `addStrings(locale, (await loaders[locale]()).default);`,
        ].join('\n');
      }
      if (id.startsWith(`\0${DATA_PREFIX}`)) {
        const wanted = id.slice(1);
        const locale = LOCALES.find((l) => groups.some((g) => dataId(l, g) === wanted));
        const group = groups.find((g) => locale !== undefined && dataId(locale, g) === wanted);
        if (locale === undefined || group === undefined) return null;
        const strings = Object.fromEntries(
          Object.entries(readDictionary(locale)).filter(([key]) => keyGroup(key) === group),
        );
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(strings))});`;
      }
      return null;
    },
    transform(code, id, options) {
      if (options?.ssr) return null;
      if (id.startsWith('\0') || id.includes('/node_modules/') || id.startsWith(here)) return null;
      // Widgets and their modules; the pages' own scripts (.astro) use no dictionary in the browser.
      if (!/\.(svelte|ts|js|mjs)(\?.*)?$/.test(id) || /[?&]type=style/.test(id)) return null;
      const named = groupsNamedIn(code, groups);
      if (named.length === 0) return null;
      const imports = named.map((g) => `import ${JSON.stringify(`${GROUP_PREFIX}${g}`)};`).join('');
      // On the first line, so the module's own lines keep their numbers.
      return { code: `${imports}${code}`, map: null };
    },
  };
}
