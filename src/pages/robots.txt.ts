import type { APIRoute } from 'astro';

/** robots.txt: everything may be crawled; the sitemap is named when the public origin is known. */
export const GET: APIRoute = ({ site }) => {
  const lines = ['User-agent: *', 'Allow: /'];
  if (site)
    lines.push(
      `Sitemap: ${new URL(`${import.meta.env.BASE_URL.replace(/\/*$/, '/')}sitemap-index.xml`, site).href}`,
    );
  return new Response(`${lines.join('\n')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
