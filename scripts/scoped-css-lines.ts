/**
 * Lines of scoped CSS: the lines inside the <style> blocks of every .svelte file under components/,
 * per file (largest first) and in total, beside the lines of the global stylesheet.
 *
 *   npx tsx scripts/scoped-css-lines.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return svelteFiles(file);
    return file.endsWith('.svelte') ? [file] : [];
  });
}

/** Lines between `<style>` and `</style>`, the tags themselves not counted. */
function styleLines(source: string): number {
  let lines = 0;
  for (const block of source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
    lines += (block[1] ?? '').split('\n').length - 2;
  }
  return lines;
}

const rows = svelteFiles('components')
  .map((file) => ({ file, lines: styleLines(readFileSync(file, 'utf8')) }))
  .filter((row) => row.lines > 0)
  .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
for (const row of rows) console.log(`${String(row.lines).padStart(5)}  ${row.file}`);
const total = rows.reduce((sum, row) => sum + row.lines, 0);
const global = readFileSync('src/styles/global.css', 'utf8').trimEnd().split('\n').length;
console.log(`${String(total).padStart(5)}  scoped CSS in ${rows.length} files`);
console.log(`${String(global).padStart(5)}  src/styles/global.css`);
