/**
 * The Content-Security-Policy of the built site: every page carries one as its first head element,
 * with no unsafe script sources, and it is enforced — a script that was not in the build does not run,
 * and the violation is reported (recordProblems counts violations as page errors on every page).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { e2eContext } from './support/context';
import { recordProblems, withPage } from './support/browser';
import { pageUrl } from './support/site';

const site = e2eContext().root;

describe('Content-Security-Policy', () => {
  test('a lesson page declares a strict policy before any script', async () => {
    await withPage({}, async (page) => {
      await page.goto(pageUrl(site, 'en/lessons/05-calculator/'), { waitUntil: 'load' });
      const policy = await page.evaluate(() => {
        const meta = document.head.querySelector('meta[http-equiv="content-security-policy"]');
        const first = document.head.querySelector('script');
        const before =
          meta !== null &&
          (first === null || !!(meta.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING));
        return { content: meta?.getAttribute('content') ?? '', before };
      });
      expect(policy.before).toBe(true);
      expect(policy.content).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+/);
      expect(policy.content).toContain("connect-src 'self'");
      expect(policy.content).toContain("object-src 'none'");
      expect(policy.content).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    });
  });

  test('a script injected after the build is blocked and reported as a violation', async () => {
    await withPage({}, async (page) => {
      const problems = recordProblems(page, site.origin);
      await page.goto(pageUrl(site, 'en/'), { waitUntil: 'load' });
      const ran = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true;';
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return (window as unknown as { __injected?: boolean }).__injected === true;
      });
      expect(ran).toBe(false);
      await expect
        .poll(() => problems.cspViolations.filter((v) => v.includes('script-src')).length)
        .toBeGreaterThan(0);
    });
  });

  test('every built HTML page has the policy, with the hash of each of its inline scripts', async () => {
    const files = (await readdir(site.dir, { recursive: true })).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const html = await readFile(join(site.dir, file), 'utf8');
      const policy = /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html)?.[1];
      expect(policy, file).toBeDefined();
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        if (/\ssrc=/.test(m[1] ?? '')) continue;
        const hash = createHash('sha256')
          .update(m[2] ?? '')
          .digest('base64');
        expect(policy, file).toContain(`'sha256-${hash}'`);
      }
    }
  });
});
