/**
 * Renders the Open Graph cards (1200 × 630 PNG) that link previews show: one for the site and one
 * per lesson and language, into public/og/. Run after adding or renaming a lesson:
 *
 *   npm run og-images
 *
 * The cards are drawn by the system Chromium from plain HTML with the site's own fonts, so they are
 * self-hosted files like every other asset; a lesson without a card falls back to the site card.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'public', 'og');

interface Card {
  file: string;
  eyebrow: string;
  title: string;
  lang: string;
}

/** The title and order of a lesson from its frontmatter (plain `key: value` lines). */
function frontmatter(file: string): { title: string; order: number } {
  const text = readFileSync(file, 'utf8');
  const head = text.split(/^---$/m)[1] ?? '';
  const field = (key: string): string => {
    const line = head.split('\n').find((l) => l.startsWith(`${key}:`)) ?? '';
    return line
      .slice(key.length + 1)
      .trim()
      .replace(/^(['"])(.*)\1$/, '$2');
  };
  return { title: field('title'), order: Number(field('order')) };
}

function cards(): Card[] {
  const list: Card[] = [
    { file: 'site.png', eyebrow: 'CNN · receptive field', title: 'Receptive Field Lab', lang: 'en' },
  ];
  const label = { en: 'Lesson', ru: 'Урок' } as const;
  for (const locale of ['en', 'ru'] as const) {
    for (const name of readdirSync(path.join(root, 'content', locale)).filter((f) => f.endsWith('.mdx'))) {
      const { title, order } = frontmatter(path.join(root, 'content', locale, name));
      list.push({
        file: `${locale}/${name.replace(/\.mdx$/, '')}.png`,
        eyebrow: `${label[locale]} ${order}`,
        title,
        lang: locale,
      });
    }
  }
  return list;
}

function fontFace(family: string, pkg: string, file: string): string {
  const data = readFileSync(path.join(root, 'node_modules', pkg, 'files', file)).toString('base64');
  return `@font-face{font-family:'${family}';src:url(data:font/woff2;base64,${data}) format('woff2');font-weight:100 900;}`;
}

function html(card: Card, fonts: string): string {
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="${card.lang}"><head><meta charset="utf-8"><style>${fonts}
  html,body{margin:0;width:1200px;height:630px;background:#fbfaf7;color:#1d1f24;font-family:'Inter',sans-serif}
  .card{position:relative;box-sizing:border-box;width:1200px;height:630px;padding:72px 80px;display:flex;flex-direction:column;justify-content:space-between}
  .eyebrow{color:#c2410c;font-weight:700;font-size:34px;letter-spacing:.06em;text-transform:uppercase}
  h1{margin:0;font-size:76px;line-height:1.08;letter-spacing:-.02em;max-width:820px}
  .brand{display:flex;align-items:center;gap:20px;font-size:34px;font-weight:700}
  .grid{position:absolute;right:72px;top:72px;display:grid;grid-template-columns:repeat(7,34px);gap:6px}
  .grid i{width:34px;height:34px;border-radius:5px;background:#f2f0ea}
  .grid i.rf{background:#fed7aa}.grid i.c{background:#c2410c}
  </style></head><body><div class="card">
  <div class="grid">${Array.from({ length: 49 }, (_, i) => {
    const r = Math.floor(i / 7);
    const c = i % 7;
    const cls = r === 3 && c === 3 ? 'c' : r >= 1 && r <= 5 && c >= 1 && c <= 5 ? 'rf' : '';
    return `<i class="${cls}"></i>`;
  }).join('')}</div>
  <div class="eyebrow">${escape(card.eyebrow)}</div>
  <h1>${escape(card.title)}</h1>
  <div class="brand"><svg width="52" height="52" viewBox="0 0 28 28"><rect x="1" y="1" width="26" height="26" rx="5" fill="none" stroke="#1d1f24" stroke-width="2"/><rect x="8" y="8" width="12" height="12" rx="2" fill="#c2410c"/><rect x="12" y="12" width="4" height="4" fill="#fbfaf7"/></svg>Receptive Field Lab</div>
  </div></body></html>`;
}

const fonts =
  fontFace('Inter', '@fontsource-variable/inter', 'inter-cyrillic-wght-normal.woff2') +
  fontFace('Inter', '@fontsource-variable/inter', 'inter-latin-wght-normal.woff2');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  for (const card of cards()) {
    await page.setContent(html(card, fonts), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(outDir, card.file);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, type: 'png' });
    console.log(`wrote public/og/${card.file}`);
  }
} finally {
  await browser.close();
}
