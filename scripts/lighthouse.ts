/**
 * Lighthouse (mobile preset) over every page of a built site, served with gzip like a static host:
 *
 *   npm run build && npm run lighthouse               # dist/ at /
 *   BASE_PATH=/rf-lab/ npm run lighthouse -- dist      # a subpath build
 *
 * Prints performance, accessibility, best practices and SEO per page and the audits that cost
 * points. Pages are audited one at a time in one headless Chromium (CHROME_PATH, default
 * /usr/bin/chromium). Performance is measured, so it varies with the machine's load; the other
 * three categories are deterministic and asserted by tests/e2e/lighthouse.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startStaticServer } from './serve-static';
import { CHROMIUM_ARGS } from '../tests/e2e/support/chromium';
import { discoverPages } from '../tests/e2e/support/site';

export type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
export const ALL_CATEGORIES: readonly Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];
export const DETERMINISTIC_CATEGORIES: readonly Category[] = ['accessibility', 'best-practices', 'seo'];

export interface PageScore {
  url: string;
  /** Score per category, 0–100. */
  scores: Partial<Record<Category, number>>;
  /** Audits that did not pass (performance: scored below 0.9), as `category/id: title`. */
  failing: string[];
  seconds: number;
}

export interface Auditor {
  audit(url: string): Promise<PageScore>;
  close(): Promise<void>;
}

/** Starts one Chromium for Lighthouse and audits URLs one after the other. */
export async function startAuditor(categories: readonly Category[]): Promise<Auditor> {
  const measured = categories.includes('performance');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROMIUM_ARGS,
    logLevel: 'error',
  });
  return {
    async audit(url) {
      const started = performance.now();
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...categories],
        // Without performance nothing is timed, so the page need not be throttled or waited on.
        ...(measured
          ? {}
          : {
              throttlingMethod: 'provided' as const,
              disableFullPageScreenshot: true,
            }),
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
      const scores: Partial<Record<Category, number>> = {};
      const failing: string[] = [];
      for (const id of categories) {
        const category = lhr.categories[id];
        if (!category) continue;
        scores[id] = Math.round((category.score ?? 0) * 100);
        for (const ref of category.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (!audit || ref.weight === 0) continue;
          if (audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric') {
            const threshold = id === 'performance' ? 0.9 : 1;
            if ((audit.score ?? 0) < threshold)
              failing.push(
                `${id}/${ref.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
              );
          }
        }
      }
      return { url, scores, failing, seconds: (performance.now() - started) / 1000 };
    },
    async close() {
      chrome.kill();
    },
  };
}

/** The pages of a build worth auditing: every page except the old addresses that only redirect and the noindex embed pages. */
export function auditedPages(dir: string): string[] {
  return discoverPages(dir).filter((rel) => {
    const html = readFileSync(path.join(dir, rel, 'index.html'), 'utf8');
    // Redirects, and embed pages: those are `noindex` by design (a widget for an iframe elsewhere), which
    // Lighthouse's SEO category counts against them; tests/e2e/pages.test.ts checks them with axe.
    return !/<meta http-equiv="refresh"/i.test(html) && !/<meta name="robots" content="noindex">/i.test(html);
  });
}

/** A fixed-width table of scores, one row per page. */
export function formatTable(
  rows: readonly PageScore[],
  categories: readonly Category[],
  origin: string,
): string {
  const head = ['page', ...categories.map((c) => (c === 'best-practices' ? 'best practices' : c))];
  const body = rows.map((r) => [
    r.url.slice(origin.length),
    ...categories.map((c) => String(r.scores[c] ?? '–')),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const dir = path.resolve(argv[0] ?? 'dist');
  const base = process.env.BASE_PATH ?? '/';
  const server = await startStaticServer({ root: dir, base, gzip: true });
  const auditor = await startAuditor(ALL_CATEGORIES);
  const rows: PageScore[] = [];
  try {
    for (const rel of auditedPages(dir)) {
      const row = await auditor.audit(`${server.url}${rel}`);
      rows.push(row);
      console.error(`${row.url.slice(server.origin.length)}: ${row.seconds.toFixed(1)} s`);
    }
  } finally {
    await auditor.close();
    await server.close();
  }
  console.log(formatTable(rows, ALL_CATEGORIES, server.origin));
  const failing = rows.flatMap((r) => r.failing.map((f) => `${r.url.slice(server.origin.length)} ${f}`));
  if (failing.length > 0) console.log(`\nAudits that cost points:\n  ${failing.join('\n  ')}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
