import { t } from '../i18n';

/** Light and dark page backgrounds (global.css `--bg`), for the browser's frame and splash screen. */
export const THEME_COLORS = { light: '#fbfaf7', dark: '#14161b' } as const;

/**
 * The web app manifest for a site built under `base` ('/' or '/rf-lab/'): the course installs as an
 * app that opens on the home page, scoped to the base path (an install under /rf-lab/ never claims
 * the rest of the host), with self-hosted icons from public/icons/ (scripts/app-icons.ts).
 */
export function appManifest(base: string) {
  return {
    name: t('en', 'site.name'),
    short_name: 'RF Lab',
    description: t('en', 'site.tagline'),
    lang: 'en',
    dir: 'ltr',
    id: base,
    start_url: base,
    scope: base,
    display: 'standalone',
    background_color: THEME_COLORS.light,
    theme_color: THEME_COLORS.light,
    icons: [
      { src: `${base}icons/icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: `${base}icons/icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: `${base}icons/maskable-512.png`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: `${base}favicon.svg`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
