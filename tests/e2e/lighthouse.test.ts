/**
 * Lighthouse (mobile preset, 12.2.3, the system Chromium) on the subpath build served with gzip:
 * accessibility, best practices and SEO must be 100. Those three categories are deterministic;
 * performance depends on the machine and is printed by `npm run lighthouse` instead.
 *
 * Lighthouse takes several seconds a page, so by default it audits a representative set: the
 * landing page, both home pages and every lesson once, alternating the language (odd lessons in
 * English, even ones in Russian). E2E_LIGHTHOUSE=all audits every page in both languages.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import {
  auditedPages,
  DETERMINISTIC_CATEGORIES,
  formatTable,
  startAuditor,
  type Auditor,
  type PageScore,
} from '../../scripts/lighthouse';
import { e2eContext } from './support/context';
import { isLesson, pageUrl } from './support/site';

const site = e2eContext().sub;
const all = auditedPages(site.dir);
const pages =
  process.env.E2E_LIGHTHOUSE === 'all'
    ? all
    : all.filter((rel) => {
        if (!isLesson(rel)) return !rel.includes('/embed/');
        const order = Number(/lessons\/(\d+)/.exec(rel)?.[1] ?? 0);
        return rel.startsWith(order % 2 === 1 ? 'en/' : 'ru/');
      });

let auditor: Auditor;
const rows: PageScore[] = [];
beforeAll(async () => {
  process.env.CHROME_PATH ??= '/usr/bin/chromium';
  auditor = await startAuditor(DETERMINISTIC_CATEGORIES);
});
afterAll(async () => {
  await auditor?.close();
  if (rows.length > 0) {
    const seconds = rows.reduce((sum, r) => sum + r.seconds, 0);
    console.log(
      `${formatTable(rows, DETERMINISTIC_CATEGORIES, site.origin)}\n${rows.length} pages in ${seconds.toFixed(0)} s`,
    );
  }
});

test('the audited set covers both languages and every lesson', () => {
  const lessons = (lang: string): string[] => all.filter((rel) => isLesson(rel) && rel.startsWith(lang));
  const slug = (rel: string): string => rel.split('/').slice(1).join('/');
  expect(pages).toEqual(expect.arrayContaining(['', 'en/', 'ru/']));
  expect(new Set(pages.filter(isLesson).map(slug))).toEqual(new Set(lessons('en/').map(slug)));
  expect(pages.some((rel) => isLesson(rel) && rel.startsWith('ru/'))).toBe(true);
});

describe('Lighthouse accessibility, best practices and SEO are 100', () => {
  test.for(pages)('%s', async (rel) => {
    const row = await auditor.audit(pageUrl(site, rel));
    rows.push(row);
    expect(row.failing, 'audits that did not pass').toEqual([]);
    for (const category of DETERMINISTIC_CATEGORIES) expect.soft(row.scores[category], category).toBe(100);
  });
});
