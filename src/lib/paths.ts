/** The site's base path with exactly one trailing slash ('/' or '/rf-lab/'). */
export const base: string = (import.meta.env.BASE_URL ?? '/').replace(/\/*$/, '/');

/** An absolute site URL for a path inside the site: href('en/lessons/') → '/rf-lab/en/lessons/'. */
export function href(path: string): string {
  return base + path.replace(/^\/+/, '');
}

/** The same page in another locale: '/rf-lab/en/lessons/x/' → '/rf-lab/ru/lessons/x/'. */
export function swapLocale(pathname: string, from: string, to: string): string {
  const prefix = `${base}${from}/`;
  return pathname.startsWith(prefix) ? `${base}${to}/${pathname.slice(prefix.length)}` : `${base}${to}/`;
}
