import type { APIRoute } from 'astro';
import { appManifest } from '../lib/app-manifest';
import { base } from '../lib/paths';

/** The web app manifest, under the base path the site is built for. */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(appManifest(base), null, 2)}\n`, {
    headers: { 'content-type': 'application/manifest+json; charset=utf-8' },
  });
