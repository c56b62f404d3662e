/**
 * Renders the web app icons the manifest names (PNG, into public/icons/) from the site's favicon:
 * 192 and 512 px with the favicon's rounded square, and a 512 px "maskable" icon whose mark sits
 * inside the central safe zone on a full-bleed background (launchers crop it to their own shape).
 * Run after changing public/favicon.svg:
 *
 *   npx tsx scripts/app-icons.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'public', 'icons');
const favicon = readFileSync(path.join(root, 'public', 'favicon.svg'), 'utf8');

interface Icon {
  file: string;
  size: number;
  /** Share of the icon the favicon's mark takes (the rest is background). */
  mark: number;
  background: string;
}

const ICONS: Icon[] = [
  { file: 'icon-192.png', size: 192, mark: 1, background: 'transparent' },
  { file: 'icon-512.png', size: 512, mark: 1, background: 'transparent' },
  // The maskable safe zone is the central circle of 80 % diameter; the mark stays well inside it.
  { file: 'maskable-512.png', size: 512, mark: 0.56, background: '#fbfaf7' },
];

function html(icon: Icon): string {
  const px = Math.round(icon.size * icon.mark);
  return `<!doctype html><html><head><style>
  html,body{margin:0;width:${icon.size}px;height:${icon.size}px;background:${icon.background};overflow:hidden}
  body{display:flex;align-items:center;justify-content:center}
  svg{width:${px}px;height:${px}px;display:block}
  </style></head><body>${favicon}</body></html>`;
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(html(icon), { waitUntil: 'load' });
    await page.screenshot({
      path: path.join(outDir, icon.file),
      type: 'png',
      omitBackground: icon.background === 'transparent',
    });
    await page.close();
    console.log(`wrote public/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
