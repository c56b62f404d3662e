/**
 * Just enough HTML reading for link checking: ids (fragment targets) and the URLs a page refers to.
 * The input is the output of our own build, so regular expressions over attributes are adequate.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

function attrValues(html: string, attr: string): string[] {
  const re = new RegExp(`\\s${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>"']+))`, 'gi');
  const values: string[] = [];
  for (const m of html.matchAll(re)) values.push(decodeEntities(m[1] ?? m[2] ?? m[3] ?? ''));
  return values;
}

/** Every value a fragment can target: `id` attributes, plus `name` on anchors. */
export function fragmentTargets(html: string): Set<string> {
  const ids = new Set(attrValues(html, 'id'));
  for (const m of html.matchAll(/<a\s[^>]*>/gi)) for (const name of attrValues(m[0], 'name')) ids.add(name);
  return ids;
}

/** Whether `#fragment` (raw, possibly percent-encoded) points at something on a page with these ids. */
export function fragmentExists(fragment: string, ids: Set<string>): boolean {
  if (fragment === '' || fragment.toLowerCase() === 'top') return true;
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // keep the raw value
  }
  return ids.has(decoded) || ids.has(fragment);
}

/** `href` values of `<a>` and `<area>` elements. */
export function linkHrefs(html: string): string[] {
  const hrefs: string[] = [];
  for (const m of html.matchAll(/<(?:a|area)\s[^>]*>/gi)) hrefs.push(...attrValues(m[0], 'href'));
  return hrefs;
}

/**
 * URLs of the resources a page loads or may load: scripts, stylesheets, preloads, icons, images,
 * media, and the component and renderer modules of Astro islands.
 */
export function resourceRefs(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<(script|img|source|video|audio|track|iframe|embed|input)\s[^>]*>/gi)) {
    refs.push(...attrValues(m[0], 'src'));
    for (const srcset of attrValues(m[0], 'srcset')) refs.push(...parseSrcset(srcset));
  }
  for (const m of html.matchAll(/<link\s[^>]*>/gi)) {
    const rel = attrValues(m[0], 'rel').join(' ').toLowerCase();
    if (/\b(stylesheet|modulepreload|preload|prefetch|icon|apple-touch-icon|manifest)\b/.test(rel)) {
      refs.push(...attrValues(m[0], 'href'));
    }
  }
  for (const m of html.matchAll(/<astro-island\s[^>]*>/gi)) {
    refs.push(
      ...attrValues(m[0], 'component-url'),
      ...attrValues(m[0], 'renderer-url'),
      ...attrValues(m[0], 'before-hydration-url'),
    );
  }
  for (const m of html.matchAll(/<(?:video)\s[^>]*>/gi)) refs.push(...attrValues(m[0], 'poster'));
  return refs.filter((r) => r !== '');
}

function parseSrcset(srcset: string): string[] {
  return srcset
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter((u) => u !== '');
}

/** `url(...)` and `@import` references inside a stylesheet. */
export function cssRefs(css: string): string[] {
  const refs: string[] = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g))
    refs.push(m[1] ?? m[2] ?? m[3] ?? '');
  for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) refs.push(m[1] ?? m[2] ?? '');
  return refs.filter((r) => r !== '' && !r.startsWith('data:') && !r.startsWith('#'));
}

/** Static `import` / `export ... from` / dynamic `import()` specifiers of an ES module that are relative or absolute paths. */
export function jsImportRefs(js: string): string[] {
  const refs = new Set<string>();
  const patterns = [
    /\bimport\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+)["']/g,
    /\bexport\s*[\w*${}\s,]*from\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of js.matchAll(re)) if (m[1]) refs.add(m[1]);
  return [...refs].filter((r) => r.startsWith('./') || r.startsWith('../') || r.startsWith('/'));
}
