/**
 * Content-Security-Policy for the built site, as a <meta http-equiv> in every page's head. The policy
 * allows only the site's own files plus the exact inline scripts each page was built with, by their
 * SHA-256 hashes computed from the emitted HTML after the build — so a script that was not in the build
 * (injected through a crafted link, say) does not run, and nothing needs `unsafe-inline` or `unsafe-eval`
 * for scripts. Styles keep 'unsafe-inline': KaTeX and the widgets position elements with style attributes.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** 'sha256-…' sources for every inline script of a page, in order of first appearance, without repeats. */
export function inlineScriptHashes(html: string): string[] {
  const out = new Set<string>();
  for (const match of html.matchAll(SCRIPT)) {
    const attrs = match[1] ?? '';
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const digest = createHash('sha256')
      .update(match[2] ?? '', 'utf8')
      .digest('base64');
    out.add(`'sha256-${digest}'`);
  }
  return [...out];
}

/** The policy for one page: its inline-script hashes, and `wasm-unsafe-eval` when the site runs WebAssembly. */
export function policyFor(hashes: readonly string[], options: { wasm?: boolean } = {}): string {
  const script = ["'self'", ...hashes, ...(options.wasm ? ["'wasm-unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // Small fonts (KaTeX's) are inlined into the CSS as data: URLs by the bundler.
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "media-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The page with its policy meta inserted first in <head> (after the charset meta, before any script,
 * since a meta policy only governs what follows it); a page that already has a policy is unchanged.
 */
export function withCsp(html: string, options: { wasm?: boolean } = {}): string {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) return html;
  // Pages without a <head> tag (redirects) get the policy where their implied head begins.
  const head = /<head(\s[^>]*)?>/i.exec(html) ?? /^(\s*<!doctype html>)?/i.exec(html);
  if (head === null) return html;
  let at = head.index + head[0].length;
  const charset = /^\s*<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*\/?>/i.exec(html.slice(at));
  if (charset !== null) at += charset[0].length;
  const meta = `<meta http-equiv="content-security-policy" content="${policyFor(inlineScriptHashes(html), options)}">`;
  return html.slice(0, at) + meta + html.slice(at);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Astro integration: after the build, adds each page's policy to every HTML file of the output. */
export default function csp() {
  return {
    name: 'receptive-field-lab-csp',
    hooks: {
      'astro:build:done': async ({ dir }: { dir: URL }) => {
        const root = fileURLToPath(dir);
        // The search index runs WebAssembly, which needs 'wasm-unsafe-eval' (not 'unsafe-eval').
        const wasm = await exists(join(root, 'pagefind'));
        for (const file of await htmlFiles(root)) {
          const html = await readFile(file, 'utf8');
          const next = withCsp(html, { wasm });
          if (next !== html) await writeFile(file, next);
        }
      },
    },
  };
}
